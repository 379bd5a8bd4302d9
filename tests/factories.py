"""Factories for every page type, snippet and endorsement, so that a test builds the objects it is about.

Pages are created as an editor creates them in the admin: added under a `parent`, published, and aliased into the
languages the French tree is synchronised to. `translate()` then turns an alias into a translation, as publishing
a translation in wagtail-localize does.
"""

import io

import factory
import wagtail_factories
from django.core.files.images import ImageFile
from factory.django import DjangoModelFactory
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Collection, Locale, Page, Site
from wagtail.rich_text import RichText
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.synctree import create_aliases_for_new_page

from campaign.models import (
    ActionPriority,
    CampaignPage,
    CharterChapterPage,
    CharterPage,
    City,
    CityStoryIndexPage,
    CityStoryPage,
    Endorsement,
    EndorsePage,
    EngagementType,
    HomePage,
    MilestonePage,
    NavigationMenu,
    PrinciplePage,
    Region,
    SiteSettings,
    StandardPage,
    Theme,
    TimelinePage,
)


def image_bytes(size: tuple[int, int] = (40, 30), image_format: str = "PNG", mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, size, 128).save(buffer, format=image_format)
    return buffer.getvalue()


def paragraphs(*texts: str) -> list:
    """A body StreamField's value: one paragraph block per text."""
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def paragraphs_field(*texts: str) -> factory.LazyFunction:
    """A StreamField declaration: each page gets its own list of paragraphs."""
    return factory.LazyFunction(lambda: paragraphs(*texts))


def french() -> Locale:
    return Locale.objects.get(language_code="fr")


def home(language_code: str = "fr") -> HomePage:
    """The home page of the loaded site in a language: tests add their pages under it, as editors do."""
    root = Site.objects.get(is_default_site=True).root_page
    return root.get_translation(Locale.objects.get(language_code=language_code)).specific


def section(model: type[Page], language_code: str = "fr") -> Page:
    """The loaded site's page of a section type (charter, stories…) under its home page: the API finds each by type,
    one per language, so tests add their pages under it rather than building a second one."""
    return model.objects.child_of(home(language_code)).get()


def translate(page: Page, language_code: str, **fields) -> Page:
    """Publishes the page's translation into a language through wagtail-localize, replacing its alias there.

    Untranslated strings keep the French text; `fields` (title, slug…) are what the translator changed.
    """
    locale = Locale.objects.get(language_code=language_code)
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    translation.save_target(publish=False)  # wagtail-localize would publish only once the transaction commits
    translated = page.get_translation(locale).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


class ImageFactory(DjangoModelFactory):
    """An image in the root collection unless given another; its file is a real PNG of `size`."""

    class Meta:
        model = Image

    class Params:
        size = (640, 360)
        file_name = "cover.png"

    title = "Test cover"
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.LazyAttribute(lambda image: ImageFile(io.BytesIO(image_bytes(image.size)), name=image.file_name))


def make_image(
    title: str = "Test cover",
    size: tuple[int, int] = (640, 360),
    collection: Collection | None = None,
    file_name: str = "cover.png",
) -> Image:
    collection = collection or Collection.get_first_root_node()
    return ImageFactory(title=title, size=size, collection=collection, file_name=file_name)


