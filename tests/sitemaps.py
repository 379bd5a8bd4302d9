"""A locale's whole sitemap, read page after page as a frontend builds its sitemap index: a test looking for a page
in the sitemap, or making sure one is absent, reads every page of it, not the first only."""

INDEX = "query($locale: String) { sitemapIndex(locale: $locale) { pageCount } }"
PAGE = "query($locale: String, $page: Int) { sitemap(locale: $locale, page: $page) { %s } }"


def read_sitemap(data_of, locale: str, fields: str = "url") -> list[dict]:
    """Every entry of `locale`'s sitemap with `fields`; `data_of(document, **variables)` answers a query's data."""
    page_count = data_of(INDEX, locale=locale)["sitemapIndex"]["pageCount"]
    return [
        entry
        for page in range(1, page_count + 1)
        for entry in data_of(PAGE % fields, locale=locale, page=page)["sitemap"]
    ]
