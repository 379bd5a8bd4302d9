"""Full-text search over the pages of a locale (campaign.search runs it: counted and paged in SQL)."""

import strawberry

from campaign.i18n.localization import search_pages, served_pages

from ..cost import sized, sliced
from ..pagination import page_window
from .locales import requested_locale
from .page import PageNode, page_node


@strawberry.type(description="A page found, with the passage of its text that matched.")
class SearchHit:
    page: PageNode
    snippet: str = strawberry.field(
        description="A passage of the page's text (up to two fragments joined by ' … ') with each word found "
        "wrapped in <mark>…</mark>. HTML: every other character is escaped, so it can be inserted as it is; no "
        "other tag ever appears. Empty when the page has no text besides its title."
    )


@strawberry.type(description="Search results: the total and one page of them, best first.")
class SearchResults:
    total_count: int
    items: list[PageNode] = strawberry.field(directives=sized(100))
    hits: list[SearchHit] = strawberry.field(
        description="The same pages as `items`, in the same order, each with its highlighted snippet.",
        directives=sized(100),
    )


@strawberry.type
class SearchQuery:
    @strawberry.field(
        description="Pages of a locale matching words, best first (untranslated pages match in French): every "
        "word, in any form of it (plural, gender, with or without accents), the last one also as the beginning of "
        "a word; a story also by its cities' and countries' names in any language; when nothing matches, a word "
        "with a typo is replaced by the nearest word of the site. `limit` above 100 is clamped; negative values "
        "answer INVALID_INPUT. Cost: each result counts `limit` times.",
        directives=sliced("limit", "items", "hits"),
    )
    def search(
        self, query: str, locale: str | None = None, limit: int | None = 10, offset: int | None = 0
    ) -> SearchResults:
        target = requested_locale(locale)
        limit, offset = page_window(limit, offset)
        found = search_pages(query, target, limit, offset)
        by_id = {served.page.pk: served for served in served_pages([hit.page_id for hit in found.hits])}
        hits = [
            SearchHit(page=page_node(by_id[hit.page_id]), snippet=hit.snippet)
            for hit in found.hits
            if hit.page_id in by_id
        ]
        return SearchResults(total_count=found.total, items=[hit.page for hit in hits], hits=hits)
