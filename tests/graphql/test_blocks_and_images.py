"""Bodies as typed blocks, rich-text links in the reader's locale, and renditions from the allow-list only."""

import pytest
from wagtail.rich_text import RichText

from campaign.models import CharterPage, CityStoryIndexPage

from ..factories import (
    CharterChapterPageFactory,
    CityStoryPageFactory,
    ImageFactory,
    PrinciplePageFactory,
    StandardPageFactory,
    home,
    section,
    translate,
)

pytestmark = pytest.mark.django_db

BODY = """
query ($path: String!) {
  page(path: $path) {
    ... on StandardPage {
      body { __typename ... on ParagraphBlock { id html } ... on CallToActionBlock { title url } }
    }
  }
}
"""


def test_calls_to_action_point_at_pages_in_the_readers_locale(graphql):
    target = StandardPageFactory(parent=home(), slug="page-cible")
    translate(target, "es", slug="pagina-destino")
    action = {"title": "Lire", "text": "", "button_label": "Lire", "page": target, "url": ""}
    page = StandardPageFactory(parent=home(), slug="appel-a-agir", body=[("call_to_action", action)])
    blocks = graphql(BODY, path=f"/es/{page.slug}/")["data"]["page"]["body"]
    assert [block["url"] for block in blocks if block["__typename"] == "CallToActionBlock"] == ["/es/pagina-destino/"]


def test_rich_text_links_go_to_the_frontend_in_the_same_locale_and_never_to_drafts(graphql):
    charter = section(CharterPage)
    principle = PrinciplePageFactory(parent=charter, slug="dignite-d-essai")
    chapter = CharterChapterPageFactory(parent=charter, number=2)
    chapter.unpublish()
    about = StandardPageFactory(
        parent=home(),
        slug="a-propos-d-essai",
        body=[
            (
                "paragraph",
                RichText(
                    f'<p><a linktype="page" id="{principle.pk}">Dignité</a> et '
                    f'<a linktype="page" id="{chapter.pk}">vision</a></p>'
                ),
            )
        ],
    )

    blocks = graphql(BODY, path=f"/fr/{about.slug}/")["data"]["page"]["body"]
    html = blocks[0]["html"]
    assert f'<a href="/fr/{charter.slug}/dignite-d-essai/">Dignité</a>' in html
    assert "<a>vision</a>" in html, "a link to an unpublished page keeps its text but loses its address"


@pytest.fixture
def story_path():
    """The English address of a story with a cover image of the size the content's placeholders have."""
    story = CityStoryPageFactory(parent=section(CityStoryIndexPage), cover_image=ImageFactory(size=(1200, 675)))
    return f"/en/{section(CityStoryIndexPage, 'en').slug}/{story.slug}/"


STORY_IMAGE = """
query ($path: String!, $spec: String!, $format: ImageFormat, $widths: [Int!]!) {
  page(path: $path) {
    ... on CityStoryPage {
      coverImage { width height rendition(spec: $spec, format: $format) { url width height } srcset(widths: $widths) }
    }
  }
}
"""


def story_image(graphql, story_path: str, **variables) -> dict:
    return graphql(STORY_IMAGE, path=story_path, **variables)


def test_a_rendition_from_the_allow_list_is_created_once_and_reused(graphql, story_path):
    from wagtail.images.models import Rendition

    first = story_image(graphql, story_path, spec="fill-400x225", format="WEBP", widths=[320, 640])["data"]["page"]
    count = Rendition.objects.count()
    second = story_image(graphql, story_path, spec="fill-400x225", format="WEBP", widths=[320, 640])["data"]["page"]
    assert first == second and Rendition.objects.count() == count
    rendition = first["coverImage"]["rendition"]
    assert (rendition["width"], rendition["height"]) == (400, 225)
    assert rendition["url"].startswith("http") and rendition["url"].endswith(".webp")
    assert first["coverImage"]["srcset"].count("w,") == 1 and first["coverImage"]["srcset"].endswith(" 640w")


