"""How much of the site each language has: per page type its pages by translation status, per snippet type its
translations. Used by `translation_report` and its tests.

Pages follow campaign.i18n.translation_state: of the live French pages of a type, how many are, in a locale's tree,
UNTRANSLATED (an alias, or no page at all), IN_PROGRESS (started, nothing published), OUTDATED (published, the
French page published again since) or TRANSLATED. Coverage is the share published in the locale, OUTDATED included:
visitors read those in their language, though they need updating. Snippets have no publication record: a snippet
counts as translated once it exists in the locale.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page, TranslatableMixin

from campaign.i18n.locales import default_locale
from campaign.i18n.status_queries import PUBLISHED_STATUSES, TRANSLATOR_STATUSES, with_translation_status
from campaign.i18n.translation_state import TranslationStatus


@dataclass
class Coverage:
    kind: str
    locale: str
    total: int
    translated: int
    # Pages by status; None for snippets, whose only states are translated or not.
    statuses: Counter | None = field(default=None)

    @property
    def fallback(self) -> int:
        return self.total - self.translated

    @property
    def percent(self) -> float:
        return 100 * self.translated / self.total if self.total else 100.0

    def count(self, status: TranslationStatus) -> int | None:
        if self.statuses is not None:
            return self.statuses[status]
        if status == TranslationStatus.UNTRANSLATED:
            return self.fallback
        if status == TranslationStatus.TRANSLATED:
            return self.translated
        return None


def page_status_counts(locale: Locale) -> dict[int, Counter]:
    """Per content type id, the statuses in `locale` of the live French pages (two queries)."""
    default = default_locale()
    sources = Counter(Page.objects.filter(locale=default).live().values_list("content_type_id", flat=True).order_by())
    live_keys = Page.objects.filter(locale=default).live().values("translation_key")
    rows = (
        with_translation_status(Page.objects.filter(locale=locale, translation_key__in=live_keys))
        .values_list("content_type_id", "translation_status")
        .order_by()
    )
    counts: dict[int, Counter] = {type_id: Counter() for type_id in sources}
    for type_id, status in rows:
        counts.setdefault(type_id, Counter())[TranslationStatus(status)] += 1
    for type_id, total in sources.items():
        # A French page with no page at all in the locale's tree is served in French too: untranslated.
        counts[type_id][TranslationStatus.UNTRANSLATED] += total - sum(counts[type_id].values())
    return counts


def page_coverage(locale: Locale) -> list[Coverage]:
    counts = page_status_counts(locale)
    types = ContentType.objects.get_for_models(*page_models())
    rows = []
    for model in sorted(page_models(), key=lambda m: str(m._meta.verbose_name)):
        statuses = counts.get(types[model].pk, Counter())
        rows.append(coverage_of(str(model._meta.verbose_name), locale, statuses))
    return rows


def coverage_of(kind: str, locale: Locale, statuses: Counter) -> Coverage:
    statuses = Counter({status: statuses[status] for status in TRANSLATOR_STATUSES})
    translated = sum(statuses[status] for status in PUBLISHED_STATUSES)
    return Coverage(kind, locale.language_code, sum(statuses.values()), translated, statuses)


def all_pages_coverage(locale: Locale, rows: list[Coverage], kind: str) -> Coverage:
    """The locale's pages of every type together."""
    total = Counter()
    for row in rows:
        if row.statuses is not None:
            total.update(row.statuses)
    return coverage_of(kind, locale, total)


def snippet_coverage(locale: Locale) -> list[Coverage]:
    default = default_locale()
    rows = []
    for model in sorted(snippet_models(), key=lambda m: str(m._meta.verbose_name)):
        sources = model.objects.filter(locale=default).values_list("translation_key", flat=True)
        translated = model.objects.filter(locale=locale, translation_key__in=sources).count()
        rows.append(Coverage(str(model._meta.verbose_name), locale.language_code, len(sources), translated))
    return rows


def page_models() -> list[type[Page]]:
    return [m for m in apps.get_app_config("campaign").get_models() if issubclass(m, Page)]


def snippet_models() -> list[type]:
    return [
        m
        for m in apps.get_app_config("campaign").get_models()
        if issubclass(m, TranslatableMixin) and not issubclass(m, Page)
    ]
