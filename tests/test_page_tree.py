"""Editors can only build a sensible tree: each page type goes where the site's structure expects it."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from campaign.models import (
    CampaignPage,
    CharterChapterPage,
    CharterPage,
    CityStoryIndexPage,
    CityStoryPage,
    EndorsePage,
    HomePage,
    MilestonePage,
    PrinciplePage,
    StandardPage,
    TimelinePage,
)


class TestTreeRules(WagtailPageTestCase):
    def test_home_holds_the_sections(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {CharterPage, TimelinePage, CityStoryIndexPage, CampaignPage, EndorsePage, StandardPage},
        )

    def test_home_pages_sit_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_charter_holds_chapters_and_principles(self):
        self.assertAllowedSubpageTypes(CharterPage, {CharterChapterPage, PrinciplePage})
        self.assertAllowedParentPageTypes(PrinciplePage, {CharterPage})
        self.assertAllowedParentPageTypes(CharterChapterPage, {CharterPage})

    def test_milestones_live_in_the_timeline(self):
        self.assertAllowedSubpageTypes(TimelinePage, {MilestonePage})
        self.assertAllowedParentPageTypes(MilestonePage, {TimelinePage})

    def test_stories_live_in_the_stories_index(self):
        self.assertAllowedSubpageTypes(CityStoryIndexPage, {CityStoryPage})
        self.assertAllowedParentPageTypes(CityStoryPage, {CityStoryIndexPage})

    def test_leaf_pages_have_no_children(self):
        for model in (CharterChapterPage, PrinciplePage, MilestonePage, CityStoryPage, EndorsePage):
            self.assertAllowedSubpageTypes(model, set())

    def test_a_story_cannot_be_created_under_the_home_page(self):
        self.assertCanNotCreateAt(HomePage, CityStoryPage)


@pytest.mark.django_db
@pytest.mark.parametrize("model", [CharterPage, TimelinePage, CityStoryIndexPage, CampaignPage, EndorsePage])
def test_a_home_page_has_only_one_of_each_section(model):
    home = HomePage.objects.get(locale__language_code="fr")
    assert not model.can_create_at(home), f"a second {model.__name__} could be added to the home page"
