"""page(path) and pageById: locale prefixes, translated slugs, fallback, hreflang, and nothing that is not public."""

import pytest
from wagtail.models import PageViewRestriction

from campaign.i18n.localization import visible_pages
from campaign.models import CharterPage, CityStoryIndexPage, CityStoryPage, SiteSettings

from ..factories import CityStoryPageFactory, ImageFactory, PrinciplePageFactory, section, translate

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
SLUGS = {"fr": "principe-d-essai", "en": "test-principle", "es": "principio-de-prueba"}


def path_in_section(model, language_code: str, slug: str) -> str:
    return f"/{language_code}/{section(model, language_code).slug}/{slug}/"


def principle_path(language_code: str) -> str:
    return path_in_section(CharterPage, language_code, SLUGS[language_code])


@pytest.fixture
def principle():
    """A principle of the loaded charter, translated into English and Spanish with slugs of their own."""
    french = PrinciplePageFactory(parent=section(CharterPage), title="Principe d'essai", slug=SLUGS["fr"], number=1)
    translate(french, "en", title="Test principle", slug=SLUGS["en"])
    translate(french, "es", title="Principio de prueba", slug=SLUGS["es"])
    return french


@pytest.fixture
def story():
    """A story of the loaded stories index that no one has translated: its English version is an alias."""
    return CityStoryPageFactory(parent=section(CityStoryIndexPage), slug="histoire-non-traduite")


def test_a_translated_principle_is_served_in_spanish_at_its_spanish_path(graphql, settings, principle):
    page = graphql(PAGE, path=principle_path("es"))["data"]["page"]
    spanish = principle.get_translation(section(CharterPage, "es").locale).specific
    assert page["__typename"] == page["pageType"] == "PrinciplePage"
    assert (page["title"], page["locale"], page["contentLocale"], page["isFallback"]) == (
        spanish.title,
        "es",
        "es",
        False,
    )
    assert [p["text"] for p in page["priorities"]] == [b.value for b in spanish.priorities]
    assert [p["position"] for p in page["priorities"]] == [1, 2, 3, 4, 5]
    assert page["breadcrumbs"][-1]["url"] == f"/es/{section(CharterPage, 'es').slug}/"
    assert page["seo"]["canonicalUrl"] == f"{settings.FRONTEND_URL}{principle_path('es')}"
    assert {(t["locale"], t["url"], t["isFallback"]) for t in page["translations"]} == {
        ("fr", principle_path("fr"), False),
        ("en", principle_path("en"), False),
    }


def test_the_three_language_versions_share_a_translation_key(graphql, principle):
    keys = {graphql(PAGE, path=principle_path(code))["data"]["page"]["translationKey"] for code in SLUGS}
    assert keys == {str(principle.translation_key)}


def test_an_untranslated_story_is_served_in_french_under_the_english_tree(graphql, story):
    english_path = path_in_section(CityStoryIndexPage, "en", story.slug)
    page = graphql(PAGE, path=english_path)["data"]["page"]
    assert (page["title"], page["locale"], page["contentLocale"], page["isFallback"]) == (story.title, "en", "fr", True)
    assert page["url"] == english_path
    index = section(CityStoryIndexPage, "en")
    assert index.alias_of_id is None, "the English stories index itself is translated"
    assert page["breadcrumbs"][-1] == {"title": index.title, "url": f"/en/{index.slug}/"}


@pytest.mark.parametrize("path", ["/de/", "/fr/nulle-part/", "", "/", "//..//"])
def test_nothing_there_is_null_not_an_error(graphql, path):
    assert graphql(PAGE, path=path) == {"data": {"page": None}}


def test_a_real_page_under_an_unknown_locale_or_a_path_below_a_leaf_page_is_null(graphql, principle):
    for path in (principle_path("fr").replace("/fr/", "/de/", 1), principle_path("fr") + "x/y/"):
        assert graphql(PAGE, path=path) == {"data": {"page": None}}, path


def test_a_draft_is_not_served(graphql, principle):
    principle.unpublish()
    assert graphql(PAGE, path=principle_path("fr"))["data"]["page"] is None


