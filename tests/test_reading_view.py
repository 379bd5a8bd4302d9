"""The reading view: the admin's preview rendered by the backend from the API's answer, for every page type."""

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.urls import reverse
from graphql import parse, validate
from wagtail.models import Locale
from wagtail.test.utils.form_data import rich_text, streamfield
from wagtail_localize.operations import TranslationCreator

from campaign.models import CityStoryIndexPage, CityStoryPage, EndorsePage
from campaign.pages.base import HEADLESS_PREVIEW, READING_VIEW
from graphql_api.cost import measure
from graphql_api.reading_view.document import reading_document
from graphql_api.reading_view.render import BLOCK_RENDERERS
from graphql_api.registry import PAGE_TYPES
from graphql_api.schema import schema

from .factories import CityStoryPageFactory, section
from .graphql.test_preview import story_form

pytestmark = pytest.mark.django_db

LOCALES = ("fr", "en", "es")


@pytest.fixture(autouse=True)
def frontend_down(monkeypatch):
    monkeypatch.setattr("campaign.publishing.frontend_health.ask_frontend", lambda: False)


def reading(page, mode: str = READING_VIEW) -> BeautifulSoup:
    response = page.specific.serve_preview(RequestFactory().get("/admin/", HTTP_HOST="127.0.0.1"), mode)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_every_block_type_of_the_schema_has_a_renderer():
    union = schema._schema.get_type("Block")
    assert {member.name for member in union.types} == set(BLOCK_RENDERERS)


@pytest.mark.parametrize("model", sorted(PAGE_TYPES, key=lambda model: model.__name__), ids=lambda m: m.__name__)
def test_the_reading_query_of_every_page_type_is_valid_and_within_the_public_limits(model, settings):
    type_name = PAGE_TYPES[model].__strawberry_definition__.name
    document = parse(reading_document(schema._schema, type_name, with_endorsement_form=model is EndorsePage))
    assert validate(schema._schema, document) == []
    measured = measure(schema._schema, document, {})
    assert measured.depth <= settings.GRAPHQL_MAX_DEPTH
    assert measured.fields <= settings.GRAPHQL_MAX_FIELDS
    assert measured.cost <= settings.GRAPHQL_MAX_COST


@pytest.mark.parametrize("model", sorted(PAGE_TYPES, key=lambda model: model.__name__), ids=lambda m: m.__name__)
@pytest.mark.parametrize("language", LOCALES)
def test_every_page_of_the_campaign_reads_in_its_language_with_all_its_blocks(model, language):
    page = model.objects.filter(locale__language_code=language).order_by("path").first()
    assert page is not None, f"the campaign content has a {model.__name__} in {language}"
    html = reading(page)

    assert html.html["lang"] == language and html.html["dir"] == "ltr"
    assert not html.select("[role=alert]"), html.select_one("[role=alert]").get_text(" ", strip=True)
    assert html.h1.get_text(strip=True) == page.title
    assert html.find("script") is None
    stream = next((name for name in ("body", "intro") if hasattr(page.specific, name)), None)
    if stream:
        blocks = list(getattr(page.specific, stream))
        headings = [block.value["text"] for block in blocks if block.block_type == "heading"]
        assert [heading in html.article.get_text() for heading in headings] == [True] * len(headings)


def test_a_story_reads_with_its_cover_through_an_allowed_rendition_and_its_details():
    story = CityStoryPage.objects.filter(locale__language_code="fr", cover_image__isnull=False).first()
    html = reading(story)
    cover = html.article.find("img")
    assert "/images/" in cover["src"] and ".width-800" in cover["src"]
    assert cover["alt"] == (story.cover_image.description or "") and cover["lang"] == "fr"
    assert html.find("p", class_="summary").get_text() == story.summary
    details = {
        dt.get_text(): dd.get_text(" ", strip=True)
        for dt, dd in zip(html.select("dl.details dt"), html.select("dl.details dd"), strict=True)
    }
    city = story.cities.first()
    assert city.name in details["Villes"], details


def test_a_translation_in_progress_reads_in_french_with_the_fallback_notice(editor, django_capture_on_commit_callbacks):
    french = CityStoryPageFactory(parent=section(CityStoryIndexPage, "fr"), title="Un port ouvert")
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(editor, [Locale.objects.get(language_code="es")]).create_translations(french)
    html = reading(french.get_translation(Locale.objects.get(language_code="es")))

    assert html.html["lang"] == "es" and html.article["lang"] == "fr"
    assert html.h1.get_text(strip=True) == "Un port ouvert"
    assert "francés" in html.find(attrs={"role": "note"}).get_text()
    assert reading(french).find(attrs={"role": "note"}) is None


def test_the_endorse_page_reads_with_the_endorsement_form_fields():
    endorse = EndorsePage.objects.get(locale__language_code="es")
    html = reading(endorse)
    labels = [label.get_text(" ", strip=True) for label in html.form.find_all("label")]
    assert any(label.startswith("Nombre de la institución") for label in labels), labels
    assert html.form.find("select", attrs={"name": "country"}) is not None
    assert html.form.find("button")["disabled"] is not None


def test_without_a_frontend_the_headless_mode_shows_the_reading_view_and_says_why(settings):
    story = CityStoryPage.objects.filter(locale__language_code="fr").first()
    html = reading(story, HEADLESS_PREVIEW)
    assert settings.FRONTEND_URL in html.find(attrs={"role": "status"}).get_text()
    assert html.h1.get_text(strip=True) == story.title
    assert story.default_preview_mode == READING_VIEW


def test_with_a_frontend_answering_the_headless_mode_is_the_default(monkeypatch):
    monkeypatch.setattr("campaign.publishing.frontend_health.ask_frontend", lambda: True)
    story = CityStoryPage.objects.filter(locale__language_code="fr").first()
    assert story.default_preview_mode == HEADLESS_PREVIEW
    response = story.serve_preview(RequestFactory().get("/admin/", HTTP_HOST="127.0.0.1"), HEADLESS_PREVIEW)
    assert response.status_code == 302


def test_an_editor_reads_a_story_never_saved_in_the_preview_panel(admin_client):
    stories = section(CityStoryIndexPage)
    url = reverse("wagtailadmin_pages:preview_on_add", args=["campaign", "citystorypage", stories.pk])
    body = streamfield(
        [
            ("heading", {"text": "Un quai ouvert", "level": "2"}),
            ("paragraph", rich_text("<p>On accueille <b>ici</b>.</p>")),
        ]
    )
    assert admin_client.post(url, story_form(body=body)).json()["is_valid"] is True

    response = admin_client.get(url, {"mode": READING_VIEW})
    html = BeautifulSoup(response.content, "html.parser")
    assert html.h1.get_text(strip=True) == "Une histoire encore jamais publiée"
    assert html.article.find("h2").get_text() == "Un quai ouvert"
    assert "On accueille <b>ici</b>." in str(html.article.find(class_="rich-text"))
    assert (
        "script-src" not in response["Content-Security-Policy"]
        and "default-src 'none'" in response["Content-Security-Policy"]
    )


def test_the_preview_panel_offers_both_modes(admin_client):
    story = CityStoryPage.objects.filter(locale__language_code="fr").first()
    html = BeautifulSoup(admin_client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content, "html.parser")
    modes = {option["value"] for option in html.select("#id_preview_mode option")}
    assert modes == {HEADLESS_PREVIEW, READING_VIEW}