class LivePageFactory(wagtail_factories.PageFactory):
    """A page added under `parent`, published, and aliased into the synchronised languages as the admin does."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Test page {n}")

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        page = super()._create_instance(model_class, parent, kwargs)
        page.save_revision().publish()
        create_aliases_for_new_page(page)
        return page


class HomePageFactory(LivePageFactory):
    class Meta:
        model = HomePage

    hero_title = "Not a border tale"
    tagline = "Cities welcome"
    body = paragraphs_field("Cities act for migrants and refugees.")


class CharterPageFactory(LivePageFactory):
    class Meta:
        model = CharterPage

    subtitle = "For cities that welcome"
    hashtags = "#LampedusaCharter"
    intro = paragraphs_field("The preamble.")
    closing = paragraphs_field("The closing note.")
    contributors = factory.LazyFunction(lambda: [("name", "City of Test")])


class CharterChapterPageFactory(LivePageFactory):
    class Meta:
        model = CharterChapterPage

    number = 1
    subtitle = "A chapter"
    body = paragraphs_field("The chapter's text.")


class PrinciplePageFactory(LivePageFactory):
    class Meta:
        model = PrinciplePage

    number = 1
    theme = "A headline theme"
    body = paragraphs_field("First paragraph.", "Second paragraph.")
    priorities = factory.LazyFunction(lambda: [("priority", f"Priority {n}") for n in range(1, 6)])


class IntroPageFactory(LivePageFactory):
    """A section whose only content is the introduction above its list (milestones, stories)."""

    class Meta:
        abstract = True

    intro = paragraphs_field("What this section lists.")


class TimelinePageFactory(IntroPageFactory):
    class Meta:
        model = TimelinePage


class MilestonePageFactory(LivePageFactory):
    class Meta:
        model = MilestonePage

    year = 2021
    month = 12
    sort_key = factory.Sequence(lambda n: 1000 + 10 * n)
    summary = "A step in the charter's making."


class CityStoryIndexPageFactory(IntroPageFactory):
    class Meta:
        model = CityStoryIndexPage


class CampaignPageFactory(LivePageFactory):
    class Meta:
        model = CampaignPage

    tagline = "Not a border tale"
    launch_year = 2021
    launch_month = 12
    hashtags = "#NotABorderTale"
    key_messages = factory.LazyFunction(lambda: [("message", {"title": "Cities welcome", "text": "Every day."})])
    body = paragraphs_field("The campaign.")


class StandardPageFactory(LivePageFactory):
    class Meta:
        model = StandardPage

    body = paragraphs_field("A plain page.")


class EndorsePageFactory(LivePageFactory):
    class Meta:
        model = EndorsePage

    intro = paragraphs_field("Endorse the charter.")
    consent_text = "I agree that the campaign publishes this endorsement."
    consent_version = "2026-01"
    thank_you_title = "Thank you"
    thank_you_text = "Please confirm by email."
    confirmed_title = "Confirmed"
    confirmed_text = "Staff will now check your endorsement."


class TranslatableSnippetFactory(DjangoModelFactory):
    class Meta:
        abstract = True

    locale = factory.LazyFunction(french)


class TaxonomyTermFactory(TranslatableSnippetFactory):
    class Meta:
        abstract = True

    code = factory.Sequence(lambda n: f"term-{n}")
    label = factory.Sequence(lambda n: f"Term {n}")


class RegionFactory(TaxonomyTermFactory):
    class Meta:
        model = Region


class ThemeFactory(TaxonomyTermFactory):
    class Meta:
        model = Theme


class EngagementTypeFactory(TaxonomyTermFactory):
    class Meta:
        model = EngagementType

    description = "Which compact the action serves."


class ActionPriorityFactory(TranslatableSnippetFactory):
    """Numbers run from 1 to 8 and are unique per language: a test removes the loaded ones before adding its own."""

    class Meta:
        model = ActionPriority

    number = factory.Sequence(lambda n: n % 8 + 1)
    title = factory.Sequence(lambda n: f"Action priority {n}")
    description = "What cities commit to."
    gcm_objectives = "1,2"
    sdgs = "10,11"


class CityFactory(TranslatableSnippetFactory):
    class Meta:
        model = City

    name = factory.Sequence(lambda n: f"Test city {n}")
    country = "IT"
    region = factory.SubFactory(RegionFactory)
    latitude = "35.5000"
    longitude = "12.6000"


class CityStoryPageFactory(LivePageFactory):
    class Meta:
        model = CityStoryPage

    summary = "A city welcomes newcomers."
    body = paragraphs_field("How the city did it.")
    cities = factory.LazyFunction(lambda: [CityFactory()])
    period_start_year = 2022


class NavigationMenuFactory(TranslatableSnippetFactory):
    """Handles are unique per language: a test removes the loaded menu of its handle before adding its own."""

    class Meta:
        model = NavigationMenu

    handle = "footer"
    items = factory.LazyFunction(lambda: [("item", {"title": "UCLG", "url": "https://uclg.org/", "children": []})])


class SiteSettingsFactory(TranslatableSnippetFactory):
    """One per language: a test removes the loaded settings of its language before adding its own."""

    class Meta:
        model = SiteSettings

    site_name = "Test charter"
    contact_email = "contact@example.org"
    hashtags = "#LampedusaCharter"
    social_links = factory.LazyFunction(lambda: [("link", {"network": "x", "url": "https://x.com/uclg_org"})])


class EndorsementFactory(DjangoModelFactory):
    class Meta:
        model = Endorsement

    institution_name = factory.Sequence(lambda n: f"Test city {n}")
    kind = "city"
    country = "FR"
    signatory_name = "Signer"
    signatory_title = "Mayor"
    email = factory.LazyAttribute(lambda e: f"{e.institution_name.lower().replace(' ', '')}@example.org")
    phone = "+33 1 00 00 00 00"
    language = "es"
    consent_publication = True
    consent_version = "2026-01"
    status = "pending_review"


def make_endorsement(name: str, status: str = "pending_review", **fields) -> Endorsement:
    """`fields` override the name and status too, as a test of what an endorser may type needs."""
    return EndorsementFactory(**{"institution_name": name, "status": status, **fields})
