"""City stories as the frontend's story list sees them: filtered, faceted, ordered and paginated by the database.

Every question the list asks (which stories match, in what order, how many, the facet counts, the stories the report
prints under each priority, the stories related to one) is a single SQL statement over the locale's served stories:
the request costs the same with 50 stories or 5,000. Facet counts apply every active filter except the facet's own,
so a visitor sees what each choice would give.

A served story is a page of the locale's tree; what visitors read of it (fields and classification) is its
*content*: the page itself, an alias's own copy, or for a translation started but never published its French source
(campaign.i18n.localization). Queries run over the content rows, each annotated with the page it is served as.
Which stories a locale serves, and the columns the list reads from their rows, are stored and kept exact
(campaign.catalogue.served_stories); a request that finds them out of date works them out live (served_rows,
story_rows), with the same SQL that builds them.

The facts a story shows (its cities, principles, priorities, themes, listing date) are read only for the stories
an answer holds, in one query for all of them.
"""

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date
from functools import cache, cached_property, lru_cache

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import (
    Case,
    CharField,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, ExtractDay, ExtractMonth, ExtractYear, Now
from wagtail.models import Locale, Page

from campaign.catalogue.filters import STORY_DIMENSIONS
from campaign.catalogue.served_stories import STATE
from campaign.catalogue.uclg_regions import COUNTRY_REGIONS
from campaign.compiled import constant
from campaign.i18n.localization import ServedPage, visible_pages
from campaign.i18n.translation_state import source_locale_q, started_q
from campaign.models import CityStoryPage, ServedStoriesState, ServedStory
from campaign.search.query import matching_pages
from campaign.text.dates import listing_date

DIMENSIONS = STORY_DIMENSIONS
NUMERIC_DIMENSIONS = ("principles", "action_priorities", "years")  # their facet values are numbers
ORDERS = ("NEWEST", "OLDEST", "TITLE")
# The kinds of listing()'s rows that are not facet rows (those are named by their dimension).
TOTAL_ROW, PAGE_ROW = "total", "page"
CITIES = CityStoryPage.cities.through
FACT_DIMENSIONS = ("action_priorities", "principles", "themes")
# The classifications kept in a table of their own: (dimension, through model, the value's lookup from it).
RELATED_DIMENSIONS = (
    ("action_priorities", CityStoryPage.action_priorities.through, "actionpriority__number"),
    ("principles", CityStoryPage.principles.through, "principlepage__number"),
    ("themes", CityStoryPage.themes.through, "theme__code"),
)
RELATED_TABLES = {dimension: (through, lookup) for dimension, through, lookup in RELATED_DIMENSIONS}
# The columns of a story's own row the facets read, as matching_set names them: alias → lookup.
SET_COLUMNS = {
    "scope_code": "scope",
    "country": "scope_country",
    "region": "scope_region__code",
    "engagement": "engagement_type__code",
    "year": "period_start_year",
}


@dataclass
class StoryFacts:
    """What a story shows of its classification, as its visitors read it."""

    listed: date | None  # the action's start, else its first publication (campaign.text.dates.listing_date)
    city_keys: list[str] = field(default_factory=list)  # translation keys, by city name
    values: dict[str, set] = field(default_factory=dict)  # engagement_types, principles, action_priorities, themes


@dataclass
class StoryListing:
    """A page of the list: the total of the matching stories, the served page ids of the page and facet counts."""

    total: int
    ids: list[int]
    counts: dict[str, Counter]


@dataclass
class StoryQuery:
    filters: dict[str, set] = field(default_factory=dict)  # dimension → wanted values (any of them)
    search: str = ""


class StoryCatalogue:
    """One locale's stories, for one request: the facts read so far are kept, and stories an answer will show are
    announced (`expect`) so that their facts are read together the first time one is asked."""

    def __init__(self, locale: Locale):
        self.locale = locale
        self.known: dict[int, StoryFacts] = {}
        self.expected: dict[int, ServedPage] = {}

    @cached_property
    def stored(self) -> bool:
        """Whether this request reads the stored served stories (campaign.catalogue.served_stories), current or
        brought up to date now, rather than working them out live."""
        return stored_rows_current()

    @cached_property
    def served(self) -> tuple[str, tuple]:
        """The SQL of the locale's (content, served_pk) rows: stored, or served_rows compiled (the same for every
        request of a locale, so compiled once per process)."""
        if self.stored:
            return f"SELECT content, served_pk FROM {STORED} WHERE locale_id = %s", (self.locale.pk,)
        story_type = ContentType.objects.get_for_model(CityStoryPage)
        return served_statement(connection.vendor, self.locale.pk, story_type.pk)

    def story_rows(self, sort: bool) -> tuple[str, tuple]:
        """The SQL of the `stories` rows (story_rows); stored, they hold the columns of the order too."""
        if self.stored:
            return f"SELECT {', '.join(STORED_COLUMNS)} FROM {STORED} WHERE locale_id = %s", (self.locale.pk,)
        return story_rows(connection.vendor, sort)

    def fetch(self, sql: str, params: list, sets: tuple[tuple[str, str, tuple], ...] = ()) -> list[tuple]:
        """Runs a statement with the `served` rows (content, served_pk) of the locale as a common table expression,
        and `sets` (name, SQL, parameters) after it: each is worked out once per statement, however many times the
        statement asks (a subquery written twice in a statement is evaluated twice)."""
        served_sql, served_params = self.served
        named = [("served", served_sql, served_params), *sets]
        expressions = ", ".join(f"{name} AS MATERIALIZED ({named_sql})" for name, named_sql, _ in named)
        named_params = [param for _, _, named_params in named for param in named_params]
        with connection.cursor() as cursor:
            cursor.execute(f"WITH {expressions} {sql}", [*named_params, *params])
            return cursor.fetchall()

    def filtered(self, query: StoryQuery, ignore: str | None, named: list) -> list[str]:
        """The names of the common table expressions (added to `named` the first time) holding the `stories` rows
        (story_rows) filed under each filter's values (but `ignore`'s) and those matching the search words: each
        filter is worked out once per statement, however many sets apply it."""
        parts = [
            (f"filed_{dimension}", *dimension_condition(dimension, wanted))
            for dimension, wanted in applied_filters(query, ignore)
        ]
        if query.search:
            sql, params = matching_pages(query.search, self.locale).values("pk").query.sql_with_params()
            parts.append(("searched", f"content IN (SELECT content FROM served WHERE served_pk IN ({sql}))", params))
        known = {name for name, _, _ in named}
        named.extend(
            (name, f"SELECT content FROM stories WHERE {sql}", params)
            for name, sql, params in parts
            if name not in known
        )
        return [name for name, _, _ in parts]

    def listing(
        self, query: StoryQuery, order: str, limit: int, offset: int, dimensions: tuple[str, ...] = ()
    ) -> StoryListing:
        """One page of the list, its total and the facets of `dimensions`, in one statement: the served stories and
        the stories matching every filter are worked out once for the total, the page and the facets. The total is
        counted whatever the page holds (`limit` 0 asks for the total and the facets alone)."""
        named: list = []
        found = self.matching_set(query, None, named, sort=True)
        ordering = order_by(order)
        statement = (
            f"SELECT %s AS kind, NULL AS value, COUNT(*) AS count FROM {found} UNION ALL "
            f"SELECT %s, CAST(served_pk AS VARCHAR(20)), position FROM (SELECT served.served_pk, ROW_NUMBER() OVER "
            f"(ORDER BY {ordering}) AS position FROM served JOIN {found} AS found "
            f"ON found.content = served.content ORDER BY {ordering} LIMIT %s OFFSET %s) AS page"
        )
        params: list = [TOTAL_ROW, PAGE_ROW, limit, offset]
        if dimensions:
            counting, counting_params = self.counting(query, dimensions, named, {None: found})
            statement = f"{statement} UNION ALL SELECT dimension, value, count FROM ({counting}) AS counted"
            params.extend(counting_params)
        rows = self.fetch(statement, params, tuple(named))
        total = next(count for kind, _, count in rows if kind == TOTAL_ROW)
        listed = sorted((position, int(value)) for kind, value, position in rows if kind == PAGE_ROW)
        counts = tallied(dimensions, [row for row in rows if row[0] not in (TOTAL_ROW, PAGE_ROW)])
        return StoryListing(total=total, ids=[served_pk for _, served_pk in listed], counts=counts)

    def facets(self, query: StoryQuery, dimensions: tuple[str, ...] = DIMENSIONS) -> dict[str, Counter]:
        """Per dimension of `dimensions`, how many stories each value has under the other active filters, in one
        statement."""
        if not dimensions:
            return tallied(dimensions, [])
        named: list = []
        counting, params = self.counting(query, dimensions, named, {})
        return tallied(dimensions, self.fetch(counting, params, tuple(named)))

    def counting(
        self, query: StoryQuery, dimensions: tuple[str, ...], named: list, sets: dict[str | None, str]
    ) -> tuple[str, list]:
        """The SQL of the (dimension, value, count) rows of `dimensions`. Dimensions without a filter of their own
        share one set of matching stories (`sets`, by the filter a set ignores); each set is worked out once and each
        dimension's (story, value) pairs are read for that set's stories only."""
        parts = []
        for dimension in dimensions:
            ignore = dimension if query.filters.get(dimension) else None
            if ignore not in sets:
                sets[ignore] = self.matching_set(query, ignore, named)
            parts.append(pair_statement(dimension, sets[ignore], connection.vendor))
        pairs = " UNION ALL ".join(sql for sql, _ in parts)
        counting = f"SELECT dimension, value, COUNT(*) AS count FROM ({pairs}) AS found GROUP BY dimension, value"
        return counting, [p for _, params in parts for p in params]

    def matching_set(self, query: StoryQuery, ignore: str | None, named: list, sort: bool = False) -> str:
        """The name of the common table expression holding the stories matching every filter (but `ignore`'s) and
        the search words, added to `named`, with the columns a facet reads from the story's own row (SET_COLUMNS);
        with `sort`, the columns the list is ordered by too (sortable). Every set is a part of `stories`
        (story_rows), read first and once per statement: each story's row is read once however many sets the facets
        need, the columns of the order only for the stories of the list."""
        if not named:
            unfiltered = not (query.search or applied_filters(query, ignore))
            named.append(("stories", *self.story_rows(sort and unfiltered)))
        filtered = self.filtered(query, ignore, named)
        if not filtered:
            return "stories"
        name = f"matched_{len(named)}"
        where = " AND ".join(f"content IN (SELECT content FROM {part})" for part in filtered)
        named.append((name, f"SELECT * FROM stories WHERE {where}", ()))
        if not sort or self.stored:
            return name
        named.append((f"ordered_{len(named)}", *ordered_rows(connection.vendor, name)))
        return named[-1][0]

    def reported(self, limit: int) -> dict[int, list[int]]:
        """Per priority number, the served page ids of the stories the 2023 report prints under it, newest first,
        at most `limit` of each."""
        stories = served_stories().filter(report_priority__isnull=False)
        sql, params = sortable(stories.annotate(number=F("report_priority__number")), "number").query.sql_with_params()
        rows = self.fetch(
            "SELECT number, served_pk FROM (SELECT found.number, served.served_pk, ROW_NUMBER() OVER "
            f"(PARTITION BY found.number ORDER BY {order_by('NEWEST')}) AS position FROM served JOIN ({sql}) AS found "
            "ON found.content = served.content) AS ranked WHERE position <= %s ORDER BY number, position",
            [*params, limit],
        )
        reported: dict[int, list[int]] = {}
        for number, served_pk in rows:
            reported.setdefault(number, []).append(served_pk)
        return reported

    def related(self, story_pk: int, facts: StoryFacts, limit: int = 3) -> list[int]:
        """Served page ids of the stories sharing most themes, principles and priorities with the story whose
        content is `story_pk`, most shared first, then by title."""
        parts = [
            through.objects.filter(**{f"{lookup}__in": facts.values[dimension]})
            .exclude(citystorypage_id=story_pk)
            .annotate(story=F("citystorypage_id"))
            .values("story")
            for dimension, through, lookup in RELATED_DIMENSIONS
            if facts.values[dimension]
        ]
        if not parts:
            return []
        sql, params = parts[0].union(*parts[1:], all=True).query.sql_with_params()
        rows = self.fetch(
            f"SELECT served.served_pk FROM ({sql}) AS shared JOIN served ON served.content = shared.story "
            "JOIN campaign_citystorypage AS story ON story.page_ptr_id = shared.story "
            f"GROUP BY served.served_pk, story.title_key ORDER BY COUNT(*) DESC, story.title_key{binary()} LIMIT %s",
            [*params, limit],
        )
        return [served_pk for (served_pk,) in rows]

    def expect(self, served: list[ServedPage]) -> None:
        self.expected.update((item.page.pk, item) for item in served if item.page.pk not in self.known)

    def facts_of(self, served: ServedPage) -> StoryFacts:
        """The facts of a served story; read with those of every story expected so far."""
        if served.page.pk not in self.known:
            self.expect([served])
            self.known.update(read_facts(list(self.expected.values())))
            self.expected.clear()
        return self.known[served.page.pk]


def applied_filters(query: StoryQuery, ignore: str | None) -> list[tuple[str, set]]:
    """The (dimension, wanted values) filters that narrow the list, `ignore`'s aside (a facet's own filter)."""
    return [(dimension, wanted) for dimension, wanted in query.filters.items() if dimension != ignore and wanted]


def tallied(dimensions: tuple[str, ...], rows: list[tuple]) -> dict[str, Counter]:
    """Counters of (dimension, value, count) rows, numeric values as numbers; every dimension has one."""
    counts = {dimension: Counter() for dimension in dimensions}
    for dimension, value, count in rows:
        counts[dimension][int(value) if dimension in NUMERIC_DIMENSIONS else value] = count
    return counts


STORED = ServedStory._meta.db_table
# The columns of story_rows (sorted), as the stored served stories hold them.
STORED_COLUMNS = ("content", *SET_COLUMNS, "listed", "published", "title_key")


def stored_rows_current() -> bool:
    """True when the stored served stories may be read: current, or rebuilt now. A request never waits to rebuild
    them: while another transaction holds the state row (rebuilding them, or writing to a table they come from and
    not committed yet), it answers False and the request works the list out live. The state row is created by the
    migration, and again by the first write to a watched table after a flush emptied the database (the triggers);
    a request finding none creates it."""
    if stored_rows_valid():
        return True
    with transaction.atomic():
        state = ServedStoriesState.objects.select_for_update(skip_locked=True).filter(pk=STATE).first()
        if state is None:
            state, created = ServedStoriesState.objects.get_or_create(pk=STATE)
            if not created:
                return False
        if not stored_rows_valid():
            rebuild(state)
    return True


def stored_rows_valid() -> bool:
    return bool(constant(current_state, connection.vendor).fetch())


def current_state() -> QuerySet:
    """The state row's key, when the stored rows were built at the current version and no expiry date has come since
    (checked on the database's clock: the statement is the same on every request, compiled once per process)."""
    unexpired = Q(valid_until__isnull=True) | Q(valid_until__gt=Now())
    return ServedStoriesState.objects.filter(unexpired, pk=STATE, built_version=F("version")).values_list("pk")


def rebuild(state: ServedStoriesState) -> None:
    """Stores every locale's served stories as the live statements work them out, in the transaction holding the
    state row, with fresh statistics for the planner; they are then valid until the next expiry date of any page."""
    story_type = ContentType.objects.get_for_model(CityStoryPage)
    stories_sql, stories_params = story_rows(connection.vendor, True)
    columns = ", ".join(STORED_COLUMNS)
    read = ", ".join(f"stories.{column}" for column in STORED_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {STORED}")  # one statement: QuerySet.delete() reads and collects every row first
        for locale_pk in Locale.objects.values_list("pk", flat=True):
            served_sql, served_params = served_statement(connection.vendor, locale_pk, story_type.pk)
            cursor.execute(
                f"WITH served AS MATERIALIZED ({served_sql}), stories AS MATERIALIZED ({stories_sql}) "
                f"INSERT INTO {STORED} (locale_id, served_pk, {columns}) SELECT %s, served.served_pk, {read} "
                "FROM served JOIN stories ON stories.content = served.content",
                [*served_params, *stories_params, locale_pk],
            )
        cursor.execute(f"ANALYZE {STORED}")  # without statistics the planner takes a locale's 2,000 rows for 7
    state.built_version = state.version
    state.valid_until = Page.objects.filter(expire_at__gt=Now()).aggregate(first=Min("expire_at"))["first"]
    state.save(update_fields=["built_version", "valid_until"])


def served_rows(locale_pk: int, story_type_pk: int) -> QuerySet:
    """(content, served_pk) of the locale's visible stories: the page of the locale's tree (`served_pk`) and the
    page whose fields and relations visitors read (`content`)."""
    source = CityStoryPage.objects.filter(source_locale_q(), translation_key=OuterRef("translation_key"))
    content = Case(
        When(started_q(), then=Subquery(source.values("pk")[:1])), default=F("pk"), output_field=IntegerField()
    )
    # Pages of the story type rather than rows of the story table: the join would read every story's wide row.
    served = visible_pages(Page).filter(locale_id=locale_pk, content_type_id=story_type_pk).order_by()
    return served.annotate(content=content, served_pk=F("pk")).values("content", "served_pk")


@lru_cache(maxsize=64)
def served_statement(vendor: str, locale_pk: int, story_type_pk: int) -> tuple[str, tuple]:
    """served_rows compiled: its SQL and parameters depend on nothing but these arguments (visibility is checked
    against the database's clock), and building and compiling its visibility checks cost more than running them."""
    return served_rows(locale_pk, story_type_pk).query.sql_with_params()


def served_stories() -> QuerySet:
    """The content rows of the `served` common table expression's stories."""
    return CityStoryPage.objects.order_by().filter(pk__in=RawSQL("SELECT content FROM served", []))


@lru_cache(maxsize=4)
def story_rows(vendor: str, sort: bool) -> tuple[str, tuple]:
    """The SQL of the `stories` rows every set of StoryCatalogue.matching_set is taken from: each served story's
    content id and the columns a facet reads from the story's own row (SET_COLUMNS); with `sort`, the columns the
    list is ordered by (sortable). The same for every request, so compiled once per process and database vendor."""
    return set_rows(served_stories(), sort)


@lru_cache(maxsize=16)
def ordered_rows(vendor: str, matched: str) -> tuple[str, tuple]:
    """story_rows with the columns of the order, for the stories of the common table expression `matched` only."""
    return set_rows(CityStoryPage.objects.order_by().filter(pk__in=RawSQL(f"SELECT content FROM {matched}", [])), True)


def set_rows(stories: QuerySet, sort: bool) -> tuple[str, tuple]:
    columns = {alias: F(path) for alias, path in SET_COLUMNS.items()}
    stories = stories.annotate(**columns)
    rows = sortable(stories, *columns) if sort else stories.annotate(content=F("pk")).values("content", *columns)
    return rows.query.sql_with_params()


def sortable(stories: QuerySet, *columns: str) -> QuerySet:
    """Content rows with the columns the list is ordered by (order_by), and `columns`."""
    published = first_publication()
    return stories.annotate(content=F("pk"), listed=listing_key(), published=published).values(
        "content", "listed", "published", "title_key", *columns
    )


def binary() -> str:
    """Titles compare by code point, as Python compares the folded titles (PostgreSQL's default collation would
    skip spaces and punctuation)."""
    return ' COLLATE "C"' if connection.vendor == "postgresql" else ""


def order_by(order: str) -> str:
    """The ORDER BY of `found` rows (sortable): NEWEST and OLDEST by listing date, then first publication, then
    title; TITLE by title. A story without a listing date sorts before every dated one, as date.min would."""
    title = f"found.title_key{binary()}"
    if order == "TITLE":
        return f"{title}, found.content"
    if order == "NEWEST":
        return f"found.listed DESC NULLS LAST, found.published DESC NULLS LAST, {title} DESC, found.content DESC"
    return f"found.listed NULLS FIRST, found.published NULLS FIRST, {title}, found.content"


def first_publication() -> Coalesce:
    """first_published() in SQL: an alias (a French fallback) was first published as its French page."""
    return Coalesce("first_published_at", "alias_of__first_published_at")


def listing_key() -> Case:
    """campaign.text.dates.listing_date as a sortable number, yyyymmdd: the action's start, else the day (UTC) of
    the first publication."""
    published = first_publication()
    day = ExtractYear(published, tzinfo=UTC) * 10000 + ExtractMonth(published, tzinfo=UTC) * 100
    return Case(
        When(
            period_start_year__gt=0,
            then=F("period_start_year") * 10000 + Coalesce("period_start_month", 1) * 100 + 1,
        ),
        default=day + ExtractDay(published, tzinfo=UTC),
        output_field=IntegerField(),
    )


def dimension_condition(dimension: str, wanted: set) -> tuple[str, tuple]:
    """The SQL condition on `stories` rows (story_rows) filed under any of `wanted` in `dimension`, with its
    parameters. Countries and regions by a city or by the scope: a national action under its country (and the
    country's region), a regional one under its region."""
    own = {"scopes": "scope_code", "engagement_types": "engagement", "years": "year"}
    if dimension in own:
        return one_of(own[dimension], wanted)
    if dimension == "countries":
        return any_of(filed_through(CITIES.objects.filter(city__country__in=wanted)), one_of("country", wanted))
    if dimension == "regions":
        by_city = filed_through(CITIES.objects.filter(city__region__code__in=wanted))
        parts = [by_city, one_of("region", wanted)]
        countries = {country for country, region in COUNTRY_REGIONS.items() if region in wanted}
        if countries:
            national_sql, national_params = one_of("country", countries)
            parts.append((f"(region IS NULL AND {national_sql})", national_params))
        return any_of(*parts)
    through, lookup = RELATED_TABLES[dimension]
    return filed_through(through.objects.filter(**{f"{lookup}__in": wanted}))


def one_of(column: str, values: set) -> tuple[str, tuple]:
    ordered = sorted(values)
    return f"{column} IN ({', '.join(['%s'] * len(ordered))})", tuple(ordered)


def any_of(*conditions: tuple[str, tuple]) -> tuple[str, tuple]:
    return f"({' OR '.join(sql for sql, _ in conditions)})", tuple(p for _, params in conditions for p in params)


def filed_through(rows: QuerySet) -> tuple[str, tuple]:
    """Stories whose rows of a many-to-many table (`rows`, filtered) file them under a wanted value."""
    sql, params = rows.values("citystorypage_id").query.sql_with_params()
    return f"content IN ({sql})", params


@cache
def pair_statement(dimension: str, stories: str, vendor: str) -> tuple[str, tuple]:
    """The (dimension, value) rows of value_pairs for the stories of the common table expression `stories`
    (matching_set), as one SQL statement compiled once per backend (it is the same for every request): a story filed
    twice under one value (a city in the country of its national scope) counts once; a story without a value
    (no engagement type, no year, a city without region, a country outside the UCLG map) counts under none."""
    parts = value_pairs(dimension, stories)
    union = " UNION ".join(sql for sql, _ in parts)
    params = tuple(p for _, part_params in parts for p in part_params)
    return f"SELECT dimension, value FROM ({union}) AS pairs WHERE value <> ''", params


def value_pairs(dimension: str, stories: str) -> list[tuple[str, tuple]]:
    """SQL of (dimension, story, value) rows, the value as text: where the stories of the common table expression
    `stories` are filed in `dimension`. Values of the story's own row come from the expression's columns, the others
    from the tables that hold them."""
    if dimension == "scopes":
        return [own_values(dimension, stories, "scope_code")]
    if dimension == "engagement_types":
        return [own_values(dimension, stories, "engagement")]
    if dimension == "years":
        return [own_values(dimension, stories, "year")]
    if dimension == "countries":
        return [related_values(dimension, stories, CITIES, "city__country"), own_values(dimension, stories, "country")]
    if dimension == "regions":
        return [
            related_values(dimension, stories, CITIES, "city__region__code"),
            own_values(dimension, stories, "region"),
            national_region(stories),
        ]
    through, lookup = RELATED_TABLES[dimension]
    return [related_values(dimension, stories, through, lookup)]


def own_values(dimension: str, stories: str, column: str) -> tuple[str, tuple]:
    """A value of the story's own row."""
    return f"SELECT %s AS dimension, content AS story, CAST({column} AS VARCHAR(40)) AS value FROM {stories}", (
        dimension,
    )


def related_values(dimension: str, stories: str, through, lookup: str) -> tuple[str, tuple]:
    """A value reached through a many-to-many table of the story (`through`; `lookup` from its rows): a city's
    country or region, a principle, a priority, a theme."""
    rows = (
        through.objects.order_by()
        .filter(citystorypage_id__in=RawSQL(f"SELECT content FROM {stories}", []))
        .annotate(
            dimension=Value(dimension, output_field=CharField()),
            story=F("citystorypage_id"),
            value=Cast(lookup, CharField()),
        )
        .values_list("dimension", "story", "value")
    )
    return rows.query.sql_with_params()


def national_region(stories: str) -> tuple[str, tuple]:
    """The UCLG region of a national story's country (campaign.catalogue.uclg_regions), one WHEN per region."""
    by_region: dict[str, list[str]] = {}
    for country, region in COUNTRY_REGIONS.items():
        by_region.setdefault(region, []).append(country)
    whens, params = [], []
    for region, countries in sorted(by_region.items()):
        whens.append(f"WHEN country IN ({', '.join(['%s'] * len(countries))}) THEN %s")
        params.extend([*countries, region])
    value = f"CASE {' '.join(whens)} END"
    return (
        f"SELECT %s AS dimension, content AS story, {value} AS value FROM {stories} "
        "WHERE region IS NULL AND country <> ''",
        ("regions", *params),
    )


def read_facts(served: list[ServedPage]) -> dict[int, StoryFacts]:
    """The facts of served stories by page id: scalar ones from the content already loaded, the classifications
    kept in tables of their own in one query; a previewed draft's from its own unsaved relations."""
    drafts = {item.page.pk: facts_of_draft(item.specific) for item in served if item.previewed}
    content = {item.specific.pk: item for item in served if not item.previewed}
    facts = {
        item.page.pk: StoryFacts(
            listed=listing_date(story.period_start_year, story.period_start_month, first_published(story)),
            values={dimension: set() for dimension in ("engagement_types", *FACT_DIMENSIONS)},
        )
        for item in content.values()
        for story in [item.specific]
    }
    if content:
        for story_pk, dimension, value in classification_rows(list(content)):
            story_facts = facts[content[story_pk].page.pk]
            if dimension == "cities":
                story_facts.city_keys.append(str(uuid.UUID(value)))
            else:
                story_facts.values[dimension].add(int(value) if dimension in NUMERIC_DIMENSIONS else value)
    return {**facts, **drafts}


def classification_rows(story_pks: list[int]) -> list[tuple[int, str, str]]:
    """(story, dimension, value) rows of the stories' cities (translation keys, by city name), engagement type and
    related classifications, in one UNION query; the stories come in as a `wanted` table, so that the rest of the
    statement is the same for any stories and compiled once (classification_statement)."""
    if not story_pks:
        return []
    sql, params = classification_statement(connection.vendor)
    wanted = ", ".join(["(%s)"] * len(story_pks))
    with connection.cursor() as cursor:
        cursor.execute(f"WITH wanted(story) AS (VALUES {wanted}) {sql}", [*story_pks, *params])
        return [(story_pk, dimension, value) for story_pk, dimension, value, _ in cursor.fetchall()]


@lru_cache(maxsize=4)
def classification_statement(vendor: str) -> tuple[str, tuple]:
    """The SQL of classification_rows for the stories of the `wanted` table, per database vendor (the SQL differs);
    building and compiling its five parts cost more than running them."""
    wanted = RawSQL("SELECT story FROM wanted", [])

    def rows(queryset: QuerySet, story: str, dimension: str, value: str, name: str | Value) -> QuerySet:
        return (
            queryset.order_by()
            .annotate(
                story=F(story),
                dimension=Value(dimension, output_field=CharField()),
                value=Cast(value, CharField()),
                name=name,
            )
            .values_list("story", "dimension", "value", "name")
        )

    unnamed = Value("", output_field=CharField())
    cities = rows(
        CITIES.objects.filter(citystorypage_id__in=wanted),
        "citystorypage_id",
        "cities",
        "city__translation_key",
        F("city__name"),
    )
    engagement = rows(
        CityStoryPage.objects.filter(pk__in=wanted, engagement_type__isnull=False),
        "pk",
        "engagement_types",
        "engagement_type__code",
        unnamed,
    )
    related = [
        rows(through.objects.filter(citystorypage_id__in=wanted), "citystorypage_id", dimension, lookup, unnamed)
        for dimension, through, lookup in RELATED_DIMENSIONS
    ]
    # By name, as a story's `cities` are listed everywhere else: the order must not depend on the query plan.
    return cities.union(engagement, *related, all=True).order_by("name").query.sql_with_params()


def first_published(story: CityStoryPage):
    """An alias (a French fallback) was first published as its French page."""
    if story.first_published_at or not story.alias_of_id:
        return story.first_published_at
    return story.alias_of.first_published_at


def facts_of_draft(story: CityStoryPage) -> StoryFacts:
    """Classifies a previewed draft from its own relations: they live on the unsaved object (modelcluster), not in
    the tables the catalogue reads."""
    cities = sorted(story.cities.all(), key=lambda city: city.name)
    return StoryFacts(
        listed=listing_date(story.period_start_year, story.period_start_month, story.first_published_at),
        city_keys=[str(city.translation_key) for city in cities],
        values={
            "principles": {principle.number for principle in story.principles.all()},
            "action_priorities": {priority.number for priority in story.action_priorities.all()},
            "themes": {theme.code for theme in story.themes.all()},
            "engagement_types": {story.engagement_type.code} if story.engagement_type_id else set(),
        },
    )
