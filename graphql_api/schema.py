"""The GraphQL schema the frontend builds on (../shared/API-CONTRACT.md). Resolvers are thin: they ask campaign/."""

from datetime import datetime
from functools import partial

import strawberry
from django.conf import settings
from strawberry.extensions import DisableIntrospection, MaxTokensLimiter
from wagtail.models import Locale as WagtailLocale

from campaign import models
from campaign.i18n.localization import (
    ServedPage,
    UnknownLocale,
    get_locale,
    milestones,
    page_at_path,
    page_in_locale,
    search_pages,
    section,
    served_pages,
    sitemap,
)
from campaign.publishing.preview import PreviewTokenInvalid, previewed_page
from campaign.publishing.redirects import find_redirect

from .cost import sized, sliced
from .deadline import DeadlineExecutionContext, QuietDeadlineExecutionContext
from .errors import ApiError, CodedErrors
from .input_bounds import BoundInputs
from .limits import QueryLimits
from .pagination import page_window
from .types.endorsements import (
    ConfirmEndorsementResult,
    EndorsementFilter,
    EndorsementForm,
    EndorsementInput,
    EndorsementList,
    EndorsementOrder,
    EndorsementStats,
    EndorseResult,
    confirm,
    endorse,
    endorsement_form,
    endorsement_list,
    endorsement_stats,
)
from .types.pages import (
    PAGE_TYPES,
    CampaignPage,
    CharterPage,
    MilestonePage,
    PageNode,
    PageTranslation,
    alternates_of,
    page_node,
)
from .types.site import Site, site_for
from .types.stories import CityStoryFilter, CityStoryList, CityStoryOrder, city_stories


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


@strawberry.type(description="Where an old address now leads.")
class Redirect:
    url: str = strawberry.field(description="A frontend path of this site, or an external URL.")
    permanent: bool = strawberry.field(description="True: answer 301/308; false: 302/307.")


@strawberry.type(description="Search results: the total and one page of them, best first.")
class SearchResults:
    total_count: int
    items: list[PageNode] = strawberry.field(directives=sized(100))


@strawberry.type(description="One page of the sitemap with its other-language versions.")
class SitemapEntry:
    url: str
    last_modified: datetime | None
    alternates: list[PageTranslation] = strawberry.field(directives=sized(5))


def required_section(model, locale_code: str | None):
    served = section(model, requested_locale(locale_code))
    if served is None:
        raise ApiError(f"No published {model._meta.verbose_name} in this locale.", "NOT_FOUND")
    return served


