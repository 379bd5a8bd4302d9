"""The GraphQL schema the frontend builds on (../shared/API-CONTRACT.md). Resolvers are thin: they ask campaign/."""

import strawberry
from django.conf import settings
from strawberry.extensions import MaskErrors
from wagtail.models import Locale as WagtailLocale

from campaign.localization import UnknownLocale, get_locale, page_at_path, page_in_locale

from .errors import ApiError, is_expected
from .types.pages import PAGE_TYPES, PageNode, page_node


@strawberry.type(description="A language the site is published in.")
class Locale:
    code: str = strawberry.field(description="Language code, used as the `locale` argument and URL prefix: fr, en, es.")
    name: str = strawberry.field(description="The language's name in itself: Français, English, Español.")
    is_default: bool = strawberry.field(description="True for the source language (French), served when none is asked.")


def requested_locale(code: str | None) -> WagtailLocale:
    try:
        return get_locale(code)
    except UnknownLocale as error:
        raise ApiError(str(error), "UNKNOWN_LOCALE") from None


@strawberry.type
class Query:
    @strawberry.field(description="The languages the site is published in, the default one first.")
    def locales(self) -> list[Locale]:
        names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
        locales = [
            Locale(
                code=locale.language_code,
                name=names.get(locale.language_code, locale.language_code),
                is_default=locale.language_code == settings.LANGUAGE_CODE,
            )
            for locale in WagtailLocale.objects.order_by("pk")
        ]
        return sorted(locales, key=lambda locale: not locale.is_default)

    @strawberry.field(
        description="The live page at a frontend path such as /en/charter/dignity/; null when nothing live is there "
        "(the frontend then asks `redirect`, else shows its 404)."
    )
    def page(self, path: str) -> PageNode | None:
        return page_node(page_at_path(path))

    @strawberry.field(description="A page by its id (any language), as served in `locale` (default: fr).")
    def page_by_id(self, id: strawberry.ID, locale: str | None = None) -> PageNode | None:
        target = requested_locale(locale)
        if not str(id).isdigit():
            raise ApiError(f"Not a page id: {id!r}.", "INVALID_INPUT")
        return page_node(page_in_locale(int(id), target))


schema = strawberry.Schema(
    query=Query,
    types=PAGE_TYPES,
    extensions=[MaskErrors(should_mask_error=lambda error: not is_expected(error), error_message="Internal error")],
)
