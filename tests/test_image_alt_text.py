"""An image's alt text in the reader's language: shipped translated, translated by translators through
wagtail-localize, and kept in step with the description editors write on the image (campaign.assets.alt_text)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from campaign.i18n.locales import default_locale
from campaign.loader.parts import cover_image_specs, story_entries
from campaign.loader.translations import translation_for, untranslated_segments
from campaign.loader.writer import ContentWriter, Outcome
from campaign.models import CityStoryIndexPage, CityStoryPage, HomePage, ImageAltText

from .admin_forms import image_edit_form
from .factories import CityStoryPageFactory, ImageFactory, section

pytestmark = pytest.mark.django_db

COVER = "query ($path: String!) { page(path: $path) { ... on CityStoryPage { coverImage { alt altLocale } } } }"
SHARE_IMAGE = "query ($path: String!) { page(path: $path) { seo { image { alt altLocale } } } }"
STORY_LIST = """query ($locale: String) {
  cityStories(locale: $locale, limit: 50) { items { coverImage { alt altLocale } } }
}"""
MILAN = {
    "fr": ("Image provisoire : Milan", "fr"),
    "en": ("Placeholder image: Milan", "en"),
    "es": ("Imagen provisional: Milán", "es"),
}


def story_path(story: CityStoryPage, language_code: str) -> str:
    translated = story.get_translation(Locale.objects.get(language_code=language_code))
    return f"/{language_code}/{section(CityStoryIndexPage, language_code).slug}/{translated.slug}/"


def cover_alt(graphql, story: CityStoryPage, language_code: str) -> tuple[str, str]:
    cover = graphql(COVER, path=story_path(story, language_code))["data"]["page"]["coverImage"]
    return cover["alt"], cover["altLocale"]


@pytest.fixture
def milan() -> CityStoryPage:
    return CityStoryPage.objects.get(slug="milan-premiers-pas", locale__language_code="fr")


@pytest.fixture
def described_story() -> CityStoryPage:
    """A story whose cover an editor uploaded and described; nobody has translated its alt text yet."""
    image = ImageFactory(title="IMG_2041.jpg", description="Des enfants plantent des arbres dans le nouveau parc")
    story = CityStoryPageFactory(parent=section(CityStoryIndexPage), slug="parc-des-enfants", cover_image=image)
    return CityStoryPage.objects.get(pk=story.pk)


def translate_alt_text(image, language_code: str, text: str) -> None:
    """What a translator does in the translation editor: translate the segment, then publish."""
    locale = Locale.objects.get(language_code=language_code)
    source, _ = TranslationSource.get_or_create_from_instance(
        ImageAltText.objects.get(image=image, locale__language_code="fr")
    )
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    segment = StringSegment.objects.select_related("string", "context").get(source=source)
    StringTranslation.objects.update_or_create(
        translation_of=segment.string, locale=locale, context=segment.context, defaults={"data": text}
    )
    translation.save_target(publish=True)


@pytest.mark.parametrize("language_code", ["fr", "en", "es"])
def test_a_shipped_cover_is_described_in_the_readers_language(graphql, milan, language_code):
    assert cover_alt(graphql, milan, language_code) == MILAN[language_code]


@pytest.mark.parametrize(
    ("language_code", "expected"),
    [
        ("fr", "La Charte de Lampedusa — pour une mobilité humaine dignifiée et une solidarité territoriale"),
        ("en", "The Lampedusa Charter — for dignified human mobility and territorial solidarity"),
        ("es", "La Carta de Lampedusa — por una movilidad humana digna y la solidaridad territorial"),
    ],
)
def test_each_languages_share_card_is_described_in_that_language(graphql, language_code, expected):
    home = HomePage.objects.get(locale__language_code=language_code)
    image = graphql(SHARE_IMAGE, path=f"/{language_code}/")["data"]["page"]["seo"]["image"]
    assert home.live and image == {"alt": expected, "altLocale": language_code}


def test_every_shipped_alt_text_is_translated(graphql):
    out = io.StringIO()
    call_command("translation_report", stdout=out)
    label = str(ImageAltText._meta.verbose_name)
    rows = [line.split() for line in out.getvalue().splitlines() if f" {label} " in line]
    assert [(row[0], row[-1]) for row in rows] == [("en", "100%"), ("es", "100%")]
    for language_code in ("en", "es"):
        covers = graphql(STORY_LIST, locale=language_code)["data"]["cityStories"]["items"]
        assert covers and all(item["coverImage"]["altLocale"] == language_code for item in covers)
        assert not any(item["coverImage"]["alt"].startswith("Image provisoire") for item in covers)


def test_an_alt_text_not_yet_translated_is_served_in_french_and_says_so(graphql, described_story):
    french = "Des enfants plantent des arbres dans le nouveau parc"
    assert cover_alt(graphql, described_story, "fr") == (french, "fr")
    assert cover_alt(graphql, described_story, "en") == (french, "fr")


def test_a_translator_translating_the_alt_text_changes_what_english_readers_get(graphql, described_story, committed):
    image = described_story.cover_image
    assert cover_alt(graphql, described_story, "en")[1] == "fr"

    committed(lambda: translate_alt_text(image, "en", "Children planting trees in the new park"))

    assert cover_alt(graphql, described_story, "en") == ("Children planting trees in the new park", "en")
    assert cover_alt(graphql, described_story, "es")[1] == "fr", "Spanish still waits for its translator"


def test_the_french_alt_text_offers_translation_in_the_admin(french_admin, described_story):
    french = ImageAltText.objects.get(image=described_story.cover_image, locale=default_locale())
    submit = reverse("wagtail_localize:submit_snippet_translation", args=["campaign", "imagealttext", french.pk])
    listing = french_admin.get(reverse("wagtailsnippets_campaign_imagealttext:list"), {"locale": "fr"})
    edit = french_admin.get(reverse("wagtailsnippets_campaign_imagealttext:edit", args=[french.pk]))
    assert submit in listing.content.decode(), "its Translate button"
    assert edit.status_code == 200 and french.text in edit.content.decode()

    english = Locale.objects.get(language_code="en")
    response = french_admin.post(submit, {"locales": [english.pk]})

    assert response.status_code == 302
    translation = translation_for(french, english)
    assert untranslated_segments(translation) == 1, "the translation editor offers the alt text to translate"


def test_editing_the_description_in_the_admin_resyncs_the_french_source(
    french_admin, graphql, described_story, committed
):
    image = described_story.cover_image
    committed(lambda: translate_alt_text(image, "en", "Children planting trees in the new park"))
    data = image_edit_form(french_admin, image)
    data["description"] = "Des enfants plantent des chênes dans le parc Lumière"

    response = french_admin.post(f"/admin/images/{image.pk}/", data)

    assert response.status_code == 302
    french = ImageAltText.objects.get(image=image, locale=default_locale())
    assert french.text == "Des enfants plantent des chênes dans le parc Lumière"
    translation = translation_for(french, Locale.objects.get(language_code="en"))
    segment = StringSegment.objects.select_related("string").get(source=translation.source)
    assert segment.string.data == french.text and untranslated_segments(translation) == 1
    assert cover_alt(graphql, described_story, "fr") == (french.text, "fr")


def test_an_emptied_description_makes_the_image_decorative_in_every_language(graphql, described_story, committed):
    image = described_story.cover_image
    committed(lambda: translate_alt_text(image, "en", "Children planting trees in the new park"))
    image.description = ""
    committed(image.save)

    assert not ImageAltText.objects.filter(image=image).exists()
    assert cover_alt(graphql, described_story, "en") == ("", "en")


def test_a_list_of_covers_reads_the_alt_texts_of_its_language_in_one_query(graphql):
    with CaptureQueriesContext(connection) as queries:
        covers = graphql(STORY_LIST, locale="es")["data"]["cityStories"]["items"]
    alt_text_queries = [query for query in queries if "campaign_imagealttext" in query["sql"]]
    assert len(covers) == 50 and len(alt_text_queries) == 1


def test_the_loader_keeps_an_alt_text_an_editor_rewrote_unless_forced(milan):
    spec = next(spec for spec in cover_image_specs(story_entries()) if spec.key == "image:milan-premiers-pas")
    image = milan.cover_image
    assert ContentWriter(default_locale()).write_alt_text(spec, image) == Outcome.UNCHANGED
    image.description = "La place du Duomo un jour de marché"
    image.save()

    assert ContentWriter(default_locale()).write_alt_text(spec, image) == Outcome.KEPT
    image.refresh_from_db()
    assert image.description == "La place du Duomo un jour de marché"

    assert ContentWriter(default_locale(), force=True).write_alt_text(spec, image) == Outcome.UPDATED
    image.refresh_from_db()
    assert image.description == "Image provisoire : Milan"
    assert ImageAltText.objects.get(image=image, locale=default_locale()).text == "Image provisoire : Milan"
