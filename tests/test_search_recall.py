"""Recall of the visitors' search on the shipped content (tests/search_queries.py): on PostgreSQL, every case; on
SQLite (the demo's fallback, no stemming nor typo correction), the smaller set it promises."""

import pytest
from django.db import connection

from campaign.models import CityStoryPage
from campaign.search.models import SearchDocument
from campaign.search.query import visitor_query

from .search_queries import CASES, SQLITE_CASES

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming, unaccent and typo correction are PostgreSQL's (DATABASE_URL)"
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite fallback's own, smaller set")

SEARCH = """query ($q: String!, $locale: String) {
  search(query: $q, locale: $locale, limit: 100) { totalCount items { translationKey } }
}"""


def found_slugs(graphql, locale: str, words: str) -> set[str]:
    """The French slugs of the stories found: a story has the same translation key in every language."""
    keys = {item["translationKey"] for item in graphql(SEARCH, q=words, locale=locale)["data"]["search"]["items"]}
    stories = CityStoryPage.objects.filter(locale__language_code="fr", translation_key__in=keys)
    return set(stories.values_list("slug", flat=True))


@on_postgresql
@pytest.mark.parametrize(("locale", "words", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_postgresql_search_finds_the_expected_stories(graphql, locale, words, expected):
    missing = expected - found_slugs(graphql, locale, words)
    assert not missing, f"{words!r} in {locale} misses {sorted(missing)}"


@on_sqlite
@pytest.mark.parametrize(("locale", "words", "expected"), SQLITE_CASES, ids=[f"{c[0]}-{c[1]}" for c in SQLITE_CASES])
def test_sqlite_search_finds_the_expected_stories(graphql, locale, words, expected):
    missing = expected - found_slugs(graphql, locale, words)
    assert not missing, f"{words!r} in {locale} misses {sorted(missing)}"


@on_postgresql
def test_the_match_can_be_made_by_the_gin_index_of_the_stored_vectors():
    """Whether the planner picks the index depends on the table's size (at a few hundred documents it starts from
    the locale's pages, bench/search_recall.py prints the plan); that it can is the predicate's shape (the old
    search matched `title || body`, which no index covers): with sequential scans priced out, the plan reads it."""
    documents = SearchDocument.objects.filter(vector=visitor_query(["refugiadas"], ["es", "fr"]))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    assert "campaign_searchdocument_vector" in documents.explain()
    assert documents.exists()
