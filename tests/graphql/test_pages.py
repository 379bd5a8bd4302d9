"""page(path) and pageById: locale prefixes, translated slugs, fallback, hreflang, and nothing that is not public."""

import pytest
from wagtail.models import Locale, PageViewRestriction

from campaign.models import CityStoryIndexPage, CityStoryPage, PrinciplePage

pytestmark = pytest.mark.django_db

PAGE = """
query Page($path: String!) {
  page(path: $path) {
    __typename title url locale contentLocale isFallback pageType translationKey
    translations { locale url title isFallback }
    breadcrumbs { title url }
    seo { title canonicalUrl }
    ... on PrinciplePage { number theme priorities { position text } }
  }
}
"""


def test_a_translated_principle_is_served_in_spanish_at_its_spanish_path(graphql, settings):
    page = graphql(PAGE, path="/es/carta/dignidad/")["data"]["page"]
    spanish = PrinciplePage.objects.get(locale__language_code="es", number=1)
    assert page["__typename"] == page["pageType"] == "PrinciplePage"
    assert (page["title"], page["locale"], page["contentLocale"], page["isFallback"]) == (
        spanish.title,
        "es",
        "es",
        False,
    )
    assert [p["text"] for p in page["priorities"]] == [b.value for b in spanish.priorities]
    assert [p["position"] for p in page["priorities"]] == [1, 2, 3, 4, 5]
    assert page["breadcrumbs"][-1]["url"] == "/es/carta/"
    assert page["seo"]["canonicalUrl"] == f"{settings.FRONTEND_URL}/es/carta/dignidad/"
    assert {(t["locale"], t["url"], t["isFallback"]) for t in page["translations"]} == {
        ("fr", "/fr/charte/dignite/", False),
        ("en", "/en/charter/dignity/", False),
    }


def test_the_three_language_versions_share_a_translation_key(graphql):
    keys = {
        graphql(PAGE, path=path)["data"]["page"]["translationKey"]
        for path in ("/fr/charte/dignite/", "/en/charter/dignity/", "/es/carta/dignidad/")
    }
    assert len(keys) == 1


def test_an_untranslated_story_is_served_in_french_under_the_english_tree(graphql):
    story = CityStoryPage.objects.get(locale__language_code="fr", slug="dallas-ambassadeurs-communautaires")
    page = graphql(PAGE, path="/en/stories/dallas-ambassadeurs-communautaires/")["data"]["page"]
    assert (page["title"], page["locale"], page["contentLocale"], page["isFallback"]) == (story.title, "en", "fr", True)
    assert page["url"] == "/en/stories/dallas-ambassadeurs-communautaires/"
    index = CityStoryIndexPage.objects.get(locale__language_code="en")
    assert index.alias_of_id is None, "the English stories index itself is translated"
    assert page["breadcrumbs"][-1] == {"title": index.title, "url": "/en/stories/"}


@pytest.mark.parametrize("path", ["/de/charte/", "/fr/nulle-part/", "", "/", "//..//", "/fr/charte/dignite/x/y/"])
def test_nothing_there_is_null_not_an_error(graphql, path):
    assert graphql(PAGE, path=path) == {"data": {"page": None}}


def test_a_draft_is_not_served(graphql):
    principle = PrinciplePage.objects.get(locale__language_code="fr", number=3)
    principle.unpublish()
    assert graphql(PAGE, path="/fr/charte/reconnaissance/")["data"]["page"] is None


def test_a_restricted_page_and_its_aliases_are_not_served(graphql):
    story = CityStoryPage.objects.get(locale__language_code="fr", slug="dallas-ambassadeurs-communautaires")
    PageViewRestriction.objects.create(page=story, restriction_type="password", password="secret")
    for path in (
        "/fr/histoires/dallas-ambassadeurs-communautaires/",
        "/en/stories/dallas-ambassadeurs-communautaires/",
    ):
        assert graphql(PAGE, path=path)["data"]["page"] is None, path


BY_ID = "query ($id: ID!, $locale: String) { pageById(id: $id, locale: $locale) { title locale isFallback url } }"


def test_page_by_id_serves_the_requested_locales_version(graphql):
    french = PrinciplePage.objects.get(locale__language_code="fr", number=2)
    english = PrinciplePage.objects.get(locale=Locale.objects.get(language_code="en"), number=2)
    page = graphql(BY_ID, id=str(french.pk), locale="en")["data"]["pageById"]
    assert page == {
        "title": english.title,
        "locale": "en",
        "isFallback": False,
        "url": "/en/charter/equity/",
    }


def test_an_unknown_locale_is_a_coded_error(graphql):
    french = PrinciplePage.objects.get(locale__language_code="fr", number=2)
    body = graphql(BY_ID, id=str(french.pk), locale="de")
    assert body["data"] == {"pageById": None}
    assert body["errors"][0]["extensions"]["code"] == "UNKNOWN_LOCALE"
    assert "fr, en, es" in body["errors"][0]["message"]


def test_a_malformed_id_is_invalid_input(graphql):
    body = graphql(BY_ID, id="abc", locale="fr")
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


def test_the_committed_schema_file_is_current():
    from django.core.management import call_command

    call_command("export_schema", "--check")


def test_a_story_shares_its_cover_image_for_link_previews(graphql):
    seo = graphql('{ page(path: "/en/stories/milan-first-steps/") { seo { image { width height } } } }')
    assert seo["data"]["page"]["seo"]["image"] == {"width": 1200, "height": 675}
    assert graphql('{ page(path: "/en/charter/") { seo { image { width } } } }')["data"]["page"]["seo"]["image"] is None
