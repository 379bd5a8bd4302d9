"""Root fields for the site's sections: site, charter, milestones, campaign, sitemap, redirect."""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from campaign.models import MilestonePage, NavigationMenu, PrinciplePage
from campaign.pages.base import frontend_path

pytestmark = pytest.mark.django_db


def test_site_settings_and_menus_are_localized_with_links_in_the_locale(graphql):
    site = graphql("""{ site(locale: "es") { name locale mainMenu { title url children { url } } footerMenu { url }
                        socialLinks { network url } hashtags contactEmail privacyPage { url } } }""")["data"]["site"]
    assert site["locale"] == "es" and site["name"] == "Carta de Lampedusa"
    assert site["mainMenu"][0]["url"] == "/es/carta/"
    assert "/es/carta/ambicion/" in [child["url"] for child in site["mainMenu"][0]["children"]]
    assert site["privacyPage"] == {"url": "/es/privacidad/"}
    assert "#NotABorderTale" in site["hashtags"] and site["socialLinks"]


def test_a_menu_not_yet_translated_falls_back_to_french_with_links_in_the_locale(graphql):
    NavigationMenu.objects.filter(locale__language_code="en", handle="footer").delete()
    footer = graphql('{ site(locale: "en") { footerMenu { title url } } }')["data"]["site"]["footerMenu"]
    assert footer[0]["title"] == "À propos" and footer[0]["url"] == "/en/about/"


def test_the_charter_lists_chapters_and_principles_in_charter_order(graphql):
    charter = graphql("""{ charter(locale: "en") { title url chapters { number url } principles { number url }
                           contributors partners } }""")["data"]["charter"]
    assert charter["url"] == "/en/charter/"
    assert [c["number"] for c in charter["chapters"]] == [1, 2, 3, 4]
    assert [p["number"] for p in charter["principles"]] == [1, 2, 3, 4, 5, 6, 7]
    assert charter["principles"][6]["url"] == "/en/charter/resilience/"
    assert (len(charter["contributors"]), len(charter["partners"])) == (52, 17)


def test_milestones_are_chronological_with_unknown_months_first(graphql):
    undated = MilestonePage.objects.get(locale__language_code="fr", sort_key=30)
    undated.month = None
    undated.save_revision().publish()
    milestones = graphql('{ milestones(locale: "fr") { year month title } }')["data"]["milestones"]
    assert len(milestones) == 12
    years = [m["year"] for m in milestones]
    assert years == sorted(years)
    of_2021 = [m["month"] for m in milestones if m["year"] == 2021]
    assert of_2021[0] is None and of_2021[1:] == sorted(of_2021[1:])


def test_the_campaign_and_its_featured_stories_in_spanish(graphql):
    campaign = graphql("""{ campaign(locale: "es") { title hashtags launch { year month }
                            featuredStories { url isFallback } } }""")["data"]["campaign"]
    assert campaign["title"] == "No es solo una historia de fronteras"
    assert campaign["launch"] == {"year": 2021, "month": 12}
    assert campaign["featuredStories"][0] == {"url": "/es/historias/aman-academia-clima-infancia/", "isFallback": False}


def test_the_sitemap_lists_the_pages_a_locale_has_in_its_language_with_their_hreflang_alternates(graphql):
    entries = graphql('{ sitemap(locale: "es") { url lastModified alternates { locale url } } }')["data"]["sitemap"]
    spanish = Page.objects.live().filter(locale__language_code="es", depth__gte=2, alias_of__isnull=True)
    assert len(entries) == spanish.count()
    dignity = next(entry for entry in entries if entry["url"] == "/es/carta/dignidad/")
    assert {(a["locale"], a["url"]) for a in dignity["alternates"]} == {
        ("fr", "/fr/charte/dignite/"),
        ("en", "/en/charter/dignity/"),
        ("es", "/es/carta/dignidad/"),
        ("x-default", "/fr/charte/dignite/"),
    }
    fallback = Page.objects.live().filter(locale__language_code="es", alias_of__isnull=False).first()
    assert frontend_path(fallback) not in {entry["url"] for entry in entries}, "its canonical URL is the French one"


def test_changing_a_slug_leaves_a_permanent_redirect_from_the_old_path(graphql, django_capture_on_commit_callbacks):
    principle = PrinciplePage.objects.get(locale__language_code="fr", number=5)
    principle.slug = "solidarite-entre-territoires"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail creates the redirect once the change commits
        principle.save_revision().publish()
    redirect = graphql('{ redirect(path: "/fr/charte/solidarite/") { url permanent } }')["data"]["redirect"]
    assert redirect == {"url": "/fr/charte/solidarite-entre-territoires/", "permanent": True}


def test_an_editors_redirect_to_an_external_site_and_an_unknown_path(graphql):
    Redirect.objects.create(old_path="/fr/appel", redirect_link="https://uclg.org/", is_permanent=False)
    assert graphql('{ redirect(path: "/fr/appel/") { url permanent } }')["data"]["redirect"] == {
        "url": "https://uclg.org/",
        "permanent": False,
    }
    assert graphql('{ redirect(path: "/fr/jamais-vu/") { url } }')["data"]["redirect"] is None


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
