"""The reference the SQL story catalogue (campaign.catalogue.story_catalogue) is compared to: the catalogue as it
was before, every story of a locale classified in Python, then filtered, counted, ordered and related in Python.
Written for clarity, not speed: a second, independent statement of what the list must answer."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.db.models import CharField, Value
from django.db.models.functions import Cast
from wagtail.models import Locale

from campaign.catalogue.filters import STORY_DIMENSIONS
from campaign.catalogue.uclg_regions import region_for_country
from campaign.i18n.localization import as_read, visible_pages
from campaign.models import CityStoryPage
from campaign.text.dates import listing_date
from campaign.text.plain import folded

DIMENSIONS = STORY_DIMENSIONS
NUMERIC_DIMENSIONS = ("principles", "action_priorities", "years")  # their facet values are numbers
ORDERS = ("NEWEST", "OLDEST", "TITLE")
# Where a story without a listing date or a publication sorts: before every dated one.
UNDATED = date.min
UNPUBLISHED = datetime.min.replace(tzinfo=UTC)
FACT_FIELDS = (
    "pk",
    "translation_key",
    "title",
    "summary",
    "period_start_year",
    "period_start_month",
    "first_published_at",
    "alias_of__first_published_at",  # a French fallback (an alias) was first published as its French page
    "engagement_type__code",
    "scope",
    "scope_country",
    "scope_region__code",
    "report_priority__number",
)


@dataclass
class StoryFacts:
    page_id: int
    translation_key: str
    title: str
    text: str
    listed: date | None  # the action's start, else its first publication (campaign.text.dates.listing_date)
    published: datetime | None  # between stories listed on the same day, the one published last is the newest
    values: dict[str, set] = field(default_factory=dict)
    city_keys: list = field(default_factory=list)
    report_priority: int | None = None


@dataclass
class StoryQuery:
    filters: dict[str, set] = field(default_factory=dict)  # dimension → wanted values (any of them)

    def matches(self, facts: StoryFacts, ignore: str | None = None) -> bool:
        return all(
            dimension == ignore or not wanted or facts.values[dimension] & wanted
            for dimension, wanted in self.filters.items()
        )


class StoryCatalogue:
    def __init__(self, locale: Locale):
        self.locale = locale
        rows = as_read(visible_pages(CityStoryPage).filter(locale=locale), FACT_FIELDS)
        # Facts come from the content visitors read, filed under the page of the locale's tree.
        self.served_by_content = {row["pk"]: row["served_pk"] for row in rows}
        self.facts = {
            row["served_pk"]: StoryFacts(
                page_id=row["served_pk"],
                translation_key=str(row["translation_key"]),
                title=row["title"],
                text=folded(f"{row['title']} {row['summary']}"),
                listed=listing_date(row["period_start_year"], row["period_start_month"], first_published(row)),
                published=first_published(row),
                values={
                    **{dimension: set() for dimension in DIMENSIONS},
                    **scope_values(row["scope"], row["scope_country"], row["scope_region__code"]),
                    "engagement_types": {row["engagement_type__code"]} - {None},
                    "years": {row["period_start_year"]} - {None},
                },
                report_priority=row["report_priority__number"],
            )
            for row in rows
        }
        self._read_relations()

    def _read_relations(self) -> None:
        ids = list(self.served_by_content)
        served = self.served_by_content
        # By name, as a story's `cities` are listed everywhere else: the order must not depend on the query plan.
        cities = CityStoryPage.cities.through.objects.filter(citystorypage_id__in=ids).order_by("city__name")
        for row in cities.values("citystorypage_id", "city__country", "city__region__code", "city__translation_key"):
            facts = self.facts[served[row["citystorypage_id"]]]
            facts.values["countries"].add(row["city__country"])
            facts.values["regions"].add(row["city__region__code"])
            facts.city_keys.append(str(row["city__translation_key"]))
        # One UNION query for the three other classifications: (story, dimension, value) rows.
        related = [
            through.objects.filter(citystorypage_id__in=ids)
            .annotate(dimension=Value(dimension), value=Cast(value, CharField()))
            .values_list("citystorypage_id", "dimension", "value")
            for dimension, through, value in (
                ("action_priorities", CityStoryPage.action_priorities.through, "actionpriority__number"),
                ("principles", CityStoryPage.principles.through, "principlepage__number"),
                ("themes", CityStoryPage.themes.through, "theme__code"),
            )
        ]
        for story_id, dimension, value in related[0].union(*related[1:], all=True):
            self.facts[served[story_id]].values[dimension].add(value if dimension == "themes" else int(value))

    def reported_under(self, priority: int) -> list[StoryFacts]:
        """The stories the 2023 report prints under a priority, newest first."""
        found = [facts for facts in self.facts.values() if facts.report_priority == priority]
        return sorted(found, key=listing_order, reverse=True)

    def search(self, query: StoryQuery, order: str) -> list[StoryFacts]:
        found = [facts for facts in self.facts.values() if query.matches(facts)]
        if order == "TITLE":
            return sorted(found, key=lambda facts: folded(facts.title))
        newest_first = order == "NEWEST"
        return sorted(found, key=listing_order, reverse=newest_first)

    def facets(self, query: StoryQuery) -> dict[str, Counter]:
        counts = {dimension: Counter() for dimension in DIMENSIONS}
        for facts in self.facts.values():
            for dimension in DIMENSIONS:
                if query.matches(facts, ignore=dimension):
                    counts[dimension].update(facts.values[dimension] - {None})
        return counts

    def related(self, facts: StoryFacts, limit: int = 3) -> list[StoryFacts]:
        """Stories sharing most themes, principles and priorities with this one."""

        def shared(other: StoryFacts) -> int:
            return sum(len(facts.values[d] & other.values[d]) for d in ("themes", "principles", "action_priorities"))

        others = [other for other in self.facts.values() if other.page_id != facts.page_id and shared(other)]
        return sorted(others, key=lambda other: (-shared(other), folded(other.title)))[:limit]


def first_published(row: dict) -> datetime | None:
    return row["first_published_at"] or row["alias_of__first_published_at"]


def listing_order(facts: StoryFacts) -> tuple:
    return (facts.listed or UNDATED, facts.published or UNPUBLISHED, folded(facts.title))


def scope_values(scope: str, country: str, region: str | None) -> dict[str, set]:
    """Where a story is filed besides its cities: a national action under its country (and the country's
    region), a regional one under its region, a global one under neither."""
    countries = {country} if country else set()
    national_region = region_for_country(country) if country else ""
    regions = {region} if region else {national_region} - {""}
    return {"scopes": {scope}, "countries": countries, "regions": regions}
