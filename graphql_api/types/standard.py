"""Plain pages: about, privacy policy, legal notice (campaign.pages.standard)."""

import strawberry

from campaign import models

from ..cost import sized
from ..registry import represents_page
from .blocks import Block
from .page import PageNode


@represents_page(models.StandardPage)
@strawberry.type(description="A plain page: about, privacy policy, legal notice.")
class StandardPage(PageNode):
    @strawberry.field(description="The page's text.", directives=sized(40))
    def body(self, info: strawberry.Info) -> list[Block]:
        return self.blocks(info, "body")
