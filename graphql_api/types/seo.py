"""What search engines need: a page's SEO fields, the sitemap with hreflang alternates, old addresses' redirects."""

from collections.abc import Callable
from datetime import datetime

import strawberry

from campaign.i18n.localization import ServedPage, sitemap
from campaign.publishing.redirects import find_redirect

from ..cost import sized
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


@strawberry.type
class SitemapQuery:
    @strawberry.field(
        description="Every live page of a locale with its alternates, for sitemap.xml and hreflang.",
        directives=sized(300),
    )
    def sitemap(self, locale: str | None = None) -> list[SitemapEntry]:
        return [
            SitemapEntry(
                url=served.url,
                last_modified=served.content.last_published_at,
                alternates=alternates_of(served, others),
            )
            for served, others in sitemap(requested_locale(locale))
        ]


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
