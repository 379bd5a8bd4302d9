"""cityStories: the filterable, faceted story list (campaign.catalogue.story_catalogue does the work)."""

from enum import Enum

import strawberry
from django_countries import countries as country_names
from wagtail.models import Locale

from campaign import models
from campaign.catalogue.story_catalogue import StoryCatalogue, StoryQuery
from campaign.i18n.localization import served_pages

from ..cost import sized
from ..errors import ApiError
from ..pagination import page_window
from ..request_cache import cached
from . import taxonomy
from .pages import CityStoryPage, batch_translations, with_cover_renditions


@strawberry.input(description="Story filters; within one list any value matches, across lists all must match.")
class CityStoryFilter:
    countries: list[str] | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2 codes.")
    regions: list[str] | None = strawberry.field(default=None, description="UCLG region codes.")
    principles: list[int] | None = strawberry.field(default=None, description="Charter principle numbers, 1-7.")
    action_priorities: list[int] | None = strawberry.field(default=None, description="Priority numbers, 1-8.")
    engagement_types: list[str] | None = strawberry.field(default=None, description="both, gcm_only, gcr_only, idp.")
    themes: list[str] | None = strawberry.field(default=None, description="Theme codes.")
    years: list[int] | None = strawberry.field(default=None, description="Years the actions started.")
    search: str | None = strawberry.field(default=None, description="Words in the title or summary.")


@strawberry.enum(description="Story order: NEWEST and OLDEST by the action's start, TITLE alphabetically.")
class CityStoryOrder(Enum):
    NEWEST = "NEWEST"
    OLDEST = "OLDEST"
    TITLE = "TITLE"


@strawberry.type(description="A facet value with its label in the requested locale and its count.")
class FacetValue:
    value: str
    label: str
    count: int = strawberry.field(description="Stories it would give, under the other active filters.")


@strawberry.type(description="Facet counts for each filter.")
class CityStoryFacets:
    countries: list[FacetValue] = strawberry.field(directives=sized(60))
    regions: list[FacetValue] = strawberry.field(directives=sized(10))
    principles: list[FacetValue] = strawberry.field(directives=sized(7))
    action_priorities: list[FacetValue] = strawberry.field(directives=sized(8))
    engagement_types: list[FacetValue] = strawberry.field(directives=sized(4))
    themes: list[FacetValue] = strawberry.field(directives=sized(20))
    years: list[FacetValue] = strawberry.field(directives=sized(30))


@strawberry.type(description="A page of stories, the total and the facets.")
class CityStoryList:
    total_count: int
    items: list[CityStoryPage] = strawberry.field(directives=sized(100))
    catalogue: strawberry.Private[StoryCatalogue]
    query: strawberry.Private[StoryQuery]
    locale: strawberry.Private[Locale]

    @strawberry.field(description="Counts per filter value, each under the other active filters.")
    def facets(self, info: strawberry.Info) -> CityStoryFacets:
        counts = self.catalogue.facets(self.query)
        labels = facet_labels(info, self.locale)
        values = {
            dimension: [
                FacetValue(value=str(value), label=labels[dimension](value), count=count)
                for value, count in sorted(counter.items(), key=lambda item: (-item[1], str(item[0])))
            ]
            for dimension, counter in counts.items()
        }
        return CityStoryFacets(**values)


def facet_labels(info: strawberry.Info, locale: Locale) -> dict:
    regions = taxonomy.regions(info, locale)
    themes = taxonomy.themes(info, locale)
    engagements = taxonomy.engagement_types(info, locale)
    priorities = taxonomy.action_priorities(info, locale)
    principles = taxonomy.principles(info, locale)
    return {
        "countries": lambda code: taxonomy.country(code, locale).name,
        "regions": lambda code: regions[code].label if code in regions else code,
        "themes": lambda code: themes[code].label if code in themes else code,
        "engagement_types": lambda code: engagements[code].label if code in engagements else code,
        "action_priorities": lambda n: priorities[n].title if n in priorities else str(n),
        "principles": lambda n: principles[n].content.title if n in principles else str(n),
        "years": str,
    }


def story_query(info: strawberry.Info, locale: Locale, story_filter: CityStoryFilter | None) -> StoryQuery:
    """Checks every filter value against what exists, so a typo is an error rather than an empty list."""
    if story_filter is None:
        return StoryQuery()
    known = {
        "countries": set(country_names.countries),
        "regions": set(taxonomy.regions(info, locale)),
        "principles": set(range(1, 8)),
        "action_priorities": set(range(1, 9)),
        "engagement_types": set(taxonomy.engagement_types(info, locale)),
        "themes": set(taxonomy.themes(info, locale)),
        "years": set(range(1900, 2101)),
    }
    filters = {}
    for dimension, allowed in known.items():
        wanted = getattr(story_filter, dimension)
        if wanted is None:
            continue
        unknown = [value for value in wanted if value not in allowed]
        if unknown:
            raise ApiError(f"Unknown {dimension} in filter: {', '.join(map(str, unknown))}.", "INVALID_INPUT")
        filters[dimension] = set(wanted)
    return StoryQuery(filters=filters, search=(story_filter.search or "").strip())


def city_stories(info, locale: Locale, story_filter, limit: int, offset: int, order: CityStoryOrder) -> CityStoryList:
    limit, offset = page_window(limit, offset)
    catalogue = cached(info, ("stories", locale.pk), lambda: StoryCatalogue(locale))
    query = story_query(info, locale, story_filter)
    found = catalogue.search(query, order.value)
    ids = [facts.page_id for facts in found[offset : offset + limit]]
    served = with_cover_renditions(served_pages(ids, models.CityStoryPage, "cover_image"))
    batch_translations(info, served)
    return CityStoryList(
        total_count=len(found),
        items=[CityStoryPage(served=item) for item in served],
        catalogue=catalogue,
        query=query,
        locale=locale,
    )
