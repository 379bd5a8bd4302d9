"""A page's language versions: their translation status, for the language switcher and hreflang links."""

from datetime import datetime

import strawberry

from campaign.i18n import translation_state
from campaign.i18n.localization import ServedPage, hreflang_alternates, translations_of

from ..request_cache import cached

TranslationStatus = strawberry.enum(
    translation_state.TranslationStatus,
    name="TranslationStatus",
    description="How far a page is translated into its locale. SOURCE: the French original. UNTRANSLATED: the "
    "locale holds an alias of it. IN_PROGRESS: a translator started but published nothing for this locale. Both "
    "serve the French content (isFallback). TRANSLATED: the locale's own content is published. OUTDATED: "
    "published, but the French source was published again since the translation was last synced.",
)


@strawberry.type(description="How much of a published translation is translated, and since when.")
class TranslationProgress:
    translated_segments: int = strawberry.field(description="Segments translated when it was last published.")
    total_segments: int = strawberry.field(description="Segments the French source had then.")
    translated_at: datetime | None = strawberry.field(description="When this locale's content was last published.")


@strawberry.type(description="Another language version of a page, for hreflang links and the language switcher.")
class PageTranslation:
    locale: str = strawberry.field(description="Language code of that version (x-default: the French original).")
    url: str = strawberry.field(description="Its frontend path.")
    title: str = strawberry.field(description="Its title (the French one when it falls back).")
    is_fallback: bool = strawberry.field(description="True when that locale serves the French content.")
    translation_status: TranslationStatus = strawberry.field(description="How far that version is translated.")


def translation_of(other: ServedPage, locale: str | None = None) -> PageTranslation:
    return PageTranslation(
        locale=locale or other.locale_code,
        url=other.url,
        title=other.content.title,
        is_fallback=other.is_fallback,
        translation_status=other.status,
    )


def alternates_of(served: ServedPage, others: list[ServedPage]) -> list[PageTranslation]:
    return [translation_of(item, hreflang) for hreflang, item in hreflang_alternates(served, others)]


def other_versions(info: strawberry.Info, served: ServedPage) -> list[ServedPage]:
    """The page's other language versions; those of every page of a list are read at once (one query), for the
    pages the list resolver announced as pending."""
    known = cached(info, ("translations",), dict)
    pending = cached(info, ("translations_pending",), list)
    if served.page.translation_key not in known and pending:
        known.update(translations_of(pending))
        pending.clear()
    others = known.get(served.page.translation_key)
    return others if others is not None else served.translations()


def batch_translations(info: strawberry.Info, pages: list[ServedPage]) -> None:
    """Lets the first `translations` field of a list read those of every page in it, in one query, and only if
    the query asks for translations at all."""
    cached(info, ("translations_pending",), list).extend(pages)
