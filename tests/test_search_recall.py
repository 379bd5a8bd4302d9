"""Recall of the visitors' search on the shipped content (tests/search_queries.py): on PostgreSQL, every case; on
SQLite (the demo's fallback, no stemming nor typo correction), the smaller set it promises."""

import pytest
from django.db import connection
from wagtail.models import Locale

from campaign.i18n.localization import visible_pages
from campaign.models import CityStoryPage
from campaign.search.query import matching

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
def test_the_match_is_made_by_the_gin_index_of_the_stored_vectors():
    """Whether the planner picks the index depends on the table's size; that it can, on the query's shape (the old
    search matched `title || body`, which no index covers): with sequential scans priced out, the plan reads it."""
    spanish = Locale.objects.get(language_code="es")
    found, _ = matching(["refugiadas"], visible_pages().filter(locale=spanish, depth__gte=3), ["es", "fr"])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    assert "campaign_searchdocument_vector" in found.explain()