def test_a_restricted_page_and_its_aliases_are_not_served(graphql, story):
    PageViewRestriction.objects.create(page=story, restriction_type="password", password="secret")
    for path in (
        path_in_section(CityStoryIndexPage, "fr", story.slug),
        path_in_section(CityStoryIndexPage, "en", story.slug),
    ):
        assert graphql(PAGE, path=path)["data"]["page"] is None, path


def test_every_visibility_check_reads_the_database_as_it_is_then(story):
    """visible_pages starts every call from a queryset built once per page type: a call that ran it never leaves its
    rows to the next, which sees a restriction or an unpublished page at once."""
    aliases = CityStoryPage.objects.filter(alias_of=story)
    assert {story.pk, *aliases.values_list("pk", flat=True)} <= {page.pk for page in visible_pages(CityStoryPage)}
    PageViewRestriction.objects.create(page=story, restriction_type="password", password="secret")
    served = {page.pk for page in visible_pages(CityStoryPage)}
    assert story.pk not in served and not served & set(aliases.values_list("pk", flat=True))
    PageViewRestriction.objects.all().delete()
    story.unpublish()
    assert story.pk not in {page.pk for page in visible_pages(CityStoryPage)}


BY_ID = "query ($id: ID!, $locale: String) { pageById(id: $id, locale: $locale) { title locale isFallback url } }"


def test_page_by_id_serves_the_requested_locales_version(graphql, principle):
    page = graphql(BY_ID, id=str(principle.pk), locale="en")["data"]["pageById"]
    assert page == {
        "title": "Test principle",
        "locale": "en",
        "isFallback": False,
        "url": principle_path("en"),
    }


def test_an_unknown_locale_is_a_coded_error(graphql, principle):
    body = graphql(BY_ID, id=str(principle.pk), locale="de")
    assert body["data"] == {"pageById": None}
    assert body["errors"][0]["extensions"]["code"] == "UNKNOWN_LOCALE"
    assert "fr, en, es" in body["errors"][0]["message"]


def test_a_malformed_id_is_invalid_input(graphql):
    body = graphql(BY_ID, id="abc", locale="fr")
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


def test_the_committed_schema_file_is_current():
    from django.core.management import call_command

    call_command("export_schema", "--check")


SEO_IMAGE = "query ($path: String!) { page(path: $path) { seo { image { width height } } } }"


def test_a_story_shares_its_cover_image_for_link_previews(graphql, story):
    cover = ImageFactory(size=(800, 450))
    story.cover_image = cover
    story.save_revision().publish()
    seo = graphql(SEO_IMAGE, path=path_in_section(CityStoryIndexPage, "en", story.slug))["data"]["page"]["seo"]
    assert seo["image"] == {"width": cover.width, "height": cover.height}
    charter = graphql(SEO_IMAGE, path=f"/en/{section(CharterPage, 'en').slug}/")["data"]["page"]["seo"]
    assert charter["image"] == {"width": 1200, "height": 630}  # the site's default share card


def test_a_story_without_a_cover_shows_the_default_image_of_its_language(graphql, story):
    story.cover_image = None
    story.save_revision().publish()
    query = "query ($path: String!) { page(path: $path) { ... on CityStoryPage { coverImage { id } } } }"
    for language in ("en", "es"):
        found = graphql(query, path=path_in_section(CityStoryIndexPage, language, story.slug))["data"]["page"]
        card = SiteSettings.objects.get(locale__language_code=language).share_image_id
        assert found["coverImage"] == {"id": str(card)}


def test_the_alt_text_is_the_images_own_never_its_title_or_a_caption(graphql, story, committed):
    described = ImageFactory(title="IMG_2041.jpg", description="Children planting trees in the new park")
    story.cover_image = described
    story.save_revision().publish()
    query = "query ($path: String!) { page(path: $path) { ... on CityStoryPage { coverImage { alt } } } }"
    path = path_in_section(CityStoryIndexPage, "en", story.slug)
    assert graphql(query, path=path)["data"]["page"]["coverImage"] == {"alt": described.description}
    described.description = ""
    committed(described.save)
    assert graphql(query, path=path)["data"]["page"]["coverImage"] == {"alt": ""}
