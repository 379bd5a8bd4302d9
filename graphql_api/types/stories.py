"""City stories and their index (campaign.pages.stories); the filterable list is in story_list."""

from datetime import date

import strawberry
from wagtail.models import Locale

from campaign import models
from campaign.catalogue.story_catalogue import StoryCatalogue, StoryFacts
from campaign.i18n.localization import served_pages

from ..cost import Cost, sized
from ..registry import represents_page
from ..request_cache import cached
from . import taxonomy
from .blocks import Block
from .charter import PrinciplePage
from .common import YearMonth, year_month
from .images import Image, image_node
from .locales import requested_locale
from .page import PageNode, with_cover_renditions
from .site import default_image
from .taxonomy import City, Country, Term


def story_catalogue(info: strawberry.Info, locale: Locale) -> StoryCatalogue:
    """One catalogue per locale and request, shared by the list, its facets and each story's classification."""
    return cached(info, ("stories", locale.pk), lambda: StoryCatalogue(locale))


REPORTED_STORIES = 20


@strawberry.type(description="One of the eight priorities of the Call to Local Action.")
class ActionPriority:
    number: int
    title: str
    description: str
    locale: strawberry.Private[Locale]

    @strawberry.field(
        description="The actions the 2023 report prints under this priority, newest first (at most "
        f"{REPORTED_STORIES}): what cities did for it.",
        directives=[*sized(REPORTED_STORIES), Cost(weight=2)],
    )
    def stories(self, info: strawberry.Info) -> list["CityStoryPage"]:
        return reported_stories(info, self.locale).get(self.number, [])


def action_priorities(info: strawberry.Info, locale: Locale) -> dict[int, ActionPriority]:
    def build():
        return {
            row.number: ActionPriority(number=row.number, title=row.title, description=row.description, locale=locale)
            for row in taxonomy.localized_rows(info, models.ActionPriority.objects.all, locale)
        }

    return cached(info, ("priorities", locale.pk), build)


def reported_stories(info: strawberry.Info, locale: Locale) -> dict[int, list["CityStoryPage"]]:
    """Every priority's reported stories, read together: one set of queries however many priorities are asked."""

    def build():
        ids = story_catalogue(info, locale).reported(REPORTED_STORIES)
        by_id = {
            item.served.page.pk: item for item in story_pages(info, locale, [pk for pks in ids.values() for pk in pks])
        }
        return {n: [by_id[page_id] for page_id in page_ids if page_id in by_id] for n, page_ids in ids.items()}

    return cached(info, ("reported stories", locale.pk), build)


def story_pages(info: strawberry.Info, locale: Locale, ids: list[int]) -> list["CityStoryPage"]:
    """Served stories by page id, in order, with their covers' renditions; their facts are read together the
    first time one is asked."""
    served = with_cover_renditions(served_pages(ids, models.CityStoryPage, "cover_image", "scope_region"))
    story_catalogue(info, locale).expect(served)
    return [CityStoryPage(served=item) for item in served]


@represents_page(models.CityStoryIndexPage)
@strawberry.type(description="The index of city stories; the stories themselves come from `cityStories`.")
class CityStoryIndexPage(PageNode):
    @strawberry.field(description="Text above the list of stories.", directives=sized(40))
    def intro(self, info: strawberry.Info) -> list[Block]:
        return self.blocks(info, "intro")


@strawberry.type(description="A quotation and who said it.")
class Quote:
    text: str = strawberry.field(description="The quotation.")
    author: str = strawberry.field(description="The person quoted.")
    role: str = strawberry.field(description="Their role, e.g. Mayor of Milan (may be empty).")


