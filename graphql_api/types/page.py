"""The `Page` interface every page type implements, and the root fields that find a page by path, id or preview.

Each object wraps a ServedPage (the page of the requested locale's tree); every field reads from it, so locale,
fallback and URL rules stay in campaign.i18n.localization. Which type serves which model is declared on each type
(graphql_api.registry).
"""

from datetime import datetime

import strawberry
from django.db.models import prefetch_related_objects

from campaign.i18n.localization import ServedPage, in_locale, page_at_path, page_in_locale
from campaign.publishing.preview import PreviewTokenInvalid, previewed_page

from ..cost import sized
from ..errors import ApiError
from ..registry import page_type_for
from .blocks import Block, stream_nodes
from .common import Link
from .images import image_node
from .locales import requested_locale
from .seo import Seo
from .site import default_image
from .translations import PageTranslation, TranslationProgress, TranslationStatus, other_versions, translation_of


@strawberry.interface(name="Page", description="Fields every page has, in every locale.")
class PageNode:
    served: strawberry.Private[ServedPage]

    def blocks(self, info: strawberry.Info, field: str) -> list[Block]:
        return stream_nodes(info, getattr(self.served.specific, field), self.served.page.locale)

    @strawberry.field(description="The page's id in the requested locale's tree.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.served.page.pk))

    @strawberry.field(description="The title, in the content's language.")
    def title(self) -> str:
        return self.served.content.title

    @strawberry.field(description="The last segment of the URL.")
    def slug(self) -> str:
        return self.served.page.slug

    @strawberry.field(description="The page's type, e.g. CityStoryPage: tells the frontend which template to use.")
    def page_type(self) -> str:
        return type(self.served.specific).__name__

    @strawberry.field(description="Frontend path in the requested locale, e.g. /en/charter/dignity/.")
    def url(self) -> str:
        return self.served.url

    @strawberry.field(description="The requested (served) locale.")
    def locale(self) -> str:
        return self.served.locale_code

    @strawberry.field(description="The language the content is written in: differs from `locale` on fallback.")
    def content_locale(self) -> str:
        return self.served.content_locale_code

    @strawberry.field(
        description="True when this locale serves the French content: translationStatus UNTRANSLATED or IN_PROGRESS."
    )
    def is_fallback(self) -> bool:
        return self.served.is_fallback

    @strawberry.field(description="How far this page is translated into its locale.")
    def translation_status(self) -> TranslationStatus:
        return self.served.status

    @strawberry.field(
        description="For TRANSLATED and OUTDATED pages published through wagtail-localize: how complete, and since "
        "when; null otherwise (and for a translation an editor wrote by hand, which has no segments)."
    )
    def translation_progress(self) -> TranslationProgress | None:
        publication = self.served.publication
        if publication is None or publication.total_segments is None:
            return None
        return TranslationProgress(
            translated_segments=publication.translated_segments,
            total_segments=publication.total_segments,
            translated_at=publication.published_at,
        )

    @strawberry.field(description="The same for all language versions of this page.")
    def translation_key(self) -> strawberry.ID:
        return strawberry.ID(str(self.served.page.translation_key))

    @strawberry.field(
        description="The other locales' versions of this page, each with its status: a language switcher marks "
        "those that fall back to French. For hreflang, use seo.alternates.",
        directives=sized(5),
    )
    def translations(self, info: strawberry.Info) -> list[PageTranslation]:
        return [translation_of(other) for other in other_versions(info, self.served)]

    @strawberry.field(description="Title, description, canonical URL and hreflang alternates for search engines.")
    def seo(self, info: strawberry.Info) -> Seo:
        content = self.served.content
        return Seo(
            title=content.seo_title or content.title,
            description=content.search_description,
            canonical_url=self.served.canonical_url,
            served=self.served,
            share_image=lambda: image_node(info, self.share_image(info), locale=self.served.page.locale),
        )

    def share_image(self, info: strawberry.Info):
        """The page's own share image, else a story's cover, else the default of the reader's language."""
        page = self.served.specific
        return page.share_image or getattr(page, "cover_image", None) or default_image(info, self.served.page.locale)

    @strawberry.field(description="The way down from the home page to this page's parent.", directives=sized(5))
    def breadcrumbs(self) -> list[Link]:
        return [Link(title=crumb.content.title, url=crumb.url) for crumb in self.served.breadcrumbs()]

    @strawberry.field(description="When the content served was first published.")
    def first_published_at(self) -> datetime | None:
        return self.served.content.first_published_at

    @strawberry.field(description="When the content served was last published.")
    def last_published_at(self) -> datetime | None:
        return self.served.content.last_published_at


def page_node(served: ServedPage | None) -> PageNode | None:
    """The page's GraphQL type; None for a page the API does not publish (the tree's bare root)."""
    node_type = page_type_for(type(served.specific)) if served else None
    return node_type(served=served) if node_type else None


def featured(node: PageNode, relation: str, field: str, model: type) -> list:
    """An ordered featured list (chosen in French), each item in the reader's locale."""
    rows = getattr(node.served.specific, relation).select_related(field).order_by("sort_order")
    served = in_locale([getattr(row, field) for row in rows], node.served.page.locale, model)
    if hasattr(model, "cover_image"):
        with_cover_renditions(served)
    return [page_node(item) for item in served]


def with_cover_renditions(stories: list[ServedPage]) -> list[ServedPage]:
    """Existing renditions of the stories' covers in two queries, rather than one per story."""
    prefetch_related_objects([item.page for item in stories], "cover_image__renditions")
    return stories


@strawberry.type
class PageQuery:
    @strawberry.field(
        description="The live page at a frontend path such as /en/charter/dignity/; null when nothing live is there "
        "(the frontend then asks `redirect`, else shows its 404)."
    )
    def page(self, path: str) -> PageNode | None:
        return page_node(page_at_path(path))

    @strawberry.field(description="A page by its id (any language), as served in `locale` (default: fr).")
    def page_by_id(self, id: strawberry.ID, locale: str | None = None) -> PageNode | None:
        target = requested_locale(locale)
        if not str(id).isdigit():
            raise ApiError(f"Not a page id: {id!r}.", "INVALID_INPUT")
        return page_node(page_in_locale(int(id), target))

    @strawberry.field(
        description="The draft being previewed from the admin, by the token of its preview link (valid one hour by "
        "default); also pages never published. Invalid or expired tokens answer PREVIEW_TOKEN_INVALID."
    )
    def preview(self, token: str) -> PageNode | None:
        try:
            return page_node(ServedPage(previewed_page(token), previewed=True))
        except PreviewTokenInvalid:
            raise ApiError(
                "This preview link is invalid or has expired; open the preview again.", "PREVIEW_TOKEN_INVALID"
            ) from None
