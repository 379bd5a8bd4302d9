"""StreamField blocks as a GraphQL union: each block type of campaign.blocks is a typed member with its own id."""

from typing import Annotated

import strawberry
from wagtail.models import Locale

from campaign.text.rich_text import absolute_url, frontend_html, page_urls

from ..cost import sized
from .images import Image, image_node, private_collections


@strawberry.type(description="A section heading.")
class HeadingBlock:
    id: strawberry.ID
    text: str
    level: int = strawberry.field(description="2 for a section, 3 for a sub-section.")


@strawberry.type(description="Rich text as HTML; internal links point at frontend URLs in the same locale.")
class ParagraphBlock:
    id: strawberry.ID
    html: str


@strawberry.type(description="A quotation.")
class QuoteBlock:
    id: strawberry.ID
    text: str
    author: str
    role: str


@strawberry.type(description="An image with its caption and credit.")
class ImageBlock:
    id: strawberry.ID
    image: Image | None
    caption: str
    credit: str


@strawberry.type(description="A figure and what it counts.")
class KeyFigure:
    value: str
    label: str


@strawberry.type(description="A row of key figures.")
class KeyFiguresBlock:
    id: strawberry.ID
    title: str
    figures: list[KeyFigure] = strawberry.field(directives=sized(10))


@strawberry.type(description="A call to action: a page of this site (in the same locale) or an external link.")
class CallToActionBlock:
    id: strawberry.ID
    title: str
    text: str
    button_label: str
    url: str | None = strawberry.field(description="Null when the linked page is no longer published.")


@strawberry.type(description="Embedded media (YouTube, Vimeo…) by its address.")
class EmbedBlock:
    id: strawberry.ID
    url: str


@strawberry.type(description="A document to download.")
class DocumentBlock:
    id: strawberry.ID
    title: str
    url: str


@strawberry.type(description="A verb and the commitments it governs, as the charter lists them.")
class CommitmentsBlock:
    id: strawberry.ID
    verb: str
    intro: str
    items: list[str] = strawberry.field(directives=sized(30))


@strawberry.type(description="A footnote.")
class Footnote:
    marker: str
    text: str


@strawberry.type(description="The footnotes of a text.")
class FootnotesBlock:
    id: strawberry.ID
    items: list[Footnote] = strawberry.field(directives=sized(10))


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


def link_url(value, urls: dict[int, str]) -> str | None:
    if value.get("url"):
        return value["url"]
    page = value.get("page")
    return urls.get(page.pk) if page else None


def block_node(info: strawberry.Info, block, locale: Locale, urls: dict[int, str]):
    kind, value, block_id = block.block_type, block.value, strawberry.ID(block.id)
    if kind == "heading":
        return HeadingBlock(id=block_id, text=value["text"], level=int(value["level"]))
    if kind == "paragraph":
        return ParagraphBlock(id=block_id, html=frontend_html(value.source, locale))
    if kind == "quote":
        return QuoteBlock(id=block_id, text=value["text"], author=value["author"], role=value["role"])
    if kind == "image":
        return ImageBlock(
            id=block_id,
            image=image_node(info, value["image"], value["caption"]),
            caption=value["caption"],
            credit=value["credit"],
        )
    if kind == "key_figures":
        figures = [KeyFigure(value=figure["value"], label=figure["label"]) for figure in value["figures"]]
        return KeyFiguresBlock(id=block_id, title=value["title"], figures=figures)
    if kind == "call_to_action":
        return CallToActionBlock(
            id=block_id,
            title=value["title"],
            text=value["text"],
            button_label=value["button_label"],
            url=link_url(value, urls),
        )
    if kind == "embed":
        return EmbedBlock(id=block_id, url=value.url)
    if kind == "document":
        document = value["document"]
        if document.collection_id in private_collections(info):
            return None
        return DocumentBlock(id=block_id, title=value["title"] or document.title, url=absolute_url(document.url))
    if kind == "commitments":
        return CommitmentsBlock(id=block_id, verb=value["verb"], intro=value["intro"], items=list(value["items"]))
    if kind == "footnotes":
        items = [Footnote(marker=item["marker"], text=item["text"]) for item in value["items"]]
        return FootnotesBlock(id=block_id, items=items)
    raise ValueError(f"No GraphQL type for block {kind!r}")


def blocks_of(info: strawberry.Info, stream, locale: Locale) -> list:
    """All the page links of calls to action resolved together: two queries per body, whatever their number.
    A document block whose document is in a restricted collection is left out."""
    linked = [
        block.value["page"].pk for block in stream if block.block_type == "call_to_action" and block.value["page"]
    ]
    urls = page_urls(linked, locale) if linked else {}
    nodes = (block_node(info, block, locale, urls) for block in stream)
    return [node for node in nodes if node is not None]
