"""cityStories: the filterable, faceted story list (campaign.catalogue.story_catalogue does the work)."""

from collections import Counter
from collections.abc import Callable
from enum import Enum
from functools import partial

import strawberry
from wagtail.models import Locale

from campaign.catalogue.filters import story_filter_values
from campaign.catalogue.story_catalogue import DIMENSIONS, NUMERIC_DIMENSIONS, StoryCatalogue, StoryQuery
from campaign.pages.stories import Scope
from campaign.text.plain import folded

from ..cost import sized, sliced
from ..pagination import page_window
from ..selection import selected_names
from . import taxonomy
from .facets import FacetOrder, FacetValue, by_number, by_position, checked, country_label, facet_values, term_label
from .locales import requested_locale
from .stories import CityStoryPage, action_priorities, story_catalogue, story_pages
from .translations import batch_translations


@strawberry.input(description="Story filters; within one list any value matches, across lists all must match.")
class CityStoryFilter:
    scopes: list[str] | None = strawberry.field(default=None, description="local, national, regional, global.")
    countries: list[str] | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2 codes.")
    regions: list[str] | None = strawberry.field(default=None, description="UCLG region codes.")
    principles: list[int] | None = strawberry.field(default=None, description="Charter principle numbers, 1-7.")
    action_priorities: list[int] | None = strawberry.field(default=None, description="Priority numbers, 1-8.")
    engagement_types: list[str] | None = strawberry.field(default=None, description="both, gcm_only, gcr_only, idp.")
    themes: list[str] | None = strawberry.field(default=None, description="Theme codes.")
    years: list[int] | None = strawberry.field(default=None, description="Years the actions started.")
    search: str | None = strawberry.field(
        default=None,
        description="Words of the story (title, text, cities and countries in any language), matched as `search` "
        "matches them: case and accents aside, the last word in part.",
    )


@strawberry.enum(
    description="Story order: NEWEST and OLDEST by the listing date (the action's start, else the story's first "
    "publication), TITLE alphabetically."
)
class CityStoryOrder(Enum):
    NEWEST = "NEWEST"
    OLDEST = "OLDEST"
    TITLE = "TITLE"


@strawberry.type(description="Facet counts for each filter.")
class CityStoryFacets:
    """Holds the dimensions the query selects (CityStoryList.facets): the others are never read."""

    scopes: list[FacetValue] = strawberry.field(directives=sized(4), default_factory=list)
    countries: list[FacetValue] = strawberry.field(directives=sized(60), default_factory=list)
    regions: list[FacetValue] = strawberry.field(directives=sized(10), default_factory=list)
    principles: list[FacetValue] = strawberry.field(directives=sized(7), default_factory=list)
    action_priorities: list[FacetValue] = strawberry.field(directives=sized(8), default_factory=list)
    engagement_types: list[FacetValue] = strawberry.field(directives=sized(4), default_factory=list)
    themes: list[FacetValue] = strawberry.field(directives=sized(20), default_factory=list)
    years: list[FacetValue] = strawberry.field(directives=sized(30), default_factory=list)


@strawberry.type(description="A page of stories, the total and the facets.")
class CityStoryList:
    total_count: int
    items: list[CityStoryPage] = strawberry.field(directives=sized(100))
    catalogue: strawberry.Private[StoryCatalogue]
    query: strawberry.Private[StoryQuery]
    locale: strawberry.Private[Locale]
    counts: strawberry.Private[dict[str, Counter]]  # the facets counted with the page (city_stories)

    @strawberry.field(
        description="Counts per filter value, each under the other active filters; `order` COUNT (null: the "
        "default) lists the most frequent first, CHARTER as the site orders each dimension."
    )
    def facets(self, info: strawberry.Info, order: FacetOrder | None = FacetOrder.COUNT) -> CityStoryFacets:
        return self.faceted(info, selected_dimensions(info), order)

    def faceted(self, info: strawberry.Info, dimensions: tuple[str, ...], order: FacetOrder | None) -> CityStoryFacets:
        """The facets of `dimensions` only: each dimension is a part of the counting statement, and reads its own
        tables for every story of the list."""
        missing = tuple(dimension for dimension in dimensions if dimension not in self.counts)
        counts = {**self.counts, **self.catalogue.facets(self.query, missing)} if missing else self.counts
        charter = order is FacetOrder.CHARTER
        return CityStoryFacets(
            **{
                dimension: facet_values(
                    counts[dimension],
                    facet_label(info, self.locale, dimension),
                    charter_order(info, self.locale, dimension) if charter else None,
                )
                for dimension in dimensions
            }
        )


