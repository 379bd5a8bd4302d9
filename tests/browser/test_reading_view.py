"""An editor previews a new story in the reading view the backend renders, in the preview panel, live as they type."""

from PIL import Image
from playwright.sync_api import Error as PlaywrightError

from .test_editor import ALT, SUMMARY, open_city_stories, save_draft, upload_cover

TITLE = "Un quai ouvert à Lampedusa"
RETYPED_SUMMARY = "Le quai rouvert accueille chaque semaine les habitants et les nouveaux arrivants."
# Wagtail's unsaved-changes tracker (which marks the preview stale) takes the form as it is two seconds after the page
# loads as its starting point (sometimes twice, a few milliseconds apart) and says so with this event: an edit made
# before it is part of the starting point, and refreshes nothing.
RECORD_WATCHING = "document.addEventListener('w-unsaved:watch-edits', () => { window.watchedSince = Date.now(); });"
WATCHING_SETTLED = "() => window.watchedSince && Date.now() - window.watchedSince > 500"


def a_new_photo(folder) -> str:
    """A picture of its own: Wagtail asks before uploading one it already has (another test's)."""
    path = folder / "quai-de-lampedusa.jpg"
    Image.new("RGB", (1600, 900), (190, 110, 40)).save(path, quality=85)
    return str(path)


def shows(locator) -> bool:
    """Whether a frame shows what `locator` finds; a frame the panel has just replaced shows nothing.

    Wagtail refreshes the preview panel by loading a new frame and removing the old one: a frame listed a moment ago
    may be gone by the time it is asked.
    """
    try:
        return locator.count() > 0
    except PlaywrightError as error:
        if "detached" in str(error):
            return False
        raise


def a_reading_view_showing(page, *texts: str):
    """The panel's reading view once it shows its main heading and each of `texts`, whichever frame holds them.

    Wagtail loads a new frame when the editor picks a mode and each time it posts the form as the editor types.
    """
    for _ in range(150):
        for frame in page.frames:
            if (
                "mode=reading" in frame.url
                and shows(frame.get_by_role("heading", level=1))
                and all(shows(frame.get_by_text(text)) for text in texts)
            ):
                return frame
        page.wait_for_timeout(200)
    raise AssertionError(f"The preview panel's reading view never showed {texts!r}.")


def test_an_editor_reads_a_new_story_in_the_preview_panel(page, servers, log_in, shot, tmp_path):
    page.add_init_script(RECORD_WATCHING)
    log_in("editor")
    open_city_stories(page, servers)
    page.get_by_role("link", name="Add child page").first.click()
    page.wait_for_load_state("networkidle")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill(SUMMARY)
    upload_cover(page, a_new_photo(tmp_path))
    page.get_by_label("Athènes (GR)").check()
    save_draft(page, TITLE)  # as editors do; never-saved pages: tests/test_reading_view.py

    page.get_by_role("button", name="Toggle preview").click()
    page.frame_locator("#w-preview-iframe").get_by_text("Preview (draft)").wait_for()  # the frontend answers first
    page.get_by_label("Preview mode").select_option(label="Reading view")
    preview = a_reading_view_showing(page, SUMMARY)
    assert preview.get_by_role("heading", level=1, name=TITLE).count() == 1
    cover = preview.get_by_role("img", name=ALT)
    assert cover.evaluate("image => image.decode().then(() => image.naturalWidth)") == 800
    shot(page, "reading-view", doc="editors-reading-view")

    page.wait_for_function(WATCHING_SETTLED)
    page.locator("#id_summary").fill(RETYPED_SUMMARY)
    assert a_reading_view_showing(page, RETYPED_SUMMARY).get_by_role("heading", level=1, name=TITLE).count() == 1
