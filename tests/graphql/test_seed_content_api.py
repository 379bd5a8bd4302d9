"""The shipped campaign content as the API serves it, checked on purpose: these tests fail when the content files
change (the charter's seven principles, its 52 contributors, the twelve milestones, the Spanish campaign page…).
Tests of the API's behaviour build their own pages with tests/factories.py instead."""

import pytest

from campaign.models import CityStoryPage

pytestmark = pytest.mark.django_db

COMMITMENTS = """
query ($path: String!) {
  page(path: $path) { ... on CharterChapterPage { body { __typename ... on CommitmentsBlock { id verb items } } } }
}
"""


def test_the_spanish_site_has_its_name_menus_and_privacy_page(graphql):
    site = graphql("""{ site(locale: "es") { name mainMenu { url children { url } } socialLinks { url } hashtags
                        privacyPage { url } } }""")["data"]["site"]
    assert site["name"] == "Carta de Lampedusa"
    assert site["mainMenu"][0]["url"] == "/es/carta/"
    assert "/es/carta/ambicion/" in [child["url"] for child in site["mainMenu"][0]["children"]]
    assert site["privacyPage"] == {"url": "/es/privacidad/"}
    assert "#NotABorderTale" in site["hashtags"]
    assert site["socialLinks"] == [], "the seeds name no account: staff add them before launch"


def test_the_english_footer_starts_with_the_about_page(graphql):
    footer = graphql('{ site(locale: "en") { footerMenu { url } } }')["data"]["site"]["footerMenu"]
    assert footer[0]["url"] == "/en/about/"


def test_the_charter_lists_its_four_chapters_and_seven_principles_in_charter_order(graphql):
    charter = graphql("""{ charter(locale: "en") { title url chapters { number url } principles { number url }
                           contributors partners } }""")["data"]["charter"]
    assert charter["url"] == "/en/charter/"
    assert [c["number"] for c in charter["chapters"]] == [1, 2, 3, 4]
    assert [p["number"] for p in charter["principles"]] == [1, 2, 3, 4, 5, 6, 7]
    assert charter["principles"][6]["url"] == "/en/charter/resilience/"
    assert (len(charter["contributors"]), len(charter["partners"])) == (52, 17)


def test_twelve_milestones(graphql):
    assert len(graphql('{ milestones(locale: "fr") { year } }')["data"]["milestones"]) == 12


def test_the_campaign_and_its_featured_stories_in_spanish(graphql):
    campaign = graphql("""{ campaign(locale: "es") { title hashtags launch { year month }
                            featuredStories { url isFallback } } }""")["data"]["campaign"]
    assert campaign["title"] == "No es solo una historia de fronteras"
    assert campaign["launch"] == {"year": 2021, "month": 12}
    assert campaign["featuredStories"][0] == {"url": "/es/historias/aman-academia-clima-infancia/", "isFallback": False}


def test_the_commitments_chapter_lists_43_commitments_in_every_language(graphql):
    for path in ("/fr/charte/engagements/", "/en/charter/commitments/", "/es/carta/compromisos/"):
        blocks = graphql(COMMITMENTS, path=path)["data"]["page"]["body"]
        lists = [block for block in blocks if block["__typename"] == "CommitmentsBlock"]
        assert [len(block["items"]) for block in lists] == [5, 8, 5, 12, 13], path
        assert all(block["id"] for block in lists)


def test_the_spanish_home_page_calls_to_action_lead_to_spanish_sections(graphql):
    body = graphql('{ page(path: "/es/") { ... on HomePage { body { ... on CallToActionBlock { url } } } } }')
    urls = {block.get("url") for block in body["data"]["page"]["body"]}
    assert {"/es/carta/", "/es/historias/", "/es/adherir/"} <= urls


STORIES = """query ($locale: String!) { cityStories(locale: $locale, limit: 100) {
  totalCount items { url isFallback }
  facets { countries { value label } regions { value label } } } }"""


def test_every_story_is_listed_in_every_locale_and_the_shipped_spanish_translations_are_served(graphql):
    french = CityStoryPage.objects.filter(locale__language_code="fr").count()
    for locale in ("fr", "en", "es"):
        page = graphql(STORIES, locale=locale)["data"]["cityStories"]
        assert page["totalCount"] == french == len(page["items"])
    spanish = graphql(STORIES, locale="es")["data"]["cityStories"]["items"]
    translated = CityStoryPage.objects.live().filter(locale__language_code="es", alias_of__isnull=True).count()
    assert sum(not item["isFallback"] for item in spanish) == translated >= 12, "at least the first twelve shipped"
    assert all(item["url"].startswith("/es/historias/") for item in spanish)


def test_facet_labels_of_the_shipped_stories_are_in_spanish(graphql):
    facets = graphql(STORIES, locale="es")["data"]["cityStories"]["facets"]
    assert {f["value"]: f["label"] for f in facets["countries"]}["GR"] == "Grecia"
    assert {f["value"]: f["label"] for f in facets["regions"]}["europe"] == "Europa"