def selected_dimensions(info: strawberry.Info, *path: str) -> tuple[str, ...]:
    """The dimensions of CityStoryFacets the query selects under the current field (or `path` below it)."""
    names = selected_names(info, *path)
    convert = info.schema.config.name_converter.apply_naming_config
    return tuple(dimension for dimension in DIMENSIONS if convert(dimension) in names)


TERMS = {"regions": taxonomy.regions, "themes": taxonomy.themes, "engagement_types": taxonomy.engagement_types}


def facet_label(info: strawberry.Info, locale: Locale, dimension: str) -> Callable:
    """A value's label in `dimension`, in the request's locale."""
    if dimension == "scopes":
        return partial(taxonomy.scope_label, locale=locale)
    if dimension == "countries":
        return country_label(locale)
    if dimension in TERMS:
        return term_label(TERMS[dimension](info, locale))
    if dimension == "action_priorities":
        priorities = action_priorities(info, locale)
        return lambda n: priorities[n].title if n in priorities else str(n)
    if dimension == "principles":
        principles = taxonomy.principles(info, locale)
        return lambda n: principles[n].content.title if n in principles else str(n)
    return str


def charter_order(info: strawberry.Info, locale: Locale, dimension: str) -> Callable:
    """The sort key of `dimension` in the CHARTER order: numbers (principles, priorities, years) ascending, scopes
    from local to global, regions, themes and engagement types as the site lists their terms, countries by name.
    Only the dimension's own terms are read."""
    if dimension in NUMERIC_DIMENSIONS:
        return by_number
    if dimension == "scopes":
        return by_position(list(Scope.values))
    if dimension in TERMS:
        return by_position(list(TERMS[dimension](info, locale)))
    country_name = country_label(locale)
    return lambda code: (folded(country_name(code)), code)


def story_query(info: strawberry.Info, locale: Locale, story_filter: CityStoryFilter | None) -> StoryQuery:
    """Checks every filter value against what exists, so a typo is an error rather than an empty list."""
    if story_filter is None:
        return StoryQuery()
    wanted = {dimension: getattr(story_filter, dimension) for dimension in DIMENSIONS}
    filters = checked(info, locale, wanted, story_filter_values)
    return StoryQuery(filters=filters, search=(story_filter.search or "").strip())


def city_stories(
    info, locale: Locale, story_filter, limit: int, offset: int, order: CityStoryOrder, dimensions: tuple[str, ...]
) -> CityStoryList:
    """The page of the list and the facets of `dimensions` (those the query selects) come from one statement."""
    limit, offset = page_window(limit, offset)
    catalogue = story_catalogue(info, locale)
    query = story_query(info, locale, story_filter)
    listing = catalogue.listing(query, order.value, limit, offset, dimensions)
    items = story_pages(info, locale, listing.ids)
    batch_translations(info, [item.served for item in items])
    return CityStoryList(
        total_count=listing.total, items=items, catalogue=catalogue, query=query, locale=locale, counts=listing.counts
    )


@strawberry.type
class StoryListQuery:
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
        limit: int | None = 12,
        offset: int | None = 0,
        order: CityStoryOrder | None = CityStoryOrder.NEWEST,
    ) -> CityStoryList:
        dimensions = selected_dimensions(info, "facets")
        return city_stories(info, requested_locale(locale), filter, limit, offset, order, dimensions)
