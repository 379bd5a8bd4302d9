"""The sitemap in pages: each page bounded, together the whole site's sitemap as one answer gave it before."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.i18n import localization
from campaign.i18n.localization import hreflang_alternates, serve, visible_pages
from campaign.publishing.generations import forget_all

pytestmark = pytest.mark.django_db

ENTRIES = """query($locale: String, $page: Int) { sitemap(locale: $locale, page: $page) {
  url lastModified alternates { locale url } } }"""
INDEX = "query($locale: String) { sitemapIndex(locale: $locale) { pageCount pageSize } }"
PAGE_SIZE = 7


def whole_sitemap(locale_code: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The sitemap as the unpaginated field computed it: every visible page of every tree read, those of the
    locale written in its language kept, each with its other visible versions."""
    served = serve(visible_pages().filter(depth__gte=2).order_by("path"))
    by_key: dict = {}
    for item in served:
        by_key.setdefault(item.page.translation_key, []).append(item)
    return [
        (item.url, alternates(item, [other for other in by_key[item.page.translation_key] if other is not item]))
        for item in served
        if item.page.locale.language_code == locale_code and not item.is_fallback
    ]


def alternates(item, others) -> list[tuple[str, str]]:
    return [(hreflang, version.url) for hreflang, version in hreflang_alternates(item, others)]


def entries(graphql, locale: str, page: int | None) -> list[dict]:
    forget_all()
    body = graphql(ENTRIES, locale=locale, page=page)
    assert "errors" not in body, body
    return body["data"]["sitemap"]


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(localization, "SITEMAP_PAGE_SIZE", PAGE_SIZE)


@pytest.mark.parametrize("locale", ["fr", "es"])
def test_the_pages_together_are_the_whole_sitemap(graphql, small_pages, locale):
    index = graphql(INDEX, locale=locale)["data"]["sitemapIndex"]
    assert index["pageSize"] == PAGE_SIZE
    pages = [entries(graphql, locale, page) for page in range(1, index["pageCount"] + 1)]
    assert all(len(page) <= PAGE_SIZE for page in pages) and all(pages)
    together = [
        (entry["url"], [(a["locale"], a["url"]) for a in entry["alternates"]]) for page in pages for entry in page
    ]
    expected = whole_sitemap(locale)
    assert len(expected) > PAGE_SIZE, "the test needs several pages"
    assert together == expected
    assert entries(graphql, locale, index["pageCount"] + 1) == []


def test_without_page_the_sitemap_is_its_first_page(graphql, small_pages):
    assert entries(graphql, "en", None) == entries(graphql, "en", 1)


def test_a_page_below_one_is_refused(graphql):
    body = graphql(ENTRIES, locale="fr", page=0)
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


def test_every_page_costs_the_same_queries(graphql, small_pages):
    counts = []
    for page in (1, 2, 3):
        forget_all()
        with CaptureQueriesContext(connection) as captured:
            graphql(ENTRIES, locale="fr", page=page)
        counts.append(len(captured))
    assert len(set(counts)) == 1


def test_a_page_of_the_sitemap_costs_the_same_queries_however_many_entries_it_holds(graphql, monkeypatch):
    """An entry reads only the columns loaded for it (localization.ENTRY_COLUMNS): one it read beyond them would be
    fetched page by page, a query per entry."""
    full = localization.SITEMAP_PAGE_SIZE

    def queries(size: int) -> int:
        monkeypatch.setattr(localization, "SITEMAP_PAGE_SIZE", size)
        forget_all()
        with CaptureQueriesContext(connection) as captured:
            body = graphql(ENTRIES, locale="fr", page=1)
        assert len(body["data"]["sitemap"]) == size, "the test needs full pages"
        return len(captured)

    assert queries(1) == queries(PAGE_SIZE) == queries(full)
