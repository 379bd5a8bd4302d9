"""An editor previews a story never saved in the reading view the backend renders, live as they type."""

from .test_editor import ALT, SUMMARY, a_photo, open_city_stories, upload_cover

TITLE = "Un quai ouvert à Lampedusa"


def test_an_editor_reads_a_new_story_in_the_preview_panel_as_they_write(page, servers, log_in, shot, tmp_path):
    log_in("editor")
    open_city_stories(page, servers)
    page.get_by_role("link", name="Add child page").first.click()
    page.wait_for_load_state("networkidle")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill(SUMMARY)
    upload_cover(page, a_photo(tmp_path))
    page.get_by_label("Athènes (GR)").check()

    page.get_by_role("button", name="Toggle preview").click()
    page.get_by_label("Preview mode").select_option(label="Reading view")
    preview = page.frame_locator("#w-preview-iframe")
    preview.get_by_role("heading", level=1, name=TITLE).wait_for()
    preview.get_by_text(SUMMARY).wait_for()
    cover = preview.get_by_role("img", name=ALT)
    assert cover.evaluate("image => image.decode().then(() => image.naturalWidth)") == 800
    shot(page, "reading-view", doc="editors-reading-view")

    page.locator("#id_summary").fill(SUMMARY + " Le port reste ouvert la nuit.")
    preview.get_by_text("Le port reste ouvert la nuit.").wait_for()
