"""Full-text search over the pages of a locale (campaign.i18n.localization.search_pages ranks them)."""

import strawberry

from campaign.i18n.localization import search_pages, served_pages

from ..cost import sized, sliced
from ..pagination import page_window
from .locales import requested_locale
from .page import PageNode, page_node


@strawberry.type(description="Search results: the total and one page of them, best first.")
class SearchResults:
    total_count: int
    items: list[PageNode] = strawberry.field(directives=sized(100))


@strawberry.type
class SearchQuery:
    @strawberry.field(
        description="Pages of a locale matching words, best first (untranslated pages match in French). "
        "`limit` above 100 is clamped; negative values answer INVALID_INPUT. Cost: each result counts `limit` "
        "times.",
        directives=sliced("limit", "items"),
    )
    def search(
        self, query: str, locale: str | None = None, limit: int | None = 10, offset: int | None = 0
    ) -> SearchResults:
        target = requested_locale(locale)
        limit, offset = page_window(limit, offset)
        ids = search_pages(query, target)
        items = [page_node(served) for served in served_pages(ids[offset : offset + limit])]
        return SearchResults(total_count=len(ids), items=items)
