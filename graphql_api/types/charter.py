"""The charter, its chapters and its seven guiding principles (campaign.pages.charter)."""

import strawberry

from campaign import models
from campaign.i18n.localization import children
from campaign.text.hashtags import split_hashtags

from ..cost import sized
from ..registry import represents_page
from .blocks import Block, stream_nodes
from .images import Image, image_node
from .locales import required_section
from .page import PageNode


@represents_page(models.CharterPage)
@strawberry.type(description="The Lampedusa Charter; its chapters and principles are listed with `charter`.")
class CharterPage(PageNode):
    @strawberry.field(description="Shown under the title.")
    def subtitle(self) -> str:
        return self.served.specific.subtitle

    @strawberry.field(description="The charter's hashtags, each starting with #.", directives=sized(10))
    def hashtags(self) -> list[str]:
        return split_hashtags(self.served.specific.hashtags)

    @strawberry.field(description="The preamble and key figures, before the first chapter.", directives=sized(40))
    def intro(self, info: strawberry.Info) -> list[Block]:
        return self.blocks(info, "intro")

    @strawberry.field(description="The closing note and footnotes, after the last chapter.", directives=sized(40))
    def closing(self, info: strawberry.Info) -> list[Block]:
        return self.blocks(info, "closing")

    @strawberry.field(
        description="The cities and networks whose recommendations the charter builds on.", directives=sized(50)
    )
    def contributors(self, info: strawberry.Info) -> list[str]:
        return self.blocks(info, "contributors")

    @strawberry.field(description="The partners and allies the charter thanks.", directives=sized(50))
    def partners(self, info: strawberry.Info) -> list[str]:
        return self.blocks(info, "partners")

    @strawberry.field(description="The charter's chapters, in charter order.", directives=sized(10))
    def chapters(self) -> list["CharterChapterPage"]:
        return [CharterChapterPage(served=c) for c in children(self.served, models.CharterChapterPage, ("number",))]

    @strawberry.field(description="The seven guiding principles, in charter order.", directives=sized(7))
    def principles(self) -> list["PrinciplePage"]:
        return [PrinciplePage(served=p) for p in children(self.served, models.PrinciplePage, ("number",))]


@represents_page(models.CharterChapterPage)
@strawberry.type(description="A chapter of the charter: Ambition, Vision, Principles, Commitments.")
class CharterChapterPage(PageNode):
    @strawberry.field(description="The chapter's number in the charter.")
    def number(self) -> int:
        return self.served.specific.number

    @strawberry.field(description="Shown under the title.")
    def subtitle(self) -> str:
        return self.served.specific.subtitle

    @strawberry.field(description="The chapter's text.", directives=sized(40))
    def body(self, info: strawberry.Info) -> list[Block]:
        return self.blocks(info, "body")


@strawberry.type(description="One of the charter's five priorities of a principle.")
class PrinciplePriority:
    position: int = strawberry.field(description="1-5, in the charter's order.")
    text: str = strawberry.field(description="The priority.")


@represents_page(models.PrinciplePage)
@strawberry.type(description="One of the charter's seven guiding principles.")
class PrinciplePage(PageNode):
    @strawberry.field(description="1-7, in the charter's order.")
    def number(self) -> int:
        return self.served.specific.number

    @strawberry.field(description="The headline theme of the principle's priorities.")
    def theme(self) -> str:
        return self.served.specific.theme

    @strawberry.field(description="The principle's two paragraphs.", directives=sized(40))
    def body(self, info: strawberry.Info) -> list[Block]:
        return self.blocks(info, "body")

    @strawberry.field(description="A square pictogram, when one was uploaded.")
    def icon(self, info: strawberry.Info) -> Image | None:
        return image_node(info, self.served.specific.icon, locale=self.served.page.locale)

    @strawberry.field(description="The principle's five priorities, in order.", directives=sized(10))
    def priorities(self, info: strawberry.Info) -> list[PrinciplePriority]:
        texts = stream_nodes(info, self.served.specific.priorities, self.served.page.locale)
        return [PrinciplePriority(position=index, text=text) for index, text in enumerate(texts, start=1)]


@strawberry.type
class CharterQuery:
    @strawberry.field(description="The charter, with its chapters and principles in charter order.")
    def charter(self, locale: str | None = None) -> CharterPage:
        return CharterPage(served=required_section(models.CharterPage, locale))
