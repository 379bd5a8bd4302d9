"""The `Page` interface and one GraphQL type per page model.

Each object wraps a ServedPage (the page of the requested locale's tree); every field reads from it, so locale,
fallback and URL rules stay in campaign.i18n.localization.
"""

from datetime import datetime

import strawberry
from django.db.models import prefetch_related_objects

from campaign import models
from campaign.catalogue.story_catalogue import StoryCatalogue
from campaign.i18n import translation_state
from campaign.i18n.localization import (
    ServedPage,
    children,
    hreflang_alternates,
    in_locale,
    milestones,
    served_pages,
    translations_of,
)
from campaign.text.hashtags import split_hashtags

from ..cost import Cost, sized
from ..request_cache import cached
from . import taxonomy
from .blocks import Block, blocks_of
from .common import Link, YearMonth, year_month
from .images import Image, image_node
from .taxonomy import ActionPriority, City, Term

TranslationStatus = strawberry.enum(
    translation_state.TranslationStatus,
    name="TranslationStatus",
    description="How far a page is translated into its locale. SOURCE: the French original. UNTRANSLATED: the "
    "locale holds an alias of it. IN_PROGRESS: a translator started but published nothing for this locale. Both "
    "serve the French content (isFallback). TRANSLATED: the locale's own content is published. OUTDATED: "
    "published, but the French source was published again since the translation was last synced.",
)


@strawberry.type(description="How much of a published translation is translated, and since when.")
class TranslationProgress:
    translated_segments: int = strawberry.field(description="Segments translated when it was last published.")
    total_segments: int = strawberry.field(description="Segments the French source had then.")
    translated_at: datetime | None = strawberry.field(description="When this locale's content was last published.")


@strawberry.type(description="Another language version of a page, for hreflang links and the language switcher.")
class PageTranslation:
    locale: str = strawberry.field(description="Language code of that version (x-default: the French original).")
    url: str = strawberry.field(description="Its frontend path.")
    title: str = strawberry.field(description="Its title (the French one when it falls back).")
    is_fallback: bool = strawberry.field(description="True when that locale serves the French content.")
    translation_status: TranslationStatus = strawberry.field(description="How far that version is translated.")


def translation_of(other: ServedPage, locale: str | None = None) -> PageTranslation:
    return PageTranslation(
        locale=locale or other.locale_code,
        url=other.url,
        title=other.content.title,
        is_fallback=other.is_fallback,
        translation_status=other.status,
    )


def alternates_of(served: ServedPage, others: list[ServedPage]) -> list[PageTranslation]:
    return [translation_of(item, hreflang) for hreflang, item in hreflang_alternates(served, others)]


@strawberry.type(description="What search engines and link previews need.")
class Seo:
    title: str = strawberry.field(description="The SEO title, or the page title.")
    description: str = strawberry.field(description="The search description (may be empty).")
    canonical_url: str = strawberry.field(
        description="Absolute URL of this page on the frontend; for a fallback, the French original's."
    )
    image: Image | None = strawberry.field(description="The image for link previews: a story's cover, else null.")
    served: strawberry.Private[ServedPage]

    @strawberry.field(
        description="hreflang links: the versions written in their own language (this one included), and "
        "x-default → the French original. Empty for a fallback, whose canonical URL is the original.",
        directives=sized(6),
    )
    def alternates(self, info: strawberry.Info) -> list[PageTranslation]:
        return alternates_of(self.served, other_versions(info, self.served))


def other_versions(info: strawberry.Info, served: ServedPage) -> list[ServedPage]:
    """The page's other language versions; those of every page of a list are read at once (one query), for the
    pages the list resolver announced as pending."""
    known = cached(info, ("translations",), dict)
    pending = cached(info, ("translations_pending",), list)
    if served.page.translation_key not in known and pending:
        known.update(translations_of(pending))
        pending.clear()
    others = known.get(served.page.translation_key)
    return others if others is not None else served.translations()


