"""The campaign content as shipped: the whole charter, its milestones, the stories, the taxonomies.

These tests check the shipped content on purpose and change with it; tests of behaviour build their own objects
with tests/factories.py."""

import pytest
from wagtail.models import Locale, Page

from campaign.models import (
    ActionPriority,
    CampaignPage,
    CharterChapterPage,
    CharterPage,
    CityStoryPage,
    MilestonePage,
    NavigationMenu,
    PrinciplePage,
)
from campaign.text.footnotes import markers_without_notes, notes_of

pytestmark = pytest.mark.django_db


def french(model):
    return model.objects.filter(locale__language_code="fr")


def test_the_charter_has_seven_principles_of_five_priorities_each_in_order():
    principles = list(french(PrinciplePage).order_by("number"))
    assert [p.number for p in principles] == [1, 2, 3, 4, 5, 6, 7]
    assert [p.title for p in principles][-1] == "Résilience"
    assert all(len(p.priorities) == 5 for p in principles)


def test_the_charter_has_four_chapters_and_43_commitments_in_five_lists():
    chapters = list(french(CharterChapterPage).order_by("number"))
    assert [c.number for c in chapters] == [1, 2, 3, 4]
    lists = [block.value for block in chapters[3].body if block.block_type == "commitments"]
    assert [len(value["items"]) for value in lists] == [5, 8, 5, 12, 13]


def test_the_charter_lists_52_contributors_and_17_partners():
    charter = french(CharterPage).get()
    assert len(charter.contributors) == 52
    assert len(charter.partners) == 17
    assert len({block.value for block in charter.partners}) == 17


def test_twelve_milestones_in_chronological_order():
    milestones = list(french(MilestonePage).order_by("sort_key"))
    assert len(milestones) == 12
    dates = [(m.year, m.month) for m in milestones]
    assert dates == sorted(dates)
    assert (2021, 12) in dates and (2022, 10) in dates


def test_80_stories_each_placed_on_the_map_or_scoped_and_classified():
    """52 actions and 5 case studies, and the 23 actions printed only inside the priority sections of 003."""
    stories = list(french(CityStoryPage).prefetch_related("cities", "action_priorities", "principles", "themes"))
    assert len(stories) == 80
    assert sum(story.kind == "case_study" for story in stories) == 5
    assert sum(len(story.cities.all()) == 2 for story in stories) == 3, "three joint actions"
    for story in stories:
        if story.scope == "local":
            assert story.cities.all(), story.slug
            assert all(c.latitude is not None and c.longitude is not None for c in story.cities.all()), story.slug
        else:
            assert not story.cities.all(), story.slug
        assert story.action_priorities.all() and story.principles.all() and story.themes.all(), story.slug
    assert sum(story.scope != "local" for story in stories) == 10
    assert sum(story.report_priority_id is not None for story in stories) == 30


def test_every_story_has_a_placeholder_cover_marked_as_such():
    for story in french(CityStoryPage).select_related("cover_image"):
        assert story.cover_image is not None, story.slug
        assert story.cover_image.title.startswith("Image provisoire"), story.slug
        assert (story.cover_image.width, story.cover_image.height) == (1200, 675)


def test_the_eight_priorities_of_the_call_to_local_action():
    priorities = list(french(ActionPriority))
    assert [p.number for p in priorities] == list(range(1, 9))
    assert all(p.sdgs for p in priorities)


def test_the_campaign_launched_in_december_2021():
    campaign = french(CampaignPage).get()
    assert (campaign.launch_year, campaign.launch_month) == (2021, 12)
    assert "#NotABorderTale" in campaign.hashtags


@pytest.mark.parametrize(
    ("code", "charter_slug", "principle_slug"), [("en", "charter", "dignity"), ("es", "carta", "dignidad")]
)
def test_the_charter_is_translated_with_translated_slugs(code, charter_slug, principle_slug):
    locale = Locale.objects.get(language_code=code)
    principle = PrinciplePage.objects.get(locale=locale, number=1)
    assert principle.alias_of_id is None and principle.live
    assert principle.slug == principle_slug
    assert principle.get_parent().slug == charter_slug
    source = french(PrinciplePage).get(number=1)
    assert principle.title != source.title
    assert [b.value for b in principle.priorities] != [b.value for b in source.priorities]


@pytest.mark.parametrize("code", ["en", "es"])
def test_every_story_is_translated(code):
    locale = Locale.objects.get(language_code=code)
    stories = CityStoryPage.objects.filter(locale=locale)
    assert (
        stories.filter(alias_of__isnull=True).live().count()
        == CityStoryPage.objects.filter(locale__language_code="fr").count()
    )
    assert not stories.filter(alias_of__isnull=False).exists()


@pytest.mark.parametrize("code", ["en", "es"])
def test_navigation_is_translated(code):
    menu = NavigationMenu.objects.get(locale__language_code=code, handle="main")
    source = NavigationMenu.objects.get(locale__language_code="fr", handle="main")
    assert [item.value["title"] for item in menu.items] != [item.value["title"] for item in source.items]


def test_every_page_that_shows_a_footnote_marker_shows_its_note():
    pages = list(Page.objects.live().specific())
    assert len(pages) > 300
    assert {page.pk: markers_without_notes(page) for page in pages if markers_without_notes(page)} == {}
    community, resilience = (PrinciplePage.objects.get(locale__language_code="en", number=number) for number in (6, 7))
    assert (notes_of(community), notes_of(resilience)) == ({"1"}, {"2"})
    assert notes_of(CharterPage.objects.get(locale__language_code="fr")) == set()
