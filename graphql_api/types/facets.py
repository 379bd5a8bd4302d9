"""Facet values of the public lists (story facets, endorsement counters): one shape, one order."""

from collections import Counter
from collections.abc import Callable, Mapping

import strawberry
from wagtail.models import Locale

from campaign.catalogue.filters import by_count

from .taxonomy import Term, country


@strawberry.type(description="A facet value with its label in the requested locale and its count.")
class FacetValue:
    value: str
    label: str
    count: int = strawberry.field(description="Stories it would give, under the other active filters.")


def facet_values(counter: Counter, label: Callable) -> list[FacetValue]:
    return [FacetValue(value=str(value), label=label(value), count=count) for value, count in by_count(counter)]


def term_label(terms: Mapping[str, Term]) -> Callable[[str], str]:
    """A code's label in the request's locale; the code itself when no term has it (a term since deleted)."""
    return lambda code: terms[code].label if code in terms else code


def country_label(locale: Locale) -> Callable[[str], str]:
    return lambda code: country(code, locale).name