@strawberry.interface(name="Page", description="Fields every page has, in every locale.")
class PageNode:
    served: strawberry.Private[ServedPage]

    def blocks(self, info: strawberry.Info, field: str) -> list[Block]:
        return blocks_of(info, getattr(self.served.specific, field), self.served.page.locale)

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
        cover = getattr(self.served.specific, "cover_image", None)
        return Seo(
            title=content.seo_title or content.title,
            description=content.search_description,
            canonical_url=self.served.canonical_url,
            image=image_node(info, cover),
            served=self.served,
        )

    @strawberry.field(description="The way down from the home page to this page's parent.", directives=sized(5))
    def breadcrumbs(self) -> list[Link]:
        return [Link(title=crumb.content.title, url=crumb.url) for crumb in self.served.breadcrumbs()]

    @strawberry.field(description="When the content served was first published.")
    def first_published_at(self) -> datetime | None:
        return self.served.content.first_published_at

    @strawberry.field(description="When the content served was last published.")
    def last_published_at(self) -> datetime | None:
        return self.served.content.last_published_at


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
    def featured_stories(self) -> list["CityStoryPage"]:
        return featured(self, "featured_stories", "story", models.CityStoryPage)

    @strawberry.field(
        description="Charter chapters the editors chose for the home page, in their order.", directives=sized(4)
    )
    def featured_chapters(self) -> list["CharterChapterPage"]:
        return featured(self, "featured_chapters", "chapter", models.CharterChapterPage)


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
    def contributors(self) -> list[str]:
        return [block.value for block in self.served.specific.contributors]

    @strawberry.field(description="The partners and allies the charter thanks.", directives=sized(50))
    def partners(self) -> list[str]:
        return [block.value for block in self.served.specific.partners]

    @strawberry.field(description="The charter's chapters, in charter order.", directives=sized(10))
    def chapters(self) -> list["CharterChapterPage"]:
        return [CharterChapterPage(served=c) for c in children(self.served, models.CharterChapterPage, ("number",))]

    @strawberry.field(description="The seven guiding principles, in charter order.", directives=sized(7))
    def principles(self) -> list["PrinciplePage"]:
        return [PrinciplePage(served=p) for p in children(self.served, models.PrinciplePage, ("number",))]


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
        return image_node(info, self.served.specific.icon)

    @strawberry.field(description="The principle's five priorities, in order.", directives=sized(10))
    def priorities(self) -> list[PrinciplePriority]:
        return [
            PrinciplePriority(position=index, text=block.value)
            for index, block in enumerate(self.served.specific.priorities, start=1)
        ]


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


@strawberry.type(description="What a city or region does for migrants and refugees.")
class CityStoryPage(PageNode):
    @strawberry.field(description="One or two sentences for story lists.")
    def summary(self) -> str:
        return self.served.specific.summary

    @strawberry.field(description="When the action started.")
    def period_start(self) -> YearMonth | None:
        story = self.served.specific
        return year_month(story.period_start_year, story.period_start_month)

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

    @strawberry.field(description="The cover image (a marked placeholder until an editor uploads a photo).")
    def cover_image(self, info: strawberry.Info) -> Image | None:
        return image_node(info, self.served.specific.cover_image)

    @strawberry.field(description="Credit line of the cover image.")
    def cover_credit(self) -> str:
        return self.served.specific.cover_credit

    def facts(self, info: strawberry.Info):
        locale = self.served.page.locale
        catalogue = cached(info, ("stories", locale.pk), lambda: StoryCatalogue(locale))
        return catalogue, catalogue.facts.get(self.served.page.pk)

    def values(self, info: strawberry.Info, dimension: str) -> set:
        """The story's classification; a previewed draft (not in the catalogue) reads its own relations."""
        _, facts = self.facts(info)
        if facts is not None:
            return facts.values[dimension]
        story = self.served.specific
        return {
            "principles": lambda: {p.number for p in story.principles.all()},
            "action_priorities": lambda: {p.number for p in story.action_priorities.all()},
            "themes": lambda: {t.code for t in story.themes.all()},
            "engagement_types": lambda: {story.engagement_type.code} if story.engagement_type else set(),
        }[dimension]()

    @strawberry.field(
        description="The cities (two for a joint action), localized, with coordinates for the map.",
        directives=sized(10),
    )
    def cities(self, info: strawberry.Info) -> list[City]:
        _, facts = self.facts(info)
        keys = facts.city_keys if facts else [str(c.translation_key) for c in self.served.specific.cities.all()]
        index = taxonomy.cities(info, self.served.page.locale)
        return [index[key] for key in keys if key in index]

    @strawberry.field(description="Which global compact the action serves: both, gcm_only, gcr_only or idp.")
    def engagement_type(self, info: strawberry.Info) -> Term | None:
        index = taxonomy.engagement_types(info, self.served.page.locale)
        return next((index[code] for code in sorted(self.values(info, "engagement_types")) if code in index), None)

    @strawberry.field(
        description="The Call to Local Action priorities the story serves, by number.", directives=sized(8)
    )
    def action_priorities(self, info: strawberry.Info) -> list[ActionPriority]:
        index = taxonomy.action_priorities(info, self.served.page.locale)
        return [index[n] for n in sorted(self.values(info, "action_priorities")) if n in index]

    @strawberry.field(
        description="The charter principles the story illustrates, in charter order.", directives=sized(7)
    )
    def principles(self, info: strawberry.Info) -> list["PrinciplePage"]:
        index = taxonomy.principles(info, self.served.page.locale)
        return [PrinciplePage(served=index[n]) for n in sorted(self.values(info, "principles")) if n in index]

    @strawberry.field(description="What the story is about.", directives=sized(10))
    def themes(self, info: strawberry.Info) -> list[Term]:
        index = taxonomy.themes(info, self.served.page.locale)
        return [index[code] for code in sorted(self.values(info, "themes")) if code in index]

    @strawberry.field(
        description="Up to three stories sharing the most themes, principles and priorities.",
        directives=[*sized(3), Cost(weight=10)],
    )
    def related_stories(self, info: strawberry.Info) -> list["CityStoryPage"]:
        catalogue, facts = self.facts(info)
        if facts is None:
            return []
        ids = [other.page_id for other in catalogue.related(facts)]
        return [CityStoryPage(served=item) for item in served_pages(ids, models.CityStoryPage, "cover_image")]

    @strawberry.field(description="A quotation from the person leading the action, when there is one.")
    def quote(self) -> Quote | None:
        story = self.served.specific
        if not story.quote_text:
            return None
        return Quote(text=story.quote_text, author=story.quote_author, role=story.quote_role)


