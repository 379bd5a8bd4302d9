"""The home page (campaign.pages.home)."""

import strawberry

from campaign import models

from ..cost import sized
from ..registry import represents_page
from .blocks import Block
from .charter import CharterChapterPage
from .page import PageNode, featured
from .stories import CityStoryPage


@represents_page(models.HomePage)
@strawberry.type(description="The campaign's landing page.")
class HomePage(PageNode):
    @strawberry.field(description="The large title at the top.")
    def hero_title(self) -> str:
        return self.served.specific.hero_title

    @strawberry.field(description="One line under the hero title.")
    def tagline(self) -> str:
        return self.served.specific.tagline

    @strawberry.field(description="Key figures, texts and calls to action, in order.", directives=sized(40))
    def body(self, info: strawberry.Info) -> list[Block]:
        return self.blocks(info, "body")

    @strawberry.field(description="Stories the editors chose for the home page, in their order.", directives=sized(6))
    def featured_stories(self) -> list[CityStoryPage]:
        return featured(self, "featured_stories", "story", models.CityStoryPage)

    @strawberry.field(
        description="Charter chapters the editors chose for the home page, in their order.", directives=sized(4)
    )
    def featured_chapters(self) -> list[CharterChapterPage]:
        return featured(self, "featured_chapters", "chapter", models.CharterChapterPage)
