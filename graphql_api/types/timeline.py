"""The timeline of the charter's making and its milestones (campaign.pages.timeline)."""

import strawberry

from campaign import models
from campaign.i18n.localization import in_locale, milestones, section

from ..cost import sized
from ..registry import represents_page
from .blocks import Block
from .common import Link
from .locales import requested_locale
from .page import PageNode


@represents_page(models.TimelinePage)
@strawberry.type(description="The timeline of the charter's making.")
class TimelinePage(PageNode):
    @strawberry.field(description="Text above the milestones.", directives=sized(40))
    def intro(self, info: strawberry.Info) -> list[Block]:
        return self.blocks(info, "intro")

    @strawberry.field(
        description="The milestones in chronological order (their explicit order breaks ties).", directives=sized(60)
    )
    def milestones(self) -> list["MilestonePage"]:
        return [MilestonePage(served=m) for m in milestones(self.served)]


@represents_page(models.MilestonePage)
@strawberry.type(description="A step of the charter's making; month and day may be unknown.")
class MilestonePage(PageNode):
    @strawberry.field(description="Year of the milestone.")
    def year(self) -> int:
        return self.served.specific.year

    @strawberry.field(description="Month (1-12), or null when unknown.")
    def month(self) -> int | None:
        return self.served.specific.month

    @strawberry.field(description="Day of the month, or null when unknown.")
    def day(self) -> int | None:
        return self.served.specific.day

    @strawberry.field(description="One to three sentences, plain text.")
    def summary(self) -> str:
        return self.served.specific.summary

    @strawberry.field(description="The chapter or story this milestone leads to, in the same locale.")
    def link(self) -> Link | None:
        target = self.served.specific.link
        served = in_locale([target], self.served.page.locale) if target else []
        return Link(title=served[0].content.title, url=served[0].url) if served else None


@strawberry.type
class TimelineQuery:
    @strawberry.field(
        description="Every milestone, chronologically; unknown months and days sort first.", directives=sized(60)
    )
    def milestones(self, locale: str | None = None) -> list[MilestonePage]:
        timeline = section(models.TimelinePage, requested_locale(locale))
        if timeline is None:
            return []
        return [MilestonePage(served=m) for m in milestones(timeline)]