@strawberry.type(description="One of the campaign's messages.")
class KeyMessage:
    title: str
    text: str


@strawberry.type(description="A text visitors can post; network is generic, x, facebook, linkedin or whatsapp.")
class ShareText:
    network: str
    text: str


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
    def key_messages(self) -> list[KeyMessage]:
        return [KeyMessage(title=b.value["title"], text=b.value["text"]) for b in self.served.specific.key_messages]

    @strawberry.field(description="Ready-made texts visitors can share.", directives=sized(10))
    def share_texts(self) -> list[ShareText]:
        return [ShareText(network=b.value["network"], text=b.value["text"]) for b in self.served.specific.share_texts]

    @strawberry.field(description="Stories the editors chose for the campaign, in their order.", directives=sized(6))
    def featured_stories(self) -> list[CityStoryPage]:
        return featured(self, "featured_stories", "story", models.CityStoryPage)


@strawberry.type(description="A plain page: about, privacy policy, legal notice.")
class StandardPage(PageNode):
    @strawberry.field(description="The page's text.", directives=sized(40))
    def body(self, info: strawberry.Info) -> list[Block]:
        return self.blocks(info, "body")


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


def featured(node: PageNode, relation: str, field: str, model: type) -> list:
    """An ordered featured list (chosen in French), each item in the reader's locale."""
    rows = getattr(node.served.specific, relation).select_related(field).order_by("sort_order")
    served = in_locale([getattr(row, field) for row in rows], node.served.page.locale, model)
    if model is models.CityStoryPage:
        with_cover_renditions(served)
    return [TYPE_BY_MODEL[model](served=item) for item in served]


def batch_translations(info: strawberry.Info, pages: list[ServedPage]) -> None:
    """Lets the first `translations` field of a list read those of every page in it, in one query, and only if
    the query asks for translations at all."""
    cached(info, ("translations_pending",), list).extend(pages)


def with_cover_renditions(stories: list[ServedPage]) -> list[ServedPage]:
    """Existing renditions of the stories' covers in two queries, rather than one per story."""
    prefetch_related_objects([item.page for item in stories], "cover_image__renditions")
    return stories


TYPE_BY_MODEL: dict[type, type[PageNode]] = {
    models.HomePage: HomePage,
    models.CharterPage: CharterPage,
    models.CharterChapterPage: CharterChapterPage,
    models.PrinciplePage: PrinciplePage,
    models.TimelinePage: TimelinePage,
    models.MilestonePage: MilestonePage,
    models.CityStoryIndexPage: CityStoryIndexPage,
    models.CityStoryPage: CityStoryPage,
    models.CampaignPage: CampaignPage,
    models.StandardPage: StandardPage,
    models.EndorsePage: EndorsePage,
}
PAGE_TYPES = list(TYPE_BY_MODEL.values())


def page_node(served: ServedPage | None) -> PageNode | None:
    """The page's GraphQL type; None for a page the API does not publish (the tree's bare root)."""
    node_type = TYPE_BY_MODEL.get(type(served.specific)) if served else None
    return node_type(served=served) if node_type else None
