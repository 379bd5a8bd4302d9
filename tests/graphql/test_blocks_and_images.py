"""Bodies as typed blocks, rich-text links in the reader's locale, and renditions from the allow-list only."""

import pytest
from wagtail.rich_text import RichText

from campaign.models import CharterChapterPage, PrinciplePage, StandardPage

pytestmark = pytest.mark.django_db

BODY = """
query ($path: String!) {
  page(path: $path) {
    ... on CharterChapterPage { body { __typename ... on CommitmentsBlock { id verb items } } }
    ... on StandardPage { body { __typename ... on ParagraphBlock { id html } } }
    ... on HomePage { body { __typename ... on CallToActionBlock { title url } } }
  }
}
"""


def test_the_commitments_chapter_lists_43_commitments_in_every_language(graphql):
    for path in ("/fr/charte/engagements/", "/en/charter/commitments/", "/es/carta/compromisos/"):
        blocks = graphql(BODY, path=path)["data"]["page"]["body"]
        lists = [block for block in blocks if block["__typename"] == "CommitmentsBlock"]
        assert [len(block["items"]) for block in lists] == [5, 8, 5, 12, 13], path
        assert all(block["id"] for block in lists)


def test_calls_to_action_point_at_pages_in_the_readers_locale(graphql):
    blocks = graphql(BODY, path="/es/")["data"]["page"]["body"]
    urls = {block["url"] for block in blocks if block["__typename"] == "CallToActionBlock"}
    assert {"/es/carta/", "/es/historias/", "/es/adherir/"} <= urls


def test_rich_text_links_go_to_the_frontend_in_the_same_locale_and_never_to_drafts(graphql):
    about = StandardPage.objects.get(locale__language_code="fr", slug="a-propos")
    principle = PrinciplePage.objects.get(locale__language_code="fr", number=1)
    chapter = CharterChapterPage.objects.get(locale__language_code="fr", number=2)
    chapter.unpublish()
    about.body = [
        (
            "paragraph",
            RichText(
                f'<p><a linktype="page" id="{principle.pk}">Dignité</a> et '
                f'<a linktype="page" id="{chapter.pk}">vision</a></p>'
            ),
        )
    ]
    about.save_revision().publish()

    blocks = graphql(BODY, path="/fr/a-propos/")["data"]["page"]["body"]
    html = blocks[0]["html"]
    assert '<a href="/fr/charte/dignite/">Dignité</a>' in html
    assert "<a>vision</a>" in html, "a link to an unpublished page keeps its text but loses its address"


STORY_IMAGE = """
query ($spec: String!, $format: ImageFormat, $widths: [Int!]!) {
  page(path: "/en/stories/milan-first-steps/") {
    ... on CityStoryPage {
      coverImage { width height rendition(spec: $spec, format: $format) { url width height } srcset(widths: $widths) }
    }
  }
}
"""


def test_a_rendition_from_the_allow_list_is_created_once_and_reused(graphql):
    from wagtail.images.models import Rendition

    first = graphql(STORY_IMAGE, spec="fill-400x225", format="WEBP", widths=[320, 640])["data"]["page"]
    count = Rendition.objects.count()
    second = graphql(STORY_IMAGE, spec="fill-400x225", format="WEBP", widths=[320, 640])["data"]["page"]
    assert first == second and Rendition.objects.count() == count
    rendition = first["coverImage"]["rendition"]
    assert (rendition["width"], rendition["height"]) == (400, 225)
    assert rendition["url"].startswith("http") and rendition["url"].endswith(".webp")
    assert first["coverImage"]["srcset"].count("w,") == 1 and first["coverImage"]["srcset"].endswith(" 640w")


def test_an_avif_rendition_is_a_real_avif_file(graphql):
    from wagtail.images.models import Rendition

    body = graphql(STORY_IMAGE, spec="fill-400x225", format="AVIF", widths=[320])
    rendition = body["data"]["page"]["coverImage"]["rendition"]
    assert rendition["url"].endswith(".avif") and (rendition["width"], rendition["height"]) == (400, 225)
    stored = Rendition.objects.get(file__endswith=rendition["url"].rsplit("/", 1)[1])
    with stored.file.open("rb") as avif:
        assert avif.read(12)[4:12] == b"ftypavif"


def test_without_an_avif_codec_an_avif_rendition_is_a_clear_error(graphql, monkeypatch):
    from PIL import features

    monkeypatch.setattr(features, "check", lambda feature: feature != "avif")
    body = graphql(STORY_IMAGE, spec="fill-400x225", format="AVIF", widths=[320])
    error = body["errors"][0]
    assert error["extensions"]["code"] == "INVALID_INPUT" and "AVIF" in error["message"]


@pytest.mark.parametrize(("spec", "widths"), [("fill-9999x9999", [320]), ("fill-400x225", [321]), ("fill-400x225", [])])
def test_specs_and_widths_outside_the_allow_list_are_invalid_input(graphql, spec, widths):
    body = graphql(STORY_IMAGE, spec=spec, format="ORIGINAL", widths=widths)
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert "Traceback" not in str(body)
