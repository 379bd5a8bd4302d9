"""StreamField blocks: each child block of every StreamField has a builder, registered with `@builds_block`.

The page bodies' blocks (campaign.blocks.BodyStreamBlock) form the `Block` union, each a typed member with its own
id; other streams (names, priorities, key messages, share texts, menus, social links) give lists of their own
types, built the same way. A block whose asset is private, or whose link leads nowhere visible, builds nothing.
"""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated

import strawberry
from wagtail import blocks as wagtail_blocks
from wagtail.embeds.blocks import EmbedBlock as WagtailEmbedBlock
from wagtail.models import Locale, Page

from campaign import blocks as campaign_blocks
from campaign.text.rich_text import absolute_url, frontend_html, page_urls

from ..cost import sized
from ..registry import block_builder_for, builds_block
from .images import Image, image_node, public_assets


@dataclass(frozen=True)
class StreamContext:
    """What builders need besides a block's value: the request, the reader's locale, and the frontend paths of
    the visible pages the stream links to (read together, two queries per stream whatever their number)."""

    info: strawberry.Info
    locale: Locale
    urls: Mapping[int, str]

    def url_of(self, value) -> str | None:
        """A link block's address: its external URL, else its page's frontend path (None when not visible)."""
        if value.get("url"):
            return value["url"]
        page = value.get("page")
        return self.urls.get(page.pk) if page else None


def linked_page_ids(value) -> Iterator[int]:
    """The pages a block's value links to, its nested lists included (a menu item's sub-items)."""
    if not isinstance(value, Mapping):
        return
    if isinstance(value.get("page"), Page):
        yield value["page"].pk
    for item in value.values():
        if isinstance(item, Sequence) and not isinstance(item, str):
            for child in item:
                yield from linked_page_ids(child)


def stream_nodes(info: strawberry.Info, stream, locale: Locale) -> list:
    """The GraphQL objects of a stream, in order, leaving out those that build nothing."""
    linked = [page_id for child in stream for page_id in linked_page_ids(child.value)]
    context = StreamContext(info=info, locale=locale, urls=page_urls(linked, locale) if linked else {})
    nodes = (block_builder_for(child.block)(child, context) for child in stream)
    return [node for node in nodes if node is not None]


@builds_block(wagtail_blocks.CharBlock)
@builds_block(wagtail_blocks.TextBlock)
def plain_text(child, context: StreamContext) -> str:
    return child.value


@strawberry.type(description="A section heading.")
class HeadingBlock:
    id: strawberry.ID
    text: str
    level: int = strawberry.field(description="2 for a section, 3 for a sub-section.")


@builds_block(campaign_blocks.HeadingBlock)
def heading(child, context: StreamContext) -> HeadingBlock:
    return HeadingBlock(id=child.id, text=child.value["text"], level=int(child.value["level"]))


@strawberry.type(description="Rich text as HTML; internal links point at frontend URLs in the same locale.")
class ParagraphBlock:
    id: strawberry.ID
    html: str


@builds_block(wagtail_blocks.RichTextBlock)
def paragraph(child, context: StreamContext) -> ParagraphBlock:
    return ParagraphBlock(id=child.id, html=frontend_html(child.value.source, context.locale))


@strawberry.type(description="A quotation.")
class QuoteBlock:
    id: strawberry.ID
    text: str
    author: str
    role: str


@builds_block(campaign_blocks.QuoteBlock)
def quote(child, context: StreamContext) -> QuoteBlock:
    value = child.value
    return QuoteBlock(id=child.id, text=value["text"], author=value["author"], role=value["role"])


@strawberry.type(description="An image with its caption and credit.")
class ImageBlock:
    id: strawberry.ID
    image: Image | None
    caption: str
    credit: str


@builds_block(campaign_blocks.ImageWithCaptionBlock)
def image(child, context: StreamContext) -> ImageBlock:
    value = child.value
    return ImageBlock(
        id=child.id,
        image=image_node(context.info, value["image"], locale=context.locale),
        caption=value["caption"],
        credit=value["credit"],
    )


@strawberry.type(description="A figure and what it counts.")
class KeyFigure:
    value: str
    label: str


