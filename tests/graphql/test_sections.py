"""Root fields for the site's sections: site, charter, milestones, campaign, sitemap, redirect."""

import pytest
from graphql import GraphQLEnumType
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page

from campaign.models import CharterPage, NavigationMenu, SiteSettings, TimelinePage
from campaign.pages.base import frontend_path
from graphql_api.schema import schema

from ..factories import (
    MilestonePageFactory,
    NavigationMenuFactory,
    PrinciplePageFactory,
    SiteSettingsFactory,
    StandardPageFactory,
    home,
    section,
    translate,
)

pytestmark = pytest.mark.django_db


def menu_link(title: str, page: Page, children: tuple = ()) -> tuple:
    return ("item", {"title": title, "page": page, "url": "", "children": list(children)})


def replace_menu(language_code: str, handle: str, *items) -> None:
    locale = home(language_code).locale
    NavigationMenu.objects.filter(locale=locale, handle=handle).delete()
    NavigationMenuFactory(locale=locale, handle=handle, items=list(items))


@pytest.fixture
def legal_page():
    """A French page under the home page, translated into English and Spanish with slugs of their own."""
    french = StandardPageFactory(parent=home(), title="Mentions", slug="mentions-d-essai")
    translate(french, "en", title="Legal", slug="legal-test")
    translate(french, "es", title="Aviso", slug="aviso-de-prueba")
    return french


def test_site_settings_and_menus_are_localized_with_links_in_the_locale(graphql, legal_page):
    spanish = home("es").locale
    child = StandardPageFactory(parent=legal_page, slug="sous-page-d-essai")
    replace_menu("es", "main", menu_link("Aviso", legal_page, [{"title": "Más", "page": child, "url": ""}]))
    SiteSettings.objects.filter(locale=spanish).delete()
    SiteSettingsFactory(locale=spanish, site_name="Carta de prueba", privacy_page=legal_page)

    site = graphql("""{ site(locale: "es") { name locale mainMenu { title url children { url } } footerMenu { url }
                        socialLinks { network url } hashtags contactEmail privacyPage { url } } }""")["data"]["site"]
    assert site["locale"] == "es" and site["name"] == "Carta de prueba"
    assert site["mainMenu"][0]["url"] == "/es/aviso-de-prueba/"
    assert [child["url"] for child in site["mainMenu"][0]["children"]] == ["/es/aviso-de-prueba/sous-page-d-essai/"]
    assert site["privacyPage"] == {"url": "/es/aviso-de-prueba/"}
    assert "#LampedusaCharter" in site["hashtags"] and site["socialLinks"]


def test_social_networks_are_enum_values_named_as_the_editors_codes(graphql):
    """`x` stays `x` for the frontend; a network saved before editors could no longer choose it is left out."""
    spanish = home("es").locale
    SiteSettings.objects.filter(locale=spanish).delete()
    links = [("link", {"network": code, "url": f"https://{code}.example/uclg"}) for code in ("x", "myspace", "bluesky")]
    SiteSettingsFactory(locale=spanish, social_links=links)
    site = graphql('{ site(locale: "es") { socialLinks { network url } } }')["data"]["site"]
    assert [link["network"] for link in site["socialLinks"]] == ["x", "bluesky"]
    network = schema._schema.get_type("SocialLink").fields["network"].type.of_type
    assert isinstance(network, GraphQLEnumType) and {"x", "bluesky"} <= set(network.values)


def test_a_menu_not_yet_translated_falls_back_to_french_with_links_in_the_locale(graphql):
    page = StandardPageFactory(parent=home(), slug="a-propos-d-essai")
    translate(page, "en", slug="about-test")
    replace_menu("fr", "footer", menu_link("À propos", page))
    NavigationMenu.objects.filter(locale__language_code="en", handle="footer").delete()
    footer = graphql('{ site(locale: "en") { footerMenu { title url } } }')["data"]["site"]["footerMenu"]
    assert footer == [{"title": "À propos", "url": "/en/about-test/"}]


def test_milestones_are_chronological_with_unknown_months_first(graphql):
    timeline = section(TimelinePage)
    for month in (5, None, 3):
        MilestonePageFactory(parent=timeline, year=2099, month=month)
    milestones = graphql('{ milestones(locale: "fr") { year month title } }')["data"]["milestones"]
    years = [m["year"] for m in milestones]
    assert years == sorted(years)
    assert [m["month"] for m in milestones if m["year"] == 2099] == [None, 3, 5]


def test_the_sitemap_lists_the_pages_a_locale_has_in_its_language_with_their_hreflang_alternates(sitemap, legal_page):
    untranslated = StandardPageFactory(parent=home(), slug="page-encore-en-francais")
    entries = sitemap("es", "url lastModified alternates { locale url }")
    spanish = Page.objects.live().filter(locale__language_code="es", depth__gte=2, alias_of__isnull=True)
    assert len(entries) == spanish.count()
    translated = next(entry for entry in entries if entry["url"] == "/es/aviso-de-prueba/")
    assert {(a["locale"], a["url"]) for a in translated["alternates"]} == {
        ("fr", "/fr/mentions-d-essai/"),
        ("en", "/en/legal-test/"),
        ("es", "/es/aviso-de-prueba/"),
        ("x-default", "/fr/mentions-d-essai/"),
    }
    fallback = untranslated.get_translation(Locale.objects.get(language_code="es"))
    assert fallback.alias_of_id == untranslated.pk
    assert frontend_path(fallback) not in {entry["url"] for entry in entries}, "its canonical URL is the French one"


def test_changing_a_slug_leaves_a_permanent_redirect_from_the_old_path(graphql, django_capture_on_commit_callbacks):
    charter = section(CharterPage)
    principle = PrinciplePageFactory(parent=charter, slug="solidarite-d-essai")
    principle.slug = "solidarite-entre-territoires"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail creates the redirect once the change commits
        principle.save_revision().publish()
    redirect = graphql(
        "query ($path: String!) { redirect(path: $path) { url permanent } }",
        path=f"/fr/{charter.slug}/solidarite-d-essai/",
    )["data"]["redirect"]
    assert redirect == {"url": f"/fr/{charter.slug}/solidarite-entre-territoires/", "permanent": True}


def test_an_editors_redirect_to_an_external_site_and_an_unknown_path(graphql):
    Redirect.objects.create(old_path="/fr/appel", redirect_link="https://uclg.org/", is_permanent=False)
    assert graphql('{ redirect(path: "/fr/appel/") { url permanent } }')["data"]["redirect"] == {
        "url": "https://uclg.org/",
        "permanent": False,
    }
    assert graphql('{ redirect(path: "/fr/jamais-vu/") { url } }')["data"]["redirect"] is None


@pytest.mark.parametrize("path", ["", "/", "   ", "/es/", "es", "//"])
def test_a_path_without_a_page_has_no_redirect(graphql, path):
    body = graphql("query ($path: String!) { redirect(path: $path) { url } }", path=path)
    assert body == {"data": {"redirect": None}}


@pytest.mark.parametrize("field", ["site", "charter", "campaign", "milestones", "sitemap"])
def test_an_unknown_locale_is_a_coded_error_on_every_root_field(graphql, field):
    selection = {
        "site": "{ name }",
        "charter": "{ title }",
        "campaign": "{ title }",
        "milestones": "{ title }",
        "sitemap": "{ url }",
    }[field]
    body = graphql(f'{{ {field}(locale: "xx") {selection} }}')
    assert body["errors"][0]["extensions"]["code"] == "UNKNOWN_LOCALE"
