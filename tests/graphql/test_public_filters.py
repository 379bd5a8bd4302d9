"""The public lists refuse filter values that do not exist, by name, and accept every value that does: one rule
(campaign.catalogue.filters) for cityStories and endorsements, with number ranges read from the models' validators."""

import pytest
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone

from campaign.catalogue.filters import UnknownFilterValues, checked_filters, story_filter_values, validated_range
from campaign.endorsements.choices import Kind
from campaign.models import PrinciplePage, Region
from tests.factories import make_endorsement

pytestmark = pytest.mark.django_db

ENDORSEMENTS = """
query ($filter: EndorsementFilter) { endorsements(filter: $filter) { totalCount items { institutionName } } }
"""
STORIES = "query ($filter: CityStoryFilter) { cityStories(filter: $filter) { totalCount } }"


@pytest.mark.parametrize(
    "wanted",
    [{"countries": ["ZZ"]}, {"regions": ["atlantis"]}, {"kinds": ["kingdom"]}, {"countries": ["FR", "QQ"]}],
)
def test_an_unknown_endorsement_filter_value_is_invalid_input_naming_it(graphql, wanted):
    body = graphql(ENDORSEMENTS, filter=wanted)
    error = body["errors"][0]
    assert error["extensions"]["code"] == "INVALID_INPUT"
    unknown = [value for values in wanted.values() for value in values if value not in {"FR"}]
    assert all(value in error["message"] for value in unknown)


def test_every_existing_endorsement_filter_value_is_accepted(graphql):
    make_endorsement(
        "Ville Filtrée", status="approved", approved_at=timezone.now(), country="SN", region="africa", kind="region"
    )
    every = {
        "countries": ["SN", "FR"],
        "regions": sorted(set(Region.objects.values_list("code", flat=True))),
        "kinds": list(Kind.values),
    }
    body = graphql(ENDORSEMENTS, filter=every)
    assert "errors" not in body
    assert "Ville Filtrée" in [item["institutionName"] for item in body["data"]["endorsements"]["items"]]


def bounds(model, field_name) -> tuple[int, int]:
    validators = model._meta.get_field(field_name).validators
    low = next(v.limit_value for v in validators if isinstance(v, MinValueValidator))
    high = next(v.limit_value for v in validators if isinstance(v, MaxValueValidator))
    return low, high


def test_number_ranges_are_the_fields_validators():
    low, high = bounds(PrinciplePage, "number")
    assert validated_range(PrinciplePage, "number") == range(low, high + 1)


@pytest.mark.parametrize(
    ("dimension", "argument"),
    [("principles", "principles"), ("action_priorities", "actionPriorities"), ("years", "years")],
)
def test_a_number_filter_accepts_its_bounds_and_refuses_beyond(graphql, dimension, argument):
    allowed = story_filter_values()[dimension]()
    inside = graphql(STORIES, filter={argument: [allowed[0], allowed[-1]]})
    outside = graphql(STORIES, filter={argument: [allowed[-1] + 1]})
    assert "errors" not in inside
    assert outside["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert str(allowed[-1] + 1) in outside["errors"][0]["message"]


def test_checked_filters_keeps_what_was_asked_and_names_the_first_unknown_dimension():
    allowed = {"kinds": lambda: {"city", "region"}, "regions": lambda: {"europe"}}
    assert checked_filters({"kinds": ["city"], "regions": None}, allowed) == {"kinds": {"city"}}
    with pytest.raises(UnknownFilterValues, match="Unknown regions in filter: mars"):
        checked_filters({"kinds": ["city"], "regions": ["mars", "europe"]}, allowed)


def test_a_dimension_not_filtered_is_not_read():
    def never():
        raise AssertionError("read although not filtered")

    assert checked_filters({"kinds": None}, {"kinds": never}) == {}
