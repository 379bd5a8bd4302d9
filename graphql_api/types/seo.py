"""What search engines need: a page's SEO fields, the sitemap with hreflang alternates, old addresses' redirects."""

from collections.abc import Callable
from datetime import datetime

import strawberry

from campaign.i18n import localization
from campaign.i18n.localization import SITEMAP_PAGE_SIZE, ServedPage, sitemap, sitemap_page_count
from campaign.publishing.redirects import find_redirect

from ..cost import sized
from ..errors import ApiError
from .images import Image
from .locales import requested_locale
from .translations import PageTranslation, alternates_of, other_versions


@strawberry.type(description="What search engines and link previews need.")
class Seo:
    title: str = strawberry.field(description="The SEO title, or the page title.")
    description: str = strawberry.field(description="The search description (may be empty).")
    canonical_url: str = strawberry.field(
        description="Absolute URL of this page on the frontend; for a fallback, the French original's."
    )
    served: strawberry.Private[ServedPage]
    share_image: strawberry.Private[Callable[[], Image | None]]

    @strawberry.field(
        description="The image for link previews: the page's share image, else a story's cover, else the site's "
        "default share image for the language."
    )
    def image(self) -> Image | None:
        """Found only when asked: the default image takes a query of the site settings."""
        return self.share_image()

    @strawberry.field(
        description="hreflang links: the versions written in their own language (this one included), and "
        "x-default → the French original. Empty for a fallback, whose canonical URL is the original.",
        directives=sized(6),
    )
    def alternates(self, info: strawberry.Info) -> list[PageTranslation]:
        return alternates_of(self.served, other_versions(info, self.served))


@strawberry.type(description="One page of the sitemap with its other-language versions.")
class SitemapEntry:
    url: str
    last_modified: datetime | None
    alternates: list[PageTranslation] = strawberry.field(directives=sized(5))


@strawberry.type(description="How a locale's sitemap is split: one sitemap file per page of `sitemap`.")
class SitemapIndex:
    page_count: int = strawberry.field(description="Pages of `sitemap(locale, page)`, numbered from 1 (at least 1).")
    page_size: int = strawberry.field(description="Entries per page at most.")


def checked_page(page: int | None) -> int:
    if page is None:
        return 1
    if page < 1:
        raise ApiError("page must be 1 or more.", "INVALID_INPUT")
    return page


@strawberry.type
class SitemapQuery:
    @strawberry.field(
        description=f"One page of a locale's sitemap: at most {SITEMAP_PAGE_SIZE} live pages written in its language "
        "with their alternates, in tree order, for sitemap.xml and hreflang. `page` counts from 1 (null: the first); "
        "`sitemapIndex` says how many there are: read them all (a site of more than "
        f"{SITEMAP_PAGE_SIZE} pages per language has several); a page past the last is empty, below 1 answers "
        "INVALID_INPUT.",
        directives=sized(SITEMAP_PAGE_SIZE),
    )
    def sitemap(self, locale: str | None = None, page: int | None = None) -> list[SitemapEntry]:
        return [
            SitemapEntry(
                url=served.url,
                last_modified=served.content.last_published_at,
                alternates=alternates_of(served, others),
            )
            for served, others in sitemap(requested_locale(locale), checked_page(page))
        ]

    @strawberry.field(description="How many pages `sitemap` has for a locale: the frontend's sitemap index.")
    def sitemap_index(self, locale: str | None = None) -> SitemapIndex:
        page_count = sitemap_page_count(requested_locale(locale))
        return SitemapIndex(page_count=page_count, page_size=localization.SITEMAP_PAGE_SIZE)


@strawberry.type(description="Where an old address now leads.")
class Redirect:
    url: str = strawberry.field(description="A frontend path of this site, or an external URL.")
    permanent: bool = strawberry.field(description="True: answer 301/308; false: 302/307.")


@strawberry.type
class RedirectQuery:
    @strawberry.field(
        description="Where an old path leads: redirects editors made and those Wagtail made when a page's slug "
        "changed or it moved. Null when there is none."
    )
    def redirect(self, path: str) -> Redirect | None:
        found = find_redirect(path)
        return Redirect(url=found.url, permanent=found.permanent) if found else None
