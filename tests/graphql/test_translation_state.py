"""Translation states as the API tells them, through every wagtail-localize operation a translator performs.

Each step runs the admin's own views (or wagtail-localize's objects where its editor does) with the change
committed, then sends the *same* query again: the answer must be the new state, never one the response cache kept
from before, and must equal the answer computed afresh with nothing cached.
"""

import io

import pytest
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from campaign.models import CityStoryIndexPage
from campaign.pages.base import frontend_path
from campaign.publishing import generations

from ..factories import CityStoryPageFactory, section

pytestmark = pytest.mark.django_db

STATE = """query ($path: String!, $id: ID!, $query: String!) {
  page(path: $path) {
    title isFallback contentLocale translationStatus
    translationProgress { translatedSegments totalSegments }
    seo { canonicalUrl alternates { locale url } }
    translations { locale translationStatus isFallback title }
  }
  pageById(id: $id, locale: "es") { url title translationStatus }
  cityStories(locale: "es", limit: 100) { items { id title isFallback translationStatus } }
  search(query: $query, locale: "es") { items { id title } }
}"""


@pytest.fixture
def story():
    """A story whose Spanish copy is still an alias of the French page."""
    return CityStoryPageFactory(parent=section(CityStoryIndexPage), title="Une histoire encore en français")


@pytest.fixture
def spanish():
    return Locale.objects.get(language_code="es")


class Visitor:
    """Sends the one query of this module, and checks the cached answer against one computed afresh."""

    def __init__(self, graphql, story):
        self.graphql = graphql
        self.story = story
        self.path = frontend_path(spanish_page(story))

    def ask(self, path: str | None = None) -> dict:
        variables = {"path": path or self.path, "id": str(self.story.pk), "query": self.story.title}
        answer = self.graphql(STATE, **variables)
        assert "errors" not in answer, answer
        generations.forget_all()
        assert self.graphql(STATE, **variables) == answer, "the cached answer lagged behind the change"
        return answer["data"]

    def listed(self, data: dict) -> dict:
        mine = spanish_page(self.story).pk
        return next(item for item in data["cityStories"]["items"] if item["id"] == str(mine))


def spanish_page(story) -> Page:
    return story.get_translation(Locale.objects.get(language_code="es"))


@pytest.fixture
def visitor(graphql, story):
    visitor = Visitor(graphql, story)
    visitor.ask()  # the answer of the untranslated state is now cached
    return visitor


def start_translation(editor_client, committed, story, spanish) -> Translation:
    url = f"/admin/localize/submit/page/{story.pk}/"
    committed(lambda: editor_client.post(url, {"locales": [spanish.pk]}))
    return Translation.objects.get(source__object_id=story.translation_key, target_locale=spanish)


def translate(translation: Translation, text_of) -> None:
    """Translates the segments for which `text_of(source text)` gives a text, as the editor's Save does."""
    segments = StringSegment.objects.filter(source=translation.source).select_related("string", "context")
    for segment in segments:
        text = text_of(segment.string.data)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=translation.target_locale,
                context=segment.context,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )


def publish(committed, translation: Translation) -> None:
    """As the localize editor's "Publish" does."""
    committed(lambda: translation.save_target(publish=True))


def test_an_untranslated_page_is_a_fallback_with_the_original_as_canonical(visitor, story):
    data = visitor.ask()
    assert data["page"]["translationStatus"] == "UNTRANSLATED"
    assert (data["page"]["isFallback"], data["page"]["contentLocale"]) == (True, "fr")
    assert data["page"]["seo"] == {"canonicalUrl": f"http://localhost:3000{frontend_path(story)}", "alternates": []}
    assert data["page"]["translationProgress"] is None


def test_starting_a_translation_keeps_serving_the_french_source(
    visitor, story, spanish, editor_client, committed, sitemap
):
    translation = start_translation(editor_client, committed, story, spanish)
    translate(translation, lambda text: f"ES {text}")  # every segment translated, nothing published

    data = visitor.ask()
    page = data["page"]
    assert (page["translationStatus"], page["isFallback"], page["contentLocale"]) == ("IN_PROGRESS", True, "fr")
    assert page["title"] == story.title
    assert page["seo"]["canonicalUrl"].endswith(frontend_path(story))
    assert visitor.listed(data) == {
        "id": str(spanish_page(story).pk),
        "title": story.title,
        "isFallback": True,
        "translationStatus": "IN_PROGRESS",
    }
    assert data["pageById"]["title"] == story.title
    assert str(spanish_page(story).pk) in {item["id"] for item in data["search"]["items"]}, "found by its French text"
    assert visitor.path not in {entry["url"] for entry in sitemap("es")}
    english = next(item for item in page["translations"] if item["locale"] == "en")
    assert english["translationStatus"] == "UNTRANSLATED"


