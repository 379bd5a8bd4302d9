"""Facet values of the public lists (story facets, endorsement counters): one shape, one order."""

from collections import Counter
from collections.abc import Callable, Iterable, Mapping

import strawberry
from wagtail.models import Locale

from campaign.catalogue.filters import UnknownFilterValues, by_count, checked_filters

from ..errors import ApiError
from . import taxonomy
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


def checked(info: strawberry.Info, locale: Locale, wanted: Mapping[str, Iterable | None], values_for) -> dict[str, set]:
    """A list's filters checked by the domain's rule (`values_for`: campaign.catalogue.filters), with the taxonomy
    terms this request has already read; an unknown value answers INVALID_INPUT."""
    allowed = values_for(codes=lambda model: taxonomy.terms(info, model, locale))
    try:
        return checked_filters(wanted, allowed)
    except UnknownFilterValues as error:
        raise ApiError(str(error), "INVALID_INPUT") from None