@represents_page(models.CityStoryPage)
@strawberry.type(description="What a city or region does for migrants and refugees.")
class CityStoryPage(PageNode):
    @strawberry.field(description="One or two sentences for story lists.")
    def summary(self) -> str:
        return self.served.specific.summary

    @strawberry.field(description="When the action started.")
    def period_start(self) -> YearMonth | None:
        story = self.served.specific
        return year_month(story.period_start_year, story.period_start_month)

    @strawberry.field(
        description="The date the story is listed by (NEWEST, OLDEST): the action's start (its first day, January "
        "when only the year is known), else the day the story was first published."
    )
    def listing_date(self, info: strawberry.Info) -> date | None:
        return self.facts(info).listed

    @strawberry.field(description="When the action ends or ended; null when ongoing or unknown.")
    def period_end(self) -> YearMonth | None:
        story = self.served.specific
        return year_month(story.period_end_year, story.period_end_month)

    @strawberry.field(description="True when the action has no end date yet.")
    def ongoing(self) -> bool:
        return self.served.specific.ongoing

    @strawberry.field(description="The full story.", directives=sized(40))
    def body(self, info: strawberry.Info) -> list[Block]:
        return self.blocks(info, "body")

    @strawberry.field(
        description="The cover image (a marked placeholder until an editor uploads a photo); for a story without "
        "one, the site's default image for the language."
    )
    def cover_image(self, info: strawberry.Info) -> Image | None:
        cover = self.served.specific.cover_image or default_image(info, self.served.page.locale)
        return image_node(info, cover, locale=self.served.page.locale)

    @strawberry.field(description="Credit line of the cover image.")
    def cover_credit(self) -> str:
        return self.served.specific.cover_credit

    def facts(self, info: strawberry.Info) -> StoryFacts:
        return story_catalogue(info, self.served.page.locale).facts_of(self.served)

    @strawberry.field(
        description="The cities (two for a joint action), localized, with coordinates for the map.",
        directives=sized(10),
    )
    def cities(self, info: strawberry.Info) -> list[City]:
        index = taxonomy.cities(info, self.served.page.locale)
        return [index[key] for key in self.facts(info).city_keys if key in index]

    @strawberry.field(
        description="How far the action reaches: local (it has cities, on the map), national (see scopeCountry), "
        "regional (see scopeRegion) or global (no place)."
    )
    def scope(self) -> Term:
        return taxonomy.scope_term(self.served.specific.scope, self.served.page.locale)

    @strawberry.field(description="The country of a national action; null otherwise.")
    def scope_country(self) -> Country | None:
        code = self.served.specific.scope_country.code
        return taxonomy.localized_country(code, self.served.page.locale) if code else None

    @strawberry.field(description="The UCLG region of a regional action; null otherwise.")
    def scope_region(self, info: strawberry.Info) -> Term | None:
        region = self.served.specific.scope_region
        return taxonomy.regions(info, self.served.page.locale).get(region.code) if region else None

    @strawberry.field(description="Which global compact the action serves: both, gcm_only, gcr_only or idp.")
    def engagement_type(self, info: strawberry.Info) -> Term | None:
        index = taxonomy.engagement_types(info, self.served.page.locale)
        codes = sorted(self.facts(info).values["engagement_types"])
        return next((index[code] for code in codes if code in index), None)

    @strawberry.field(
        description="The Call to Local Action priorities the story serves, by number.", directives=sized(8)
    )
    def action_priorities(self, info: strawberry.Info) -> list[ActionPriority]:
        index = action_priorities(info, self.served.page.locale)
        return [index[n] for n in sorted(self.facts(info).values["action_priorities"]) if n in index]

    @strawberry.field(
        description="The charter principles the story illustrates, in charter order.", directives=sized(7)
    )
    def principles(self, info: strawberry.Info) -> list[PrinciplePage]:
        index = taxonomy.principles(info, self.served.page.locale)
        return [PrinciplePage(served=index[n]) for n in sorted(self.facts(info).values["principles"]) if n in index]

    @strawberry.field(description="What the story is about.", directives=sized(10))
    def themes(self, info: strawberry.Info) -> list[Term]:
        index = taxonomy.themes(info, self.served.page.locale)
        return [index[code] for code in sorted(self.facts(info).values["themes"]) if code in index]

    @strawberry.field(
        description="Up to three stories sharing the most themes, principles and priorities.",
        directives=[*sized(3), Cost(weight=10)],
    )
    def related_stories(self, info: strawberry.Info) -> list["CityStoryPage"]:
        locale = self.served.page.locale
        ids = story_catalogue(info, locale).related(self.served.specific.pk, self.facts(info))
        return story_pages(info, locale, ids)

    @strawberry.field(description="A quotation from the person leading the action, when there is one.")
    def quote(self) -> Quote | None:
        story = self.served.specific
        if not story.quote_text:
            return None
        return Quote(text=story.quote_text, author=story.quote_author, role=story.quote_role)


@strawberry.type
class PriorityQuery:
    @strawberry.field(
        description="The eight priorities of the Call to Local Action, in order, localized; each lists the actions "
        "printed under it.",
        directives=sized(8),
    )
    def action_priorities(self, info: strawberry.Info, locale: str | None = None) -> list[ActionPriority]:
        index = action_priorities(info, requested_locale(locale))
        return [index[number] for number in sorted(index)]
