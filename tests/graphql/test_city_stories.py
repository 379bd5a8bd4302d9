"""cityStories: filters, facets counted under the other filters, ordering, pagination, and a flat query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.formats import date_format

from campaign.catalogue.story_catalogue import STORED, StoryCatalogue, stored_rows_current
from campaign.models import CharterPage, CityStoryIndexPage, CityStoryPage, EngagementType, Region, Theme
from campaign.publishing.generations import forget_all
from campaign.search.documents import body_of
from campaign.text.plain import MAX_SEARCH_WORDS, fold

from ..factories import (
    CityFactory,
    CityStoryPageFactory,
    PrinciplePageFactory,
    RegionFactory,
    paragraphs,
    section,
    translate,
)

pytestmark = pytest.mark.django_db

LIST = """
query ($locale: String, $filter: CityStoryFilter, $limit: Int, $offset: Int, $order: CityStoryOrder) {
  cityStories(locale: $locale, filter: $filter, limit: $limit, offset: $offset, order: $order) {
    totalCount
    items {
      title url isFallback periodStart { year month } listingDate ongoing
      cities { name country { code name } region { code label } latitude longitude }
      engagementType { code label } actionPriorities { number title } principles { number title url }
      themes { code label }
      coverImage { alt rendition(spec: "fill-400x225", format: WEBP) { url width height } }
      translations { locale url isFallback }
    }
    facets {
      countries { value label count } regions { value label count } principles { value label count }
      actionPriorities { value label count } engagementTypes { value label count } themes { value label count }
      years { value label count }
    }
  }
}
"""


def stories(graphql, **variables):
    body = graphql(LIST, **variables)
    assert "errors" not in body, body["errors"]
    return body["data"]["cityStories"]


def new_story(**fields) -> CityStoryPage:
    return CityStoryPageFactory(parent=section(CityStoryIndexPage), **fields)


def every_story(graphql, locale: str, **variables) -> tuple[int, list[dict]]:
    """All pages of the list, 40 at a time: each request makes at most its share of new cover renditions."""
    items, total = [], None
    while total is None or len(items) < total:
        page = stories(graphql, locale=locale, limit=40, offset=len(items), **variables)
        total = page["totalCount"]
        items += page["items"]
    return total, items


def test_every_story_is_listed_in_every_locale_translated_or_not(graphql):
    translated = translate(new_story(), "es", slug="historia-traducida")
    untranslated = new_story(slug="histoire-non-traduite")
    french = CityStoryPage.objects.filter(locale__language_code="fr").count()
    for locale in ("fr", "en", "es"):
        total, items = every_story(graphql, locale)
        assert total == french == len({item["url"] for item in items})
    index = f"/es/{section(CityStoryIndexPage, 'es').slug}/"
    spanish = {item["url"]: item["isFallback"] for item in every_story(graphql, "es")[1]}
    assert spanish[f"{index}{translated.slug}/"] is False
    assert spanish[f"{index}{untranslated.slug}/"] is True
    assert all(url.startswith(index) for url in spanish)


def test_filters_combine_and_facets_count_under_the_other_filters(graphql):
    region = RegionFactory(code="test-region")
    principle = PrinciplePageFactory(parent=section(CharterPage), number=2)
    for principles in ([principle], [principle], []):
        new_story(cities=[CityFactory(region=region)], principles=principles)

    in_region = stories(graphql, locale="fr", filter={"regions": ["test-region"]}, limit=100)
    assert in_region["totalCount"] == 3
    assert all(any(c["region"]["code"] == "test-region" for c in s["cities"]) for s in in_region["items"])
    all_regions = {f["value"]: f["count"] for f in in_region["facets"]["regions"]}
    assert all_regions["test-region"] == in_region["totalCount"], "a facet ignores its own filter"
    placed = {"scopes": ["local", "national", "regional"]}  # a global story is in no region
    assert sum(all_regions.values()) >= stories(graphql, locale="fr", filter=placed, limit=1)["totalCount"]

    narrower = stories(graphql, locale="fr", filter={"regions": ["test-region"], "principles": [2]}, limit=100)
    assert narrower["totalCount"] == 2
    assert narrower["totalCount"] == next(f["count"] for f in in_region["facets"]["principles"] if f["value"] == "2")
    assert all(2 in [p["number"] for p in s["principles"]] for s in narrower["items"])


FACETS_THROUGH_FRAGMENTS = """
query ($locale: String) {
  cityStories(locale: $locale, limit: 1) {
    facets { ...Places ... on CityStoryFacets { themes { value count } } years @skip(if: true) { value } }
  }
}
fragment Places on CityStoryFacets { countries { value count } regions { value count } }
"""
ONLY_THEMES = 'query { cityStories(locale: "fr", limit: 1) { facets { themes { value count } } } }'


def counted(values: list[dict]) -> dict[str, int]:
    return {value["value"]: value["count"] for value in values}


def test_facets_selected_through_fragments_count_as_in_the_full_list(graphql):
    everything = stories(graphql, locale="fr", limit=1)["facets"]
    body = graphql(FACETS_THROUGH_FRAGMENTS, locale="fr")
    assert "errors" not in body, body["errors"]
    facets = body["data"]["cityStories"]["facets"]
    assert set(facets) == {"countries", "regions", "themes"}
    for dimension in facets:
        assert everything[dimension]
        assert counted(facets[dimension]) == counted(everything[dimension])


def test_facets_read_only_the_dimensions_the_query_asks_for(graphql):
    forget_all()
    with CaptureQueriesContext(connection) as queries:
        body = graphql(ONLY_THEMES)
    assert body["data"]["cityStories"]["facets"]["themes"]
    counting = [query["sql"] for query in queries if "campaign_citystorypage_themes" in query["sql"]]
    assert len(counting) == 1
    assert "campaign_citystorypage_principles" not in counting[0]
    assert "campaign_citystorypage_action_priorities" not in counting[0]


def test_a_page_of_no_items_still_counts_every_matching_story(graphql):
    """`limit: 0` asks for the total and the facets alone; an offset past the end still gives the total."""
    everything = stories(graphql, locale="fr", limit=1)["totalCount"]
    assert everything > 0
    for window in ({"limit": 0}, {"limit": 0, "offset": 5}, {"limit": 3, "offset": everything + 10}):
        found = stories(graphql, locale="fr", **window)
        assert (found["totalCount"], found["items"]) == (everything, []), window


def test_facets_cost_no_statement_beyond_the_list(graphql):
    """The total, the page of the list and the facets the query selects are worked out by one statement, the only
    one that reads which stories are served (stored rows up to date: campaign.catalogue.served_stories)."""
    plain = 'query { cityStories(locale: "en", limit: 5) { totalCount items { title } } }'
    faceted = plain.replace("} } }", "} facets { scopes { value count } years { number count } } } }")
    counted = {}
    assert stored_rows_current()
    for name, query in (("plain", plain), ("faceted", faceted)):
        forget_all()
        with CaptureQueriesContext(connection) as queries:
            body = graphql(query)
        counted[name] = len(queries)
        assert len([query for query in queries if "served_pk" in query["sql"]]) == 1, name
    assert body["data"]["cityStories"]["facets"]["scopes"] and body["data"]["cityStories"]["facets"]["years"]
    assert counted["faceted"] == counted["plain"]


@pytest.mark.parametrize("stored", [True, False], ids=["stored served stories", "worked out live"])
def test_a_filtered_list_reads_each_story_row_once_however_many_sets_its_facets_need(graphql, monkeypatch, stored):
    """Three filters and the facets of two of them need three sets of stories (the list's, and one for each of those
    facets, which ignores its own filter): each set is a part of the served stories, whose rows and scope are read
    once for all of them, from the stored served stories (campaign.catalogue.served_stories) or from the story
    table when the list is worked out live."""
    region = RegionFactory(code="test-region")
    new_story(cities=[CityFactory(region=region)], scope="local", period_start_year=2021)
    wanted = {"regions": ["test-region"], "scopes": ["local"], "years": [2021]}
    if stored:
        assert stored_rows_current()
    else:
        monkeypatch.setattr(StoryCatalogue, "stored", False)
    forget_all()
    with CaptureQueriesContext(connection) as queries:
        found = stories(graphql, locale="fr", filter=wanted, limit=5)
    assert found["totalCount"] == 1 and found["facets"]["regions"] and found["facets"]["years"]
    (statement,) = [query["sql"] for query in queries if "served_pk" in query["sql"]]
    story_rows = f'"{CityStoryPage._meta.db_table}" LEFT OUTER JOIN "{Region._meta.db_table}"'
    assert (statement.count(story_rows), statement.count(f"FROM {STORED} ")) == ((0, 2) if stored else (1, 0))


def test_facets_in_charter_order_read_only_the_terms_of_the_dimensions_asked_for(graphql):
    forget_all()
    query = ONLY_THEMES.replace("facets {", "facets(order: CHARTER) {")
    with CaptureQueriesContext(connection) as queries:
        body = graphql(query)
    listed = [value["value"] for value in body["data"]["cityStories"]["facets"]["themes"]]
    site_order = list(Theme.objects.filter(locale__language_code="fr").values_list("code", flat=True))
    assert len(listed) > 1 and listed == [code for code in site_order if code in listed]
    unselected = (Region._meta.db_table, EngagementType._meta.db_table)
    reading = [query["sql"] for query in queries if any(f'FROM "{table}"' in query["sql"] for table in unselected)]
    assert reading == []


CITY_PLACES = """query ($cities: String!) { cityStories(locale: "fr", limit: 100, filter: {search: $cities}) {
  items { cities { name country { code name } %s } } } }"""


def test_a_city_reads_its_region_only_when_the_query_selects_it(graphql):
    region = RegionFactory(code="test-region", label="Région d'essai")
    city = CityFactory(name="Testvillezzz", country="IT", region=region)
    new_story(cities=[city])
    forget_all()
    with CaptureQueriesContext(connection) as queries:
        places = graphql(CITY_PLACES % "", cities=city.name)["data"]["cityStories"]["items"]
    assert places == [{"cities": [{"name": city.name, "country": {"code": "IT", "name": "Italie"}}]}]
    assert [query for query in queries if f'FROM "{Region._meta.db_table}"' in query["sql"]] == []
    forget_all()
    placed = graphql(CITY_PLACES % "region { code label }", cities=city.name)["data"]["cityStories"]["items"]
    assert placed[0]["cities"][0]["region"] == {"code": "test-region", "label": "Région d'essai"}


def test_search_ignores_case_and_accents(graphql):
    about_refugees = new_story(title="Testville accueille les réfugiés", slug="testville-refugies")
    new_story(title="Testville plante des arbres", slug="testville-arbres")
    found = stories(graphql, locale="fr", filter={"search": "REFUGIES"}, limit=100)
    slugs = [item["url"].split("/")[-2] for item in found["items"]]
    assert about_refugees.slug in slugs and "testville-arbres" not in slugs
    for slug in slugs:
        story = CityStoryPage.objects.get(locale__language_code="fr", slug=slug)
        assert "refugi" in fold(f"{story.title} {body_of(story)}"), slug


def test_a_search_of_hundreds_of_words_is_cut_to_the_site_search_limit(graphql):
    story = new_story(title="Testville ouvre ses écoles", slug="testville-ecoles")
    words = " ".join(["testville"] * (MAX_SEARCH_WORDS - 1) + ["ecoles"] + [f"w{n}" for n in range(300)])
    found = stories(graphql, locale="fr", filter={"search": words}, limit=100)["items"]
    assert [item["url"].split("/")[-2] for item in found] == [story.slug]


def test_search_finds_what_the_site_search_finds(graphql):
    """One matching for both search boxes: a city's name in any language, a word of the body, its last word in
    part."""
    story = new_story(
        title="Testville ouvre ses écoles", slug="testville-ecoles", body=paragraphs("Des cours du soir.")
    )
    story.cities.add(CityFactory(name="Bruxelles", country="BE"))
    story.save_revision().publish()
    for words in ("Bruxelles", "Brussels", "cours soi", "ECOLE"):
        found = stories(graphql, locale="fr", filter={"search": words}, limit=100)["items"]
        assert story.slug in [item["url"].split("/")[-2] for item in found], words


def test_pagination_and_order(graphql):
    for year in range(2010, 2016):
        new_story(period_start_year=year)
    everything = [s["url"] for s in every_story(graphql, "fr", order="TITLE")[1]]
    pages = [
        s["url"]
        for offset in (0, 2, 4)
        for s in stories(graphql, locale="fr", limit=2, offset=offset, order="TITLE")["items"]
    ]
    assert len(pages) == 6 and pages == everything[:6]
    newest = every_story(graphql, "fr", order="NEWEST")[1]
    listed = [story["listingDate"] for story in newest]
    assert None not in listed and listed == sorted(listed, reverse=True)


NEWEST = """query ($locale: String) { cityStories(locale: $locale, limit: 3, order: NEWEST) {
  items { title periodStart { year } listingDate } } }"""


def test_a_story_without_a_period_is_listed_by_its_first_publication(graphql):
    """Published today without a start date, a story heads the list; with one, it goes where its start puts it."""
    today = new_story(title="Publiée aujourd'hui sans période", period_start_year=None)
    today.refresh_from_db()
    dated = new_story(title="Action de 1990", period_start_year=1990, period_start_month=5)
    for locale in ("fr", "en"):
        items = graphql(NEWEST, locale=locale)["data"]["cityStories"]["items"]
        assert items[0] == {
            "title": today.title,
            "periodStart": None,
            "listingDate": today.first_published_at.date().isoformat(),
        }
    oldest = stories(graphql, locale="fr", limit=1, order="OLDEST")["items"][0]
    assert oldest["title"] == dated.title


def test_the_story_form_says_which_date_the_site_lists_it_by(admin_in):
    editor_client = admin_in("en")
    undated = new_story(period_start_year=None)
    undated.refresh_from_db()
    dated = new_story(period_start_year=2021, period_start_month=3)
    index = section(CityStoryIndexPage)

    def form(url: str) -> str:
        return editor_client.get(url).content.decode()

    with translation.override("en"):
        published = date_format(undated.first_published_at.date(), "DATE_FORMAT")
    assert f"by its first publication, {published}" in form(f"/admin/pages/{undated.pk}/edit/")
    assert "by the start of its action: March 2021" in form(f"/admin/pages/{dated.pk}/edit/")
    new = form(f"/admin/pages/add/campaign/citystorypage/{index.pk}/")
    assert "will list this story by the day it is first published" in new


def test_a_huge_limit_is_clamped_to_100(graphql):
    for _ in range(100 - CityStoryPage.objects.filter(locale__language_code="fr").count() + 1):
        new_story()
    titles = graphql('{ cityStories(locale: "fr", limit: 100000) { totalCount items { title } } }')
    assert titles["data"]["cityStories"]["totalCount"] > 100
    assert len(titles["data"]["cityStories"]["items"]) == 100


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"limit": -1}, "limit"),
        ({"offset": -5}, "offset"),
        ({"filter": {"countries": ["ZZ"]}}, "ZZ"),
        ({"filter": {"themes": ["astrology"]}}, "astrology"),
        ({"filter": {"principles": [9]}}, "9"),
        ({"locale": "xx"}, "xx"),
    ],
)
def test_bad_input_is_a_coded_error(graphql, variables, message):
    body = graphql(LIST, **variables)
    assert body["errors"][0]["extensions"]["code"] in ("INVALID_INPUT", "UNKNOWN_LOCALE")
    assert message in body["errors"][0]["message"]


def count_queries(graphql, **variables) -> int:
    """Queries of a response-cache miss."""
    forget_all()
    with CaptureQueriesContext(connection) as queries:
        stories(graphql, **variables)
    return len(queries)


def test_the_query_count_does_not_grow_with_the_page_size(graphql):
    stories(graphql, locale="es", limit=50)  # renditions are created on first use; count the steady state
    small = count_queries(graphql, locale="es", limit=5)
    large = count_queries(graphql, locale="es", limit=50)
    assert small == large
    assert large <= 16  # one reads the language's image alt texts, one the state of the stored served stories
