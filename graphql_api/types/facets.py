"""Facet values of the public lists (story facets, endorsement counters): one shape, one order."""

from collections import Counter
from collections.abc import Callable

import strawberry

from campaign.catalogue.filters import by_count


@strawberry.type(description="A facet value with its label in the requested locale and its count.")
class FacetValue:
    value: str
    label: str
    count: int = strawberry.field(description="Stories it would give, under the other active filters.")


def facet_values(counter: Counter, label: Callable) -> list[FacetValue]:
    return [FacetValue(value=str(value), label=label(value), count=count) for value, count in by_count(counter)]