def test_a_po_upload_without_publishing_changes_nothing_visitors_see(visitor, story, spanish, editor_client, committed):
    translation = start_translation(editor_client, committed, story, spanish)
    before = visitor.ask()
    po = translation.export_po()
    for entry in po:
        entry.msgstr = f"ES {entry.msgid}"
    upload = io.BytesIO(str(po).encode())
    upload.name = "story.po"
    committed(
        lambda: editor_client.post(f"/admin/localize/translate/{translation.pk}/pofile/upload/", {"file": upload})
    )
    assert StringTranslation.objects.filter(locale=spanish, data__startswith="ES ").exists()
    assert visitor.ask() == before


def test_publishing_with_missing_segments_serves_them_in_french(visitor, story, spanish, editor_client, committed):
    translation = start_translation(editor_client, committed, story, spanish)
    translate(translation, lambda text: "Historia traducida" if text == story.title else None)
    publish(committed, translation)

    data = visitor.ask()
    page = data["page"]
    assert (page["translationStatus"], page["isFallback"], page["contentLocale"]) == ("TRANSLATED", False, "es")
    assert page["title"] == "Historia traducida"
    progress = page["translationProgress"]
    assert 1 <= progress["translatedSegments"] < progress["totalSegments"]
    new_path = frontend_path(spanish_page(story))
    assert page["seo"]["canonicalUrl"].endswith(new_path) or new_path == visitor.path
    assert {alternate["locale"] for alternate in page["seo"]["alternates"]} == {"fr", "es", "x-default"}
    assert visitor.listed(data)["translationStatus"] == "TRANSLATED"
    assert spanish_page(story).specific.summary == story.summary, "an untranslated segment stays French"


def test_translating_the_rest_completes_it_and_a_french_change_makes_it_outdated(
    graphql, visitor, story, spanish, editor_client, committed
):
    translation = start_translation(editor_client, committed, story, spanish)
    translate(translation, lambda text: f"ES {text}")
    publish(committed, translation)
    path = frontend_path(spanish_page(story))
    progress = visitor.ask(path)["page"]["translationProgress"]
    assert progress["translatedSegments"] == progress["totalSegments"]

    story.summary = "Un résumé réécrit par l'équipe."
    committed(lambda: story.save_revision().publish())
    data = visitor.ask(path)
    assert (data["page"]["translationStatus"], data["page"]["isFallback"]) == ("OUTDATED", False)
    assert data["page"]["title"] == f"ES {story.title}", "an outdated translation is still served"

    committed(lambda: translation.source.update_from_db())  # "Sync translated pages" without publishing
    assert visitor.ask(path)["page"]["translationStatus"] == "OUTDATED"
    publish(committed, translation)
    assert visitor.ask(path)["page"]["translationStatus"] == "TRANSLATED"


def test_converting_back_to_an_alias_makes_it_untranslated_again(visitor, story, spanish, editor_client, committed):
    translation = start_translation(editor_client, committed, story, spanish)
    translate(translation, lambda text: f"ES {text}")
    publish(committed, translation)
    target = spanish_page(story)
    path = frontend_path(target)
    assert visitor.ask(path)["page"]["translationStatus"] == "TRANSLATED"

    committed(lambda: editor_client.post(f"/admin/localize/page/{target.pk}/convert_to_alias/", {"next": ""}))
    data = visitor.ask(frontend_path(spanish_page(story)))
    assert (data["page"]["translationStatus"], data["page"]["title"]) == ("UNTRANSLATED", story.title)


def test_deleting_a_translation_takes_it_out_of_every_list(visitor, story, spanish, editor_client, committed):
    translation = start_translation(editor_client, committed, story, spanish)
    target = spanish_page(story)
    committed(lambda: translation.delete())
    assert visitor.ask()["page"]["translationStatus"] == "IN_PROGRESS"
    committed(lambda: target.delete())
    data = visitor.ask()
    assert data["page"] is None and data["pageById"] is None
    assert str(target.pk) not in {item["id"] for item in data["cityStories"]["items"]}


def test_every_address_a_page_was_served_at_redirects_to_where_it_is_now(
    graphql, story, spanish, editor_client, committed
):
    old_path = frontend_path(spanish_page(story))
    translation = start_translation(editor_client, committed, story, spanish)
    translate(translation, lambda text: "historia-traducida" if text == story.slug else f"ES {text}")
    publish(committed, translation)
    new_path = frontend_path(spanish_page(story))
    assert new_path != old_path

    answer = graphql(
        "query ($path: String!) { page(path: $path) { url } redirect(path: $path) { url permanent } }", path=old_path
    )["data"]
    assert answer == {"page": None, "redirect": {"url": new_path, "permanent": True}}


def test_unpublishing_the_french_page_hides_a_translation_that_only_served_it(
    visitor, story, spanish, editor_client, committed
):
    start_translation(editor_client, committed, story, spanish)
    assert visitor.ask()["page"]["translationStatus"] == "IN_PROGRESS"
    committed(lambda: story.unpublish())
    data = visitor.ask()
    assert data["page"] is None and data["pageById"] is None
    assert str(spanish_page(story).pk) not in {item["id"] for item in data["cityStories"]["items"]}
