"""The #NotABorderTale campaign page (campaign.pages.campaign_page)."""

import strawberry

from campaign import blocks as campaign_blocks
from campaign import models
from campaign.text.hashtags import split_hashtags

from ..cost import sized
from ..registry import builds_block, represents_page
from .blocks import Block, StreamContext
from .common import YearMonth, code_enum, known_code, year_month
from .locales import required_section
from .page import PageNode, featured
from .stories import CityStoryPage


@strawberry.type(description="One of the campaign's messages.")
class KeyMessage:
    title: str
    text: str


@builds_block(campaign_blocks.KeyMessageBlock)
def key_message(child, context: StreamContext) -> KeyMessage:
    return KeyMessage(title=child.value["title"], text=child.value["text"])


ShareNetwork = code_enum(
    "ShareNetwork",
    [code for code, _ in campaign_blocks.SHARE_NETWORKS],
    "Where a share text is meant to be posted; `generic` for any network (the editors' choices).",
)


@strawberry.type(description="A text visitors can post.")
class ShareText:
    network: ShareNetwork
    text: str


@builds_block(campaign_blocks.ShareTextBlock)
def share_text(child, context: StreamContext) -> ShareText | None:
    """Nothing for a network editors can no longer choose."""
    network = known_code(ShareNetwork, child.value["network"])
    return ShareText(network=network, text=child.value["text"]) if network else None


@represents_page(models.CampaignPage)
@strawberry.type(description="The #NotABorderTale campaign.")
class CampaignPage(PageNode):
    @strawberry.field(description="One line under the campaign title.")
    def tagline(self) -> str:
        return self.served.specific.tagline

    @strawberry.field(description="The campaign's hashtags, each starting with #.", directives=sized(10))
    def hashtags(self) -> list[str]:
        return split_hashtags(self.served.specific.hashtags)

    @strawberry.field(description="The campaign page's text.", directives=sized(40))
    def body(self, info: strawberry.Info) -> list[Block]:
        return self.blocks(info, "body")

    @strawberry.field(description="When the campaign was launched.")
    def launch(self) -> YearMonth | None:
        return year_month(self.served.specific.launch_year, self.served.specific.launch_month)

    @strawberry.field(description="The campaign's key messages.", directives=sized(10))
    def key_messages(self, info: strawberry.Info) -> list[KeyMessage]:
        return self.blocks(info, "key_messages")

    @strawberry.field(description="Ready-made texts visitors can share.", directives=sized(10))
    def share_texts(self, info: strawberry.Info) -> list[ShareText]:
        return self.blocks(info, "share_texts")

    @strawberry.field(description="Stories the editors chose for the campaign, in their order.", directives=sized(6))
    def featured_stories(self) -> list[CityStoryPage]:
        return featured(self, "featured_stories", "story", models.CityStoryPage)


@strawberry.type
class CampaignQuery:
    @strawberry.field(description="The #NotABorderTale campaign page.")
    def campaign(self, locale: str | None = None) -> CampaignPage:
        return CampaignPage(served=required_section(models.CampaignPage, locale))
