"""A translator changes two segments of a principle's Spanish translation in wagtail-localize's editor and
publishes them; the API serves them in Spanish as a translation, not a fallback."""

import re

PRINCIPLE = """query ($path: String!) {
  page(path: $path) { id title isFallback contentLocale ... on PrinciplePage { theme } }
}"""
TITLE = "Dignidad humana"
THEME = "Dignidad y derechos para todas las personas"


def translate_segment(page, heading: str, text: str) -> None:
    segment = page.locator("li", has=page.get_by_role("heading", name=heading, exact=True)).first
    segment.get_by_role("button", name="Edit").click()
    segment.locator("textarea").fill(text)
    segment.get_by_role("button", name="Save").click()
    segment.get_by_text(text, exact=True).wait_for()


def test_a_translator_translates_two_segments_and_publishes_them(page, servers, log_in, shot):
    before = servers.graphql(PRINCIPLE, path="/es/carta/dignidad/")["page"]
    assert before["title"] != TITLE and before["isFallback"] is False

    log_in("translator")
    page.goto(f"{servers.cms}/admin/pages/{before['id']}/edit/")
    page.get_by_role("button", name="Publish in Español").wait_for()
    shot(page, "translation-editor", doc="translators-editor")

    translate_segment(page, "Title", TITLE)
    translate_segment(page, "Headline theme", THEME)
    shot(page, "two-segments-translated", doc="translators-segments")
    after_saving = servers.graphql(PRINCIPLE, path="/es/carta/dignidad/")["page"]
    assert after_saving["title"] == before["title"], "saved segments stay private until published"

    page.get_by_role("button", name="Publish in Español").click()
    page.get_by_text(re.compile(f"Published '.*{TITLE}' in Español")).wait_for()
    shot(page, "published", doc="translators-published")

    after = servers.graphql(PRINCIPLE, path="/es/carta/dignidad/")["page"]
    assert after == {**before, "title": TITLE, "theme": THEME}
    assert after["isFallback"] is False and after["contentLocale"] == "es"
