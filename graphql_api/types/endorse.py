"""The page around the endorsement form (campaign.pages.endorse); the form itself is in endorsements."""

import strawberry

from campaign import models

from ..cost import sized
from ..registry import represents_page
from .blocks import Block
from .page import PageNode


@represents_page(models.EndorsePage)
@strawberry.type(description="The page around the endorsement form.")
class EndorsePage(PageNode):
    @strawberry.field(description="Text above the endorsement form.", directives=sized(40))
    def intro(self, info: strawberry.Info) -> list[Block]:
        return self.blocks(info, "intro")

    @strawberry.field(description="What the signer agrees to.")
    def consent_text(self) -> str:
        return self.served.specific.consent_text

    @strawberry.field(description="Send it back with the endorsement: it records which consent text was agreed to.")
    def consent_version(self) -> str:
        return self.served.specific.consent_version
