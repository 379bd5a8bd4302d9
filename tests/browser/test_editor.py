"""An editor writes a city story in the admin, previews it in the frontend, publishes it, and the API serves it."""

import re
from urllib.parse import parse_qs, urlparse

from PIL import Image

TITLE = "Lampedusa, une île qui accueille"
SUMMARY = "Sur l'île, habitants et élus organisent l'accueil des personnes arrivées par la mer."
QUOTE = "Personne ne doit être laissé seul sur le quai."
QUOTED = "Maire de Lampedusa"
ALT = "Le port de Lampedusa au lever du jour, bateaux de pêche à quai"
PREVIEW = """query ($token: String!) { preview(token: $token) { title ... on CityStoryPage { quote { text } } } }"""
STORIES = """query ($locale: String!, $title: String!) {
  cityStories(locale: $locale, filter: {search: $title}, limit: 5) {
    items { title locale contentLocale isFallback url summary coverImage { rendition(spec: "fill-400x225") { url } }
            quote { text author } cities { name } }
  }
}"""


def a_photo(folder) -> str:
    path = folder / "port-de-lampedusa.jpg"
    Image.new("RGB", (1600, 900), (22, 94, 131)).save(path, quality=85)
    return str(path)


def story_in(servers, locale: str) -> dict | None:
    items = servers.graphql(STORIES, locale=locale, title=TITLE)["cityStories"]["items"]
    return next((item for item in items if item["title"] == TITLE), None)


def open_city_stories(page, servers) -> None:
    """The section's page listing, as the editor's bookmark opens it."""
    index = servers.graphql('{ page(path: "/fr/histoires/") { id title } }')["page"]
    assert index["title"] == "Histoires de villes"
    page.goto(f"{servers.cms}/admin/pages/{index['id']}/")


def save_draft(page, title: str) -> None:
    """Save draft, as editors do, and wait for Wagtail to say so.

    Wagtail's autosave may have created the page while the editor was typing: Save draft then updates it.
    """
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text(re.compile(f"Page '{re.escape(title)}' (created|has been updated)\\.")).wait_for()


def upload_cover(page, photo: str) -> None:
    page.get_by_role("button", name="Choose an image").click()
    chooser = page.locator(".modal-content")
    chooser.get_by_role("tab", name="Upload").click()
    chooser.locator("input[type=file]").set_input_files(photo)
    chooser.get_by_label("Title").fill("Le port de Lampedusa")
    chooser.get_by_label("Description").fill(ALT)
    chooser.get_by_role("button", name="Upload").click()
    chooser.wait_for(state="detached")


def test_an_editor_creates_previews_and_publishes_a_city_story(page, servers, log_in, shot, tmp_path):
    log_in("editor")
    shot(page, "dashboard", doc="editors-dashboard")

    open_city_stories(page, servers)
    shot(page, "city-stories", doc="editors-city-stories")
    page.get_by_role("link", name="Add child page").first.click()
    page.wait_for_load_state("networkidle")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_title").press("Tab")
    page.locator("#id_summary").fill(SUMMARY)
    counter = page.locator("#id_summary + .campaign-length-counter")
    assert counter.text_content() == f"{len(SUMMARY)} / 400", "the summary's limit shows as the editor types"
    upload_cover(page, a_photo(tmp_path))
    page.locator("#id_quote_text").fill(QUOTE)
    page.locator("#id_quote_author").fill(QUOTED)
    page.get_by_label("Athènes (GR)").check()  # where the story happens: on the tab the editor starts on
    shot(page, "content-tab", doc="editors-new-story")
    page.get_by_role("tab", name="Details").click()
    shot(page, "details-tab", doc="editors-details")

    save_draft(page, TITLE)
    assert story_in(servers, "fr") is None, "a draft is not public"

    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    preview.get_by_role("heading", name=TITLE).wait_for()
    preview.get_by_text(f"{QUOTE} — {QUOTED}").wait_for()
    cover = preview.get_by_role("img", name=ALT)
    assert cover.evaluate("image => image.decode().then(() => image.naturalWidth)") == 800
    shot(page, "preview", doc="editors-preview")
    frame_url = next(frame.url for frame in page.frames if frame.url.startswith(servers.frontend))
    token = parse_qs(urlparse(frame_url).query)["token"][0]
    assert servers.graphql(PREVIEW, token=token)["preview"] == {"title": TITLE, "quote": {"text": QUOTE}}

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text(re.compile(f"Page '{re.escape(TITLE)}' .*published")).wait_for()
    shot(page, "published", doc="editors-published")

    french = story_in(servers, "fr")
    assert french["isFallback"] is False and french["summary"] == SUMMARY
    assert french["quote"] == {"text": QUOTE, "author": QUOTED}
    assert french["cities"][0]["name"] == "Athènes"
    assert french["coverImage"]["rendition"]["url"].endswith(".jpg")
    for locale in ("en", "es"):
        fallback = story_in(servers, locale)
        assert fallback["isFallback"] is True and fallback["contentLocale"] == "fr", locale
        assert fallback["url"].startswith(f"/{locale}/"), fallback["url"]
