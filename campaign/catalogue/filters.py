"""What the public lists (city stories, endorsements) may be filtered by, and how their facet values are ordered.

A filter value outside what exists is the client's mistake (a typo, a stale link), so it is refused by name rather
than answered with an empty list. Numbers are checked against the models' own validators, so a principle, a
priority or a year range is stated once, on its field.
"""

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from functools import partial

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Model
from django_countries import countries

from campaign.catalogue.taxonomy import ActionPriority, EngagementType, Region, Theme
from campaign.endorsements.choices import Kind
from campaign.pages.charter import PrinciplePage
from campaign.pages.stories import CityStoryPage, Scope


class UnknownFilterValues(ValueError):
    def __init__(self, dimension: str, values: Iterable):
        super().__init__(f"Unknown {dimension} in filter: {', '.join(map(str, values))}.")


def validated_range(model: type[Model], field_name: str) -> range:
    """The integers a field's Min/MaxValueValidators accept."""
    validators = model._meta.get_field(field_name).validators
    low = max(v.limit_value for v in validators if isinstance(v, MinValueValidator))
    high = min(v.limit_value for v in validators if isinstance(v, MaxValueValidator))
    return range(low, high + 1)


def taxonomy_codes(model: type[Model]) -> set[str]:
    """The codes of a taxonomy (synchronised across locales: the French rows name them all)."""
    return set(model.objects.values_list("code", flat=True).distinct())


def country_codes() -> set[str]:
    return set(countries.countries)


Codes = Callable[[type[Model]], Collection[str]]


def story_filter_values(codes: Codes = taxonomy_codes) -> dict[str, Callable[[], Collection]]:
    """Per dimension of the story list, what gives the values it accepts: read only for the dimensions a request
    filters by. `codes` reads a taxonomy's codes; the API passes the terms it has already read for the request."""
    return {
        "scopes": lambda: set(Scope.values),
        "countries": country_codes,
        "regions": partial(codes, Region),
        "principles": partial(validated_range, PrinciplePage, "number"),
        "action_priorities": partial(validated_range, ActionPriority, "number"),
        "engagement_types": partial(codes, EngagementType),
        "themes": partial(codes, Theme),
        "years": partial(validated_range, CityStoryPage, "period_start_year"),
    }


def endorsement_filter_values(codes: Codes = taxonomy_codes) -> dict[str, Callable[[], Collection]]:
    return {"countries": country_codes, "regions": partial(codes, Region), "kinds": lambda: set(Kind.values)}


STORY_DIMENSIONS = tuple(story_filter_values())
ENDORSEMENT_DIMENSIONS = tuple(endorsement_filter_values())


def checked_filters(
    wanted: Mapping[str, Iterable | None], allowed: Mapping[str, Callable[[], Collection]]
) -> dict[str, set]:
    """The filters asked for (None: not filtered), each value checked against what `allowed` gives."""
    filters = {}
    for dimension, values in wanted.items():
        if values is None:
            continue
        known = allowed[dimension]()
        unknown = [value for value in values if value not in known]
        if unknown:
            raise UnknownFilterValues(dimension, unknown)
        filters[dimension] = set(values)
    return filters


def by_count(counter: Counter) -> list[tuple]:
    """Facet values, the most frequent first, ties by value: the same order for stories and endorsements."""
    return sorted(counter.items(), key=lambda item: (-item[1], str(item[0])))
