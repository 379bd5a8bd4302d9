"""Launch day: no placeholder reaches a visitor, the launch check lists exactly what staff must still fill, every
page shares an image, and the names to confirm stay on the dashboard until confirmed."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core import checks
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext
from wagtail.models import Locale, Page, get_page_models

from campaign.loader.names_to_confirm import names_to_confirm
from campaign.models import NameToConfirm, SiteSettings, StandardPage
from campaign.publishing.launch import unfilled_settings
from graphql_api.registry import page_type_for

from .factories import ImageFactory

pytestmark = pytest.mark.django_db

SITE = "query ($locale: String) { site(locale: $locale) { contactEmail hosting socialLinks { url } } }"
BODY = """query ($path: String!) { page(path: $path) { ... on StandardPage {
  body { __typename ... on ParagraphBlock { html } } } } }"""


def launch_warnings() -> list[str]:
    found = checks.run_checks(include_deployment_checks=True)
    return sorted(message.msg for message in found if message.id == "campaign.W200")


def settings_of(language: str) -> SiteSettings:
    return SiteSettings.objects.get(locale__language_code=language)


def paragraphs(graphql, path: str) -> str:
    body = graphql(BODY, path=path)["data"]["page"]["body"]
    return " ".join(block["html"] for block in body if block["__typename"] == "ParagraphBlock")


def legal_notice_path(language: str) -> str:
    french = StandardPage.objects.get(locale__language_code="fr", slug="mentions-legales")
    page = french.get_translation(Locale.objects.get(language_code=language))
    return f"/{language}/{page.slug}/"


def fill_launch_settings():
    french = settings_of("fr")
    french.contact_email = "charte@uclg.org"
    french.social_links = [("link", {"network": "x", "url": "https://x.com/uclg_org"})]
    french.save()
    for language, hosting in [("fr", "OVH, Roubaix"), ("en", "OVH, Roubaix (France)"), ("es", "OVH, Roubaix")]:
        SiteSettings.objects.filter(locale__language_code=language).update(
            hosting=hosting, contact_email=french.contact_email, social_links=french.social_links
        )


def test_the_launch_check_lists_exactly_the_settings_still_to_fill():
    expected = ["contact_email", "hosting (en)", "hosting (es)", "hosting (fr)", "social_links"]
    assert unfilled_settings() == expected
    assert launch_warnings() == [f"Launch setting still empty or a placeholder: {name}." for name in expected]
    fill_launch_settings()
    assert unfilled_settings() == []
    assert launch_warnings() == []


def test_a_placeholder_counts_as_unfilled():
    fill_launch_settings()
    SiteSettings.objects.filter(locale__language_code="es").update(
        hosting="Précisé dans la documentation de déploiement"
    )
    SiteSettings.objects.filter(locale__language_code="fr").update(contact_email="contact@lampedusa-charter.org")
    assert unfilled_settings() == ["contact_email", "hosting (es)"]


def test_until_filled_the_api_answers_null_and_pages_leave_the_sentences_out(graphql):
    assert graphql(SITE, locale="en")["data"]["site"] == {"contactEmail": None, "hosting": None, "socialLinks": []}
    text = paragraphs(graphql, legal_notice_path("en"))
    assert "UCLG" in text
    assert "Hosting" not in text and "Contact" not in text and "mailto:" not in text
    assert "documentation" not in text


def test_once_filled_each_language_prints_them_in_its_own_sentence(graphql):
    fill_launch_settings()
    SiteSettings.objects.filter(locale__language_code="en").update(hosting="OVH <b>SAS</b>, Roubaix")
    assert graphql(SITE, locale="en")["data"]["site"]["hosting"] == "OVH <b>SAS</b>, Roubaix"
    english = paragraphs(graphql, legal_notice_path("en"))
    assert '<p>Contact: <a href="mailto:charte@uclg.org">charte@uclg.org</a></p>' in english
    assert "<p>Hosting: OVH &lt;b&gt;SAS&lt;/b&gt;, Roubaix.</p>" in english
    spanish = paragraphs(graphql, legal_notice_path("es"))
    assert "<p>Alojamiento: OVH, Roubaix.</p>" in spanish


SEO = "query ($id: ID!, $locale: String) { pageById(id: $id, locale: $locale) { __typename seo { image { id } } } }"


def live_page_of_each_type(language: str) -> dict[str, Page]:
    pages = {}
    for model in get_page_models():
        if page_type_for(model) is None:
            continue
        page = model.objects.live().filter(locale__language_code=language).first()
        if page is not None:
            pages[model.__name__] = page
    return pages


@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_every_page_type_answers_a_share_image(graphql, language):
    pages = live_page_of_each_type(language)
    assert len(pages) == len([model for model in get_page_models() if page_type_for(model)])
    default = settings_of(language).share_image_id
    for name, page in pages.items():
        image = graphql(SEO, id=str(page.pk), locale=language)["data"]["pageById"]["seo"]["image"]
        assert image is not None, name
        if name != "CityStoryPage":
            assert image["id"] == str(default), name


def test_each_language_has_its_own_card_and_a_page_may_override_it(graphql):
    cards = {language: settings_of(language).share_image for language in ("fr", "en", "es")}
    assert len({card.pk for card in cards.values()}) == 3
    assert (cards["fr"].width, cards["fr"].height) == (1200, 630)
    page = StandardPage.objects.get(locale__language_code="fr", slug="a-propos")
    own = ImageFactory()
    page.share_image = own
    page.save_revision().publish()
    image = graphql(SEO, id=str(page.pk), locale="fr")["data"]["pageById"]["seo"]["image"]
    assert image["id"] == str(own.pk)


def heading(count: int) -> str:
    """The panel's heading as the admin prints it (in the site's language: the editor has chosen none)."""
    with translation.override(settings.LANGUAGE_CODE):
        text = ngettext(
            "%(counter)s name to confirm before launch", "%(counter)s names to confirm before launch", count
        )
    return text % {"counter": count}


def names_panel(client) -> str:
    """The dashboard's names-to-confirm panel, "" when the dashboard has none."""
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    start = dashboard.find('aria-labelledby="names-to-confirm-heading"')
    return dashboard[start : dashboard.index("</section>", start)] if start >= 0 else ""


def test_the_names_to_confirm_stay_on_the_dashboard_until_confirmed(editor_client):
    loaded = NameToConfirm.objects.get(key="dallas-tc-broadnax")
    panel = names_panel(editor_client)
    assert heading(len(names_to_confirm())) in panel
    assert "TC Broadnax" in panel
    form = reverse("wagtailsnippets_campaign_nametoconfirm:edit", args=[loaded.pk])
    response = editor_client.post(
        form,
        {
            "name": loaded.name,
            "doubt": loaded.doubt,
            "where": loaded.where,
            "confirmed": "on",
            "confirmed_note": "City Manager: title corrected with the Dallas office.",
        },
    )
    assert response.status_code == 302
    panel = names_panel(editor_client)
    assert "TC Broadnax" not in panel
    assert heading(len(names_to_confirm()) - 1) in panel


def test_confirming_everything_removes_the_dashboard_panel(editor_client):
    NameToConfirm.objects.update(confirmed=True)
    assert names_panel(editor_client) == ""


def test_the_editors_guide_lists_every_name_to_confirm():
    guide = (Path(settings.BASE_DIR) / "docs" / "editors.md").read_text(encoding="utf-8")
    section = guide.split("### To confirm before launch", 1)[1]
    missing = [name["name"] for name in names_to_confirm() if name["name"] not in section]
    assert not missing
    assert NameToConfirm.objects.filter(key__isnull=False).count() == len(names_to_confirm())
