"""The visitors' search on either database: what it finds, what it never shows, the snippet, the cost of keeping
its documents current (campaign.search)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from campaign.models import CityStoryIndexPage, CityStoryPage
from campaign.search.models import SearchDocument

from .factories import CityFactory, CityStoryPageFactory, paragraphs, section

pytestmark = pytest.mark.django_db

SEARCH = """query ($q: String!, $locale: String, $limit: Int = 10, $offset: Int = 0) {
  search(query: $q, locale: $locale, limit: $limit, offset: $offset) {
    totalCount items { title url isFallback } hits { page { title url } snippet }
  }
}"""
TAG = re.compile(r"<[^>]*>")


def found(graphql, words: str, locale: str = "fr", **paging) -> dict:
    return graphql(SEARCH, q=words, locale=locale, **paging)["data"]["search"]


def titles(results: dict) -> set[str]:
    return {item["title"] for item in results["items"]}


def story(title: str, text: str = "How the city did it.", **fields) -> CityStoryPage:
    return CityStoryPageFactory(parent=section(CityStoryIndexPage), title=title, body=paragraphs(text), **fields)


@pytest.mark.parametrize("locale", ["fr", "en", "es"])
def test_a_new_story_is_found_in_every_locale_by_its_words_folded(graphql, locale):
    story("Quokkaville accueille les Réfugiés")
    results = found(graphql, "REFUGIES quokkaville", locale)
    assert titles(results) == {"Quokkaville accueille les Réfugiés"}
    assert results["items"][0]["isFallback"] is (locale != "fr"), "an alias matches in French, as it is read"


def test_the_last_word_typed_is_a_prefix(graphql):
    story("Quokkaville accueille")
    assert titles(found(graphql, "quokkav")) == {"Quokkaville accueille"}
    assert titles(found(graphql, "accueille quokkav")) == {"Quokkaville accueille"}


@pytest.mark.parametrize(
    ("typed", "locale"), [("Bruxelles", "fr"), ("Brussels", "en"), ("Bruselas", "es"), ("Belgique", "en")]
)
def test_a_story_is_found_by_its_city_and_country_in_any_language(graphql, typed, locale):
    story("Une maison pour tous", cities=[CityFactory(name="Bruxelles", country="BE")])
    assert "Une maison pour tous" in titles(found(graphql, typed, locale, limit=100))


def test_drafts_restricted_and_unpublished_pages_never_appear(graphql, editor):
    index = section(CityStoryIndexPage)
    draft = CityStoryPage(title="Quokkadraft", slug="quokkadraft", summary="Quokkadraft", owner=editor)
    index.add_child(instance=draft)
    draft.save_revision()
    draft.unpublish()
    private = story("Quokkaprivate")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="pw")
    gone = story("Quokkagone")
    gone.unpublish()
    for locale in ("fr", "en", "es"):
        assert found(graphql, "quokka", locale)["totalCount"] == 0
    assert not SearchDocument.objects.filter(page__in=Page.objects.filter(translation_key=gone.translation_key))


def test_the_snippet_is_escaped_text_with_the_words_found_marked(graphql):
    story("Quokkaville", summary="Quokkaville & its newcomers: 1 < 2, <b>welcoming</b> <script>alert(1)</script>.")
    hit = found(graphql, "quokkaville", "en")["hits"][0]
    assert "<mark>Quokkaville</mark>" in hit["snippet"]
    assert {tag for tag in TAG.findall(hit["snippet"])} == {"<mark>", "</mark>"}
    assert "&amp;" in hit["snippet"] and "1 &lt; 2" in hit["snippet"]
    assert hit["page"]["title"] == "Quokkaville"


def test_paging_counts_every_match_and_returns_one_window(graphql):
    for number in range(5):
        story(f"Quokka story {number}")
    first, second = found(graphql, "quokka", limit=3), found(graphql, "quokka", limit=3, offset=3)
    assert first["totalCount"] == second["totalCount"] == 5
    assert len(first["items"]) == 3 and len(second["items"]) == 2
    assert titles(first).isdisjoint(titles(second))
    assert [hit["page"]["url"] for hit in first["hits"]] == [item["url"] for item in first["items"]]


def test_a_renamed_city_renames_its_stories_documents(graphql):
    city = CityFactory(name="Quokkaburg", country="IT")
    story("Une maison pour tous", cities=[city])
    city.name = "Wombatburg"
    city.save()
    assert titles(found(graphql, "wombatburg")) == {"Une maison pour tous"}
    assert found(graphql, "quokkaburg")["totalCount"] == 0


def publish_queries(page: Page) -> int:
    page.title = f"{page.title}!"
    with CaptureQueriesContext(connection) as queries:
        page.save_revision().publish()
    return len(queries.captured_queries)


def test_publishing_writes_the_documents_in_queries_that_do_not_grow_with_the_site():
    measured = story("Quokka measured")
    before = publish_queries(measured)
    for number in range(6):
        story(f"Quokka filler {number}")
    assert publish_queries(measured) == before


def test_wagtails_index_writes_an_entry_without_reading_the_whole_index():
    """The admin's index (campaign.search.admin_backend): the page's entry written, no average over every entry."""
    measured = story("Quokka measured")
    with CaptureQueriesContext(connection) as queries:
        index.insert_or_update_object(measured)
    index_queries = [query["sql"].strip().upper() for query in queries.captured_queries]
    index_queries = [sql for sql in index_queries if "INDEXENTRY" in sql]
    assert any(sql.startswith(("INSERT", "UPDATE")) for sql in index_queries), "the entry is written"
    assert not any("AVG(" in sql for sql in index_queries)


def test_the_admin_page_search_finds_a_page_just_published(french_admin):
    story("Quokkaville accueille")
    response = french_admin.get("/admin/pages/search/", {"q": "Quokkaville"})
    assert response.status_code == 200
    assert "Quokkaville accueille" in response.content.decode()
