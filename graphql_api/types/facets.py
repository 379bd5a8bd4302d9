"""Facet values of the public lists (story facets, endorsement counters): one shape, one order."""

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from enum import Enum

import strawberry
from wagtail.models import Locale

from campaign.catalogue.filters import UnknownFilterValues, by_count, checked_filters

from ..errors import ApiError
from . import taxonomy
from .taxonomy import Term, localized_country


@strawberry.enum(description="How facet values are listed.")
class FacetOrder(Enum):
    COUNT = strawberry.enum_value("COUNT", description="The most frequent first, ties by value.")
    CHARTER = strawberry.enum_value(
        "CHARTER",
        description="As the site orders the dimension: principles and priorities by number, years from the "
        "oldest, scopes from local to global, regions, themes and engagement types as their terms are listed, "
        "countries by name.",
    )


@strawberry.type(description="A facet value with its label in the requested locale and its count.")
class FacetValue:
    value: str
    label: str
    count: int = strawberry.field(description="Stories it would give, under the other active filters.")
    number: int | None = strawberry.field(
        default=None,
        description="The value as a number for the numeric dimensions (principles, action priorities, years); "
        "null for the others, whose values are codes.",
    )


def facet_values(counter: Counter, label: Callable, order: Callable | None = None) -> list[FacetValue]:
    """By count (by_count), or by `order`, a sort key of a value."""
    items = by_count(counter) if order is None else sorted(counter.items(), key=lambda item: order(item[0]))
    return [
        FacetValue(value=str(value), label=label(value), count=count, number=value if isinstance(value, int) else None)
        for value, count in items
    ]


def by_number(value: int) -> tuple:
    return (value,)


def by_position(listed: list) -> Callable:
    """The sort key of a value's position in `listed`; values it lacks (a term since deleted) last, by value."""
    positions = {value: index for index, value in enumerate(listed)}
    return lambda value: (positions.get(value, len(positions)), str(value))


def term_label(terms: Mapping[str, Term]) -> Callable[[str], str]:
    """A code's label in the request's locale; the code itself when no term has it (a term since deleted)."""
    return lambda code: terms[code].label if code in terms else code


def country_label(locale: Locale) -> Callable[[str], str]:
    return lambda code: localized_country(code, locale).name


def checked(info: strawberry.Info, locale: Locale, wanted: Mapping[str, Iterable | None], values_for) -> dict[str, set]:
    """A list's filters checked by the domain's rule (`values_for`: campaign.catalogue.filters), with the taxonomy
    terms this request has already read; an unknown value answers INVALID_INPUT."""
    allowed = values_for(codes=lambda model: taxonomy.terms(info, model, locale))
    try:
        return checked_filters(wanted, allowed)
    except UnknownFilterValues as error:
        raise ApiError(str(error), "INVALID_INPUT") from None