@pytest.mark.parametrize(
    ("backend_url", "host", "expected"),
    [
        ("", "localhost:8011", "http://localhost:8011/media/"),
        ("", "127.0.0.1:8000", "http://127.0.0.1:8000/media/"),
        ("https://cms.example.org", "localhost:8011", "https://cms.example.org/media/"),
    ],
)
def test_image_urls_use_backend_url_else_the_host_the_request_reached(
    client, settings, story_path, backend_url, host, expected
):
    settings.BACKEND_URL = backend_url
    variables = {"path": story_path, "spec": "fill-400x225", "format": "WEBP", "widths": [320]}
    body = client.post(
        "/graphql/", {"query": STORY_IMAGE, "variables": variables}, content_type="application/json", HTTP_HOST=host
    ).json()
    image = body["data"]["page"]["coverImage"]
    assert image["rendition"]["url"].startswith(expected)
    assert image["srcset"].startswith(expected)


def test_an_avif_rendition_is_a_real_avif_file(graphql, story_path):
    from wagtail.images.models import Rendition

    body = story_image(graphql, story_path, spec="fill-400x225", format="AVIF", widths=[320])
    rendition = body["data"]["page"]["coverImage"]["rendition"]
    assert rendition["url"].endswith(".avif") and (rendition["width"], rendition["height"]) == (400, 225)
    stored = Rendition.objects.get(file__endswith=rendition["url"].rsplit("/", 1)[1])
    with stored.file.open("rb") as avif:
        assert avif.read(12)[4:12] == b"ftypavif"


def test_without_an_avif_codec_an_avif_rendition_is_a_clear_error(graphql, story_path, monkeypatch):
    from PIL import features

    monkeypatch.setattr(features, "check", lambda feature: feature != "avif")
    body = story_image(graphql, story_path, spec="fill-400x225", format="AVIF", widths=[320])
    error = body["errors"][0]
    assert error["extensions"]["code"] == "INVALID_INPUT" and "AVIF" in error["message"]


@pytest.mark.parametrize(("spec", "widths"), [("fill-9999x9999", [320]), ("fill-400x225", [321]), ("fill-400x225", [])])
def test_specs_and_widths_outside_the_allow_list_are_invalid_input(graphql, story_path, spec, widths):
    body = story_image(graphql, story_path, spec=spec, format="ORIGINAL", widths=widths)
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert "Traceback" not in str(body)


def test_a_srcset_never_repeats_a_width_even_above_the_original(graphql, story_path):
    """The cover is 1200 pixels wide: 1200 and 1600 both give it at 1200 (Wagtail never enlarges), once."""
    body = story_image(graphql, story_path, spec="fill-400x225", format="WEBP", widths=[1600, 640, 1200, 1024])
    srcset = body["data"]["page"]["coverImage"]["srcset"]
    descriptors = [candidate.rsplit(" ", 1)[1] for candidate in srcset.split(", ")]
    assert descriptors == ["640w", "1024w", "1200w"]


def spanish_story_path(story_path: str) -> str:
    return story_path.replace("/en/", "/es/", 1).replace(
        section(CityStoryIndexPage, "en").slug, section(CityStoryIndexPage, "es").slug, 1
    )


def refusal(refused: str, spec: str, settings) -> str:
    """The message a refused field gives, as the active language's catalogue has it."""
    from django.utils.translation import gettext

    if refused == "srcset":
        allowed = ", ".join(str(width) for width in settings.IMAGE_SRCSET_WIDTHS)
        return gettext("Widths %(widths)s are not allowed; use some of: %(allowed)s.") % {
            "widths": [321],
            "allowed": allowed,
        }
    return gettext("Rendition spec %(spec)s is not allowed; use one of: %(allowed)s.") % {
        "spec": repr(spec),
        "allowed": ", ".join(settings.IMAGE_RENDITION_SPECS),
    }


@pytest.mark.parametrize(
    ("spec", "widths", "refused", "served"),
    [("fill-400x225", [640, 321], "srcset", "rendition"), ("fill-9999x9999", [640], "rendition", "srcset")],
)
def test_a_refused_spec_or_width_fails_its_field_only_in_the_readers_language(
    graphql, settings, story_path, spec, widths, refused, served
):
    from django.utils import translation

    body = story_image(graphql, spanish_story_path(story_path), spec=spec, format="WEBP", widths=widths)
    cover = body["data"]["page"]["coverImage"]
    assert cover[refused] is None
    assert (cover["width"], cover["height"]) == (1200, 675) and cover[served], "the image's other fields are served"
    [error] = body["errors"]
    assert error["path"] == ["page", "coverImage", refused] and error["extensions"]["code"] == "INVALID_INPUT"
    with translation.override("es"):
        assert error["message"] == refusal(refused, spec, settings)
