"""`grow_demo_content`: up to N stories and M approved endorsements, idempotently, shaped like the real ones."""

import io

import pytest
from django.core.management import CommandError, call_command

from campaign.endorsements.public import approved
from campaign.models import CityStoryPage

pytestmark = pytest.mark.django_db

LIST = """query($locale: String) { cityStories(locale: $locale, limit: 100, order: OLDEST) { totalCount
  items { title isFallback cities { name } principles { number } themes { code } coverImage { id } } } }"""


def grow(**totals) -> str:
    out = io.StringIO()
    call_command("grow_demo_content", *[f"--{name}={n}" for name, n in totals.items()], stdout=out)
    return out.getvalue()


def french_stories() -> int:
    return CityStoryPage.objects.filter(locale__language_code="fr").count()


def test_it_grows_to_the_totals_and_a_second_run_adds_nothing(graphql):
    real = french_stories()
    endorsed = approved().count()
    grow(stories=real + 3, endorsements=endorsed + 5)
    assert french_stories() == real + 3
    assert approved().count() == endorsed + 5
    grow(stories=real + 3, endorsements=endorsed + 5)
    assert french_stories() == real + 3 and approved().count() == endorsed + 5
    for code in ("en", "es"):
        assert CityStoryPage.objects.filter(locale__language_code=code).count() == real + 3


def test_generated_stories_are_served_in_every_locale_classified_like_real_ones(graphql):
    real = french_stories()
    grow(stories=real + 4)
    for locale in ("fr", "en", "es"):
        stories = graphql(LIST, locale=locale)["data"]["cityStories"]
        assert stories["totalCount"] == real + 4
        generated = [item for item in stories["items"] if item["title"].endswith(")") and ": " in item["title"]]
        assert len(generated) >= 4
        for item in generated:
            assert item["cities"] and item["principles"] and item["themes"] and item["coverImage"]
            assert item["isFallback"] is (locale != "fr")


def test_a_smaller_total_removes_nothing():
    real = french_stories()
    assert "0 stories" in grow(stories=1)
    assert french_stories() == real


def test_negative_totals_are_refused():
    with pytest.raises(CommandError, match="zero or more"):
        grow(stories=-1)
