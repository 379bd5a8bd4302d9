"""Headless preview: the admin's preview opens the frontend with a token that `preview(token)` accepts."""

import time
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from campaign.models import CharterPage, CityStoryIndexPage, PagePreview

from ..factories import CityFactory, PrinciplePageFactory, section

pytestmark = pytest.mark.django_db

PAGE_TITLE = "query ($path: String!) { page(path: $path) { title } }"
PREVIEW = "query ($token: String!) { preview(token: $token) { title url locale isFallback pageType } }"


@pytest.fixture(autouse=True)
def frontend_up(monkeypatch):
    """The frontend answers: the preview opens it (without it, the reading view shows: tests/test_reading_view.py)."""
    monkeypatch.setattr("campaign.publishing.frontend_health.ask_frontend", lambda: True)


def token_from(response, settings) -> str:
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}" == settings.FRONTEND_URL and location.path == "/preview/"
    return parse_qs(location.query)["token"][0]


def story_form(**fields) -> dict:
    data = nested_form_data(
        {
            "title": "Une histoire encore jamais publiée",
            "slug": "jamais-publiee",
            "kind": "action",
            "summary": "Un brouillon.",
            "body": streamfield([("paragraph", rich_text("<p>Brouillon</p>"))]),
            "cover_image": "",
            "cover_credit": "",
            "quote_text": "",
            "quote_author": "",
            "quote_role": "",
            "head_of_executive": "",
            "head_of_executive_title": "",
            "period_start_year": "",
            "period_start_month": "",
            "period_end_year": "",
            "period_end_month": "",
            "engagement_type": "",
            "original_title": "",
            "source_document": "",
            "source_reference": "",
            **fields,
        }
    )
    data["cities"] = [CityFactory().pk]
    return data


def test_an_editor_previews_a_story_never_published_and_the_frontend_gets_the_draft(admin_client, graphql, settings):
    stories = section(CityStoryIndexPage)
    url = reverse("wagtailadmin_pages:preview_on_add", args=["campaign", "citystorypage", stories.pk])
    assert admin_client.post(url, story_form()).json()["is_valid"] is True
    token = token_from(admin_client.get(url, {"mode": ""}), settings)

    page = graphql(PREVIEW, token=token)["data"]["preview"]
    assert page == {
        "title": "Une histoire encore jamais publiée",
        "url": f"/fr/{stories.slug}/jamais-publiee/",
        "locale": "fr",
        "isFallback": False,
        "pageType": "CityStoryPage",
    }
    assert graphql(PAGE_TITLE, path=f"/fr/{stories.slug}/jamais-publiee/")["data"]["page"] is None


@pytest.fixture
def principle():
    return PrinciplePageFactory(parent=section(CharterPage), title="Participation", slug="participation-d-essai")


def test_previewing_an_edit_shows_the_draft_while_the_live_page_is_unchanged(graphql, settings, principle):
    principle.title = "Participation (brouillon)"
    token = token_from(principle.serve_preview(None, ""), settings)

    assert graphql(PREVIEW, token=token)["data"]["preview"]["title"] == "Participation (brouillon)"
    live = graphql(PAGE_TITLE, path=f"/fr/{section(CharterPage).slug}/participation-d-essai/")["data"]["page"]
    assert live == {"title": "Participation"}


def test_a_tampered_or_unknown_token_is_refused(graphql, settings, principle):
    token = token_from(principle.serve_preview(None, ""), settings)
    for bad in (token[:-2] + "xx", "not-a-token", ""):
        body = graphql(PREVIEW, token=bad)
        assert body["errors"][0]["extensions"]["code"] == "PREVIEW_TOKEN_INVALID"


def test_a_token_expires(graphql, settings, monkeypatch, principle):
    token = token_from(principle.serve_preview(None, ""), settings)
    later = time.time() + settings.PREVIEW_TOKEN_TTL + 5
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    assert graphql(PREVIEW, token=token)["errors"][0]["extensions"]["code"] == "PREVIEW_TOKEN_INVALID"


def test_expired_previews_are_cleaned_up(principle):
    principle.serve_preview(None, "")
    PagePreview.objects.update(created_at="2000-01-01T00:00:00Z")
    principle.serve_preview(None, "")
    assert PagePreview.objects.count() == 1