@strawberry.type(description="A row of key figures.")
class KeyFiguresBlock:
    id: strawberry.ID
    title: str
    figures: list[KeyFigure] = strawberry.field(directives=sized(10))


@builds_block(campaign_blocks.KeyFiguresBlock)
def key_figures(child, context: StreamContext) -> KeyFiguresBlock:
    figures = [KeyFigure(value=figure["value"], label=figure["label"]) for figure in child.value["figures"]]
    return KeyFiguresBlock(id=child.id, title=child.value["title"], figures=figures)


@strawberry.type(description="A call to action: a page of this site (in the same locale) or an external link.")
class CallToActionBlock:
    id: strawberry.ID
    title: str
    text: str
    button_label: str
    url: str | None = strawberry.field(description="Null when the linked page is no longer published.")


@builds_block(campaign_blocks.CallToActionBlock)
def call_to_action(child, context: StreamContext) -> CallToActionBlock:
    value = child.value
    return CallToActionBlock(
        id=child.id,
        title=value["title"],
        text=value["text"],
        button_label=value["button_label"],
        url=context.url_of(value),
    )


# A field name shared by several blocks has one type in all of them, so that one fragment on `Block` selects it on
# every member (tests/graphql/test_schema_types.py): `url` is nullable everywhere since a call to action may lack it.
URL_DESCRIPTION = "Never null for this block; nullable as every block's `url`, which a call to action may lack."


@strawberry.type(description="Embedded media (YouTube, Vimeo…) by its address.")
class EmbedBlock:
    id: strawberry.ID
    url: str | None = strawberry.field(description=URL_DESCRIPTION)


@builds_block(WagtailEmbedBlock)
def embed(child, context: StreamContext) -> EmbedBlock:
    return EmbedBlock(id=child.id, url=child.value.url)


@strawberry.type(description="A document to download.")
class DocumentBlock:
    id: strawberry.ID
    title: str
    url: str | None = strawberry.field(description=URL_DESCRIPTION)


@builds_block(campaign_blocks.DocumentDownloadBlock)
def document(child, context: StreamContext) -> DocumentBlock | None:
    """Nothing for a document in a restricted collection (campaign.assets.images.PublicAssets)."""
    document = child.value["document"]
    if not public_assets(context.info).allows(document):
        return None
    return DocumentBlock(id=child.id, title=child.value["title"] or document.title, url=absolute_url(document.url))


@strawberry.type(description="A verb and the commitments it governs, as the charter lists them.")
class CommitmentsBlock:
    id: strawberry.ID
    verb: str
    intro: str
    items: list[str] = strawberry.field(directives=sized(30))


@builds_block(campaign_blocks.CommitmentsBlock)
def commitments(child, context: StreamContext) -> CommitmentsBlock:
    value = child.value
    return CommitmentsBlock(id=child.id, verb=value["verb"], intro=value["intro"], items=list(value["items"]))


@strawberry.type(description="A footnote.")
class Footnote:
    marker: str
    text: str


@strawberry.type(description="The footnotes of a text.")
class FootnotesBlock:
    id: strawberry.ID
    notes: list[Footnote] = strawberry.field(description="The footnotes, in order.", directives=sized(10))

    @strawberry.field(
        directives=sized(10),
        deprecation_reason="Use `notes`: `items` is a list of strings on CommitmentsBlock, and a name has one type "
        "across the Block union.",
    )
    def items(self) -> list[Footnote]:
        return self.notes


@builds_block(campaign_blocks.FootnotesBlock)
def footnotes(child, context: StreamContext) -> FootnotesBlock:
    notes = [Footnote(marker=item["marker"], text=item["text"]) for item in child.value["items"]]
    return FootnotesBlock(id=child.id, notes=notes)


Block = Annotated[
    HeadingBlock
    | ParagraphBlock
    | QuoteBlock
    | ImageBlock
    | KeyFiguresBlock
    | CallToActionBlock
    | EmbedBlock
    | DocumentBlock
    | CommitmentsBlock
    | FootnotesBlock,
    strawberry.union("Block", description="A block of a page's body; use __typename to pick the component."),
]
