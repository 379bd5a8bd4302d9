"""An editor in the French admin features the Lampedusa story on the home page: the chooser lists only the French
story, says so in its title, and the home page publishes with it (campaign.i18n.choosers)."""

import json
import re

from .conftest import FRENCH_EDITOR

HOME = """{ page(path: "/fr/") { id ... on HomePage { featuredStories { title } } } }"""
LAMPEDUSA = """
import json
from campaign.models import CityStoryPage
stories = CityStoryPage.objects.filter(slug__startswith="lampedusa-", live=True)
print(json.dumps({story.locale.language_code: story.title for story in stories}))
"""


def lampedusa_titles(servers) -> dict[str, str]:
    """The Lampedusa story's title in each language, as the loaded content has it."""
    return json.loads(servers.manage("shell", "-v", "0", "-c", LAMPEDUSA).strip().splitlines()[-1])


def test_the_featured_stories_chooser_lists_only_the_french_story_and_publishes(page, servers, log_in, shot):
    titles = lampedusa_titles(servers)
    assert set(titles) == {"fr", "en", "es"}, "the story has an English and a Spanish copy to leave out"
    assert len(set(titles.values())) == 3
    home = servers.graphql(HOME)["page"]
    assert titles["fr"] not in [story["title"] for story in home["featuredStories"]]

    log_in(FRENCH_EDITOR)
    page.goto(f"{servers.cms}/admin/pages/{home['id']}/edit/")
    featured = len(home["featuredStories"])
    page.locator("#id_featured_stories-ADD").click()
    page.locator(f"#id_featured_stories-{featured}-story-chooser [data-chooser-action-choose]").first.click()

    chooser = page.locator(".modal-content")
    chooser.get_by_role("heading", name="Choisir une page (Français)").wait_for()
    chooser.locator("input[name=q]").fill("Lampedusa")
    results = chooser.locator("a[data-chooser-modal-choice]")
    results.filter(has_text=titles["fr"]).wait_for()
    chooser.locator("tbody tr").nth(5).wait_for(state="detached")  # the search has narrowed the list
    shot(page, "chooser-lists-the-french-story")
    found = results.all_inner_texts()
    assert titles["fr"] in found and all("Lampedusa" in title for title in found), found
    assert titles["es"] not in chooser.inner_text() and titles["en"] not in chooser.inner_text()

    results.filter(has_text=titles["fr"]).click()
    chooser.wait_for(state="detached")
    page.get_by_role("button", name=re.compile("^Plus d.actions$")).click()
    page.get_by_role("button", name="Publier", exact=True).click()
    page.get_by_text(re.compile("publiée")).first.wait_for()
    shot(page, "home-published")

    featured_now = [story["title"] for story in servers.graphql(HOME)["page"]["featuredStories"]]
    assert featured_now[-1] == titles["fr"]