@strawberry.type
class Query:
    @strawberry.field(
        description="The languages the site is published in, the default one first.", directives=sized(10)
    )
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

    @strawberry.field(
        description="The draft being previewed from the admin, by the token of its preview link (valid one hour by "
        "default); also pages never published. Invalid or expired tokens answer PREVIEW_TOKEN_INVALID."
    )
    def preview(self, token: str) -> PageNode | None:
        try:
            return page_node(ServedPage(previewed_page(token)))
        except PreviewTokenInvalid:
            raise ApiError(
                "This preview link is invalid or has expired; open the preview again.", "PREVIEW_TOKEN_INVALID"
            ) from None

    @strawberry.field(description="Site name, menus, social links, hashtags, contact and privacy page, localized.")
    def site(self, locale: str | None = None) -> Site:
        return site_for(requested_locale(locale))

    @strawberry.field(description="The charter, with its chapters and principles in charter order.")
    def charter(self, locale: str | None = None) -> CharterPage:
        return CharterPage(served=required_section(models.CharterPage, locale))

    @strawberry.field(
        description="Every milestone, chronologically; unknown months and days sort first.", directives=sized(60)
    )
    def milestones(self, locale: str | None = None) -> list[MilestonePage]:
        timeline = section(models.TimelinePage, requested_locale(locale))
        if timeline is None:
            return []
        return [MilestonePage(served=m) for m in milestones(timeline)]

    @strawberry.field(
        description="City stories of a locale (untranslated ones as French fallbacks), filtered, faceted and paged. "
        "`limit` above 100 is clamped to 100; a negative `limit` or `offset`, or an unknown filter value, answers "
        "INVALID_INPUT. Cost: each story counts `limit` times.",
        directives=sliced("limit", "items"),
    )
    def city_stories(
        self,
        info: strawberry.Info,
        locale: str | None = None,
        filter: CityStoryFilter | None = None,
        limit: int = 12,
        offset: int = 0,
        order: CityStoryOrder = CityStoryOrder.NEWEST,
    ) -> CityStoryList:
        return city_stories(info, requested_locale(locale), filter, limit, offset, order)

    @strawberry.field(
        description="Pages of a locale matching words, best first (untranslated pages match in French). "
        "`limit` above 100 is clamped; negative values answer INVALID_INPUT. Cost: each result counts `limit` "
        "times.",
        directives=sliced("limit", "items"),
    )
    def search(self, query: str, locale: str | None = None, limit: int = 10, offset: int = 0) -> SearchResults:
        target = requested_locale(locale)
        limit, offset = page_window(limit, offset)
        ids = search_pages(query, target)
        items = [page_node(served) for served in served_pages(ids[offset : offset + limit])]
        return SearchResults(total_count=len(ids), items=items)

    @strawberry.field(description="The #NotABorderTale campaign page.")
    def campaign(self, locale: str | None = None) -> CampaignPage:
        return CampaignPage(served=required_section(models.CampaignPage, locale))

    @strawberry.field(
        description="Every live page of a locale with its alternates, for sitemap.xml and hreflang.",
        directives=sized(300),
    )
    def sitemap(self, locale: str | None = None) -> list[SitemapEntry]:
        return [
            SitemapEntry(
                url=served.url,
                last_modified=served.content.last_published_at,
                alternates=alternates_of(served, others),
            )
            for served, others in sitemap(requested_locale(locale))
        ]

    @strawberry.field(
        description="Approved endorsements, with their public fields only; labels in `locale`. `limit` above 100 "
        "is clamped to 100; negative values answer INVALID_INPUT. Cost: each endorsement counts `limit` times.",
        directives=sliced("limit", "items"),
    )
    def endorsements(
        self,
        info: strawberry.Info,
        locale: str | None = None,
        filter: EndorsementFilter | None = None,
        limit: int = 50,
        offset: int = 0,
        order: EndorsementOrder = EndorsementOrder.NEWEST,
    ) -> EndorsementList:
        return endorsement_list(info, requested_locale(locale), filter, limit, offset, order)

    @strawberry.field(description="Counters of approved endorsements: total, by country, region, kind and month.")
    def endorsement_stats(self, info: strawberry.Info, locale: str | None = None) -> EndorsementStats:
        return endorsement_stats(info, requested_locale(locale))

    @strawberry.field(description="The endorsement form in `locale`: labels, help, choices, consent text and version.")
    def endorsement_form(self, locale: str | None = None) -> EndorsementForm:
        return endorsement_form(requested_locale(locale))

    @strawberry.field(
        description="Where an old path leads: redirects editors made and those Wagtail made when a page's slug "
        "changed or it moved. Null when there is none."
    )
    def redirect(self, path: str) -> Redirect | None:
        found = find_redirect(path)
        return Redirect(url=found.url, permanent=found.permanent) if found else None


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Endorse the charter. Stores nothing unless every field is valid; the errors come in the "
        "signer's `language`. The signer then receives a confirmation link by email."
    )
    def endorse_charter(self, info: strawberry.Info, input: EndorsementInput) -> EndorseResult:
        return endorse(info, input)

    @strawberry.mutation(
        description="Confirm an endorsement with the token of the emailed link (single use, valid 7 days). "
        "`language` chooses the language of an error message."
    )
    def confirm_endorsement(self, token: str, language: str | None = None) -> ConfirmEndorsementResult:
        return confirm(token, language)


class CampaignSchema(strawberry.Schema):
    def process_errors(self, errors, execution_context=None) -> None:
        """Logs only what went wrong on our side (with its traceback): a coded error such as UNKNOWN_LOCALE or a
        validation error is the client's answer, and logging each would bury real failures in the error tracker."""
        super().process_errors([error for error in errors if CodedErrors.is_unexpected(error)], execution_context)


def build_schema(*, introspection: bool) -> strawberry.Schema:
    """The public limits answer QUERY_TOO_COMPLEX; introspection is off in production unless a setting allows it,
    and so are the validation's suggestions of names (they would reveal the schema too)."""
    # Factories, not instances: each request gets fresh extensions (they keep per-operation state).
    extensions = [
        CodedErrors,
        BoundInputs,
        partial(MaxTokensLimiter, max_token_count=settings.GRAPHQL_MAX_TOKENS),
        partial(QueryLimits, hide_suggestions=not introspection),
    ]
    if not introspection:
        extensions.append(DisableIntrospection)
    return CampaignSchema(
        query=Query,
        mutation=Mutation,
        types=PAGE_TYPES,
        extensions=extensions,
        execution_context_class=DeadlineExecutionContext if introspection else QuietDeadlineExecutionContext,
    )


schema = build_schema(introspection=settings.GRAPHQL_PUBLIC_INTROSPECTION)
