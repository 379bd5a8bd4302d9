"""The queries a frontend really sends (operations/*.graphql), on the loaded content, in the three locales.

Each is checked for what a visitor would see and for its SQL query count, which must not grow with the content.
They run on the shipped content on purpose: its size and its translations are what the query counts are held to.
"""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.publishing.generations import forget_all

pytestmark = pytest.mark.django_db

OPERATIONS = Path(__file__).parent / "operations"
LOCALES = ("fr", "en", "es")
PATHS = {
    "home": {"fr": "/fr/", "en": "/en/", "es": "/es/"},
    "principle": {"fr": "/fr/charte/dignite/", "en": "/en/charter/dignity/", "es": "/es/carta/dignidad/"},
    "story": {
        "fr": "/fr/histoires/milan-premiers-pas/",
        "en": "/en/stories/milan-first-steps/",
        "es": "/es/historias/milan-primeros-pasos/",
    },
}
SEARCH_WORDS = {"fr": "dignité", "en": "dignity", "es": "dignidad"}
# SQL queries per operation, whatever the number of items: a regression guard (measured, then held).
CEILINGS = {
    "site": 13,
    "home_page": 22,  # 21, and the alt texts of the language (EN, ES); seo.image is read only when asked
    "charter": 5,
    "principle": 6,
    "timeline": 7,
    "story_list": 16,  # 14, the alt texts of the language (EN, ES), the state of the stored served stories
    "story": 21,  # 19, the alt texts of the language (EN, ES), the state of the stored served stories
    "search": 13,
    "language_switcher": 6,
}


def run(graphql, operation: str, **variables) -> tuple[dict, int]:
    query = (OPERATIONS / f"{operation}.graphql").read_text()
    graphql(query, **variables)  # warm: renditions are created on first use
    forget_all()  # count the queries of a response-cache miss
    with CaptureQueriesContext(connection) as queries:
        body = graphql(query, **variables)
    assert "errors" not in body, body.get("errors")
    assert len(queries) <= CEILINGS[operation], f"{operation}: {len(queries)} queries"
    return body["data"], len(queries)


@pytest.mark.parametrize("locale", LOCALES)
def test_site_chrome(graphql, locale):
    data, _ = run(graphql, "site", locale=locale)
    site = data["site"]
    assert site["locale"] == locale and site["mainMenu"] and site["footerMenu"]
    assert all(item["url"].startswith(f"/{locale}/") for item in site["mainMenu"])
    assert site["privacyPage"]["url"].startswith(f"/{locale}/")


@pytest.mark.parametrize("locale", LOCALES)
def test_home_page(graphql, locale):
    data, _ = run(graphql, "home_page", path=PATHS["home"][locale])
    home = data["page"]
    assert home["__typename"] == "HomePage" and home["locale"] == locale and not home["isFallback"]
    assert home["featuredStories"] and all(s["url"].startswith(f"/{locale}/") for s in home["featuredStories"])
    assert all(s["coverImage"]["rendition"]["width"] == 800 for s in home["featuredStories"])


@pytest.mark.parametrize("locale", LOCALES)
def test_charter(graphql, locale):
    data, _ = run(graphql, "charter", locale=locale)
    charter = data["charter"]
    assert [c["number"] for c in charter["chapters"]] == [1, 2, 3, 4]
    assert [len(p["priorities"]) for p in charter["principles"]] == [5] * 7
    assert all(p["url"].startswith(f"/{locale}/") for p in charter["principles"])


@pytest.mark.parametrize("locale", LOCALES)
def test_principle(graphql, locale):
    data, _ = run(graphql, "principle", path=PATHS["principle"][locale])
    page = data["page"]
    assert (page["number"], page["isFallback"], page["contentLocale"]) == (1, False, locale)
    assert {t["locale"] for t in page["translations"]} == set(LOCALES) - {locale}


@pytest.mark.parametrize("locale", LOCALES)
def test_timeline(graphql, locale):
    data, _ = run(graphql, "timeline", locale=locale)
    assert len(data["milestones"]) == 12
    assert all(m["url"].startswith(f"/{locale}/") and not m["isFallback"] for m in data["milestones"])


@pytest.mark.parametrize("locale", LOCALES)
def test_story_list(graphql, locale):
    data, _ = run(graphql, "story_list", locale=locale, limit=12, filter={"themes": ["children_youth"]})
    stories = data["cityStories"]
    assert stories["totalCount"] == sum(
        f["count"] for f in stories["facets"]["themes"] if f["value"] == "children_youth"
    )
    assert all("children_youth" in [t["code"] for t in s["themes"]] for s in stories["items"])


@pytest.mark.parametrize("locale", LOCALES)
def test_story(graphql, locale):
    data, _ = run(graphql, "story", path=PATHS["story"][locale])
    story = data["page"]
    assert story["__typename"] == "CityStoryPage" and not story["isFallback"]
    assert story["cities"][0]["country"]["code"] == "IT"
    assert all(s["url"].startswith(f"/{locale}/") for s in story["relatedStories"])


@pytest.mark.parametrize("locale", LOCALES)
def test_search(graphql, locale):
    data, _ = run(graphql, "search", query=SEARCH_WORDS[locale], locale=locale)
    results = data["search"]
    assert results["totalCount"] >= 1
    assert results["items"][0]["url"] == PATHS["principle"][locale]


@pytest.mark.parametrize("locale", LOCALES)
def test_language_switcher(graphql, locale):
    data, _ = run(graphql, "language_switcher", path=PATHS["story"][locale])
    assert [item["code"] for item in data["locales"]] == list(LOCALES)
    assert {t["locale"]: t["url"] for t in data["page"]["translations"]} == {
        code: PATHS["story"][code] for code in LOCALES if code != locale
    }
