"""Small types shared across the schema."""

from collections.abc import Iterable, Mapping
from enum import Enum

import strawberry


@strawberry.type(description="A link to a page of the site, in the requested locale.")
class Link:
    title: str = strawberry.field(description="The linked page's title.")
    url: str = strawberry.field(description="Frontend path with the locale prefix, e.g. /en/charter/.")


@strawberry.type(description="A year and, when known, a month.")
class YearMonth:
    year: int = strawberry.field(description="Four-digit year.")
    month: int | None = strawberry.field(description="1-12, or null when the source gives only the year.")


def year_month(year: int | None, month: int | None) -> YearMonth | None:
    return YearMonth(year=year, month=month) if year else None


def code_enum(name: str, codes: Iterable[str] | Mapping[str, str], description: str) -> type[Enum]:
    """A GraphQL enum of a fixed set of the domain's codes (an editor's choices, a model's), each value named as
    the code itself (`city`, `pending_review`, `REQUIRED`): a client's data stays the strings it was before the
    field was an enum, only its type is exact. With a mapping, each code has its description."""
    described = codes if isinstance(codes, Mapping) else dict.fromkeys(codes)
    values = {str(code): strawberry.enum_value(str(code), description=help) for code, help in described.items()}
    return strawberry.enum(Enum(name, values), description=description)


def known_code(enum: type[Enum], code: str) -> Enum | None:
    """The enum value of a stored code, or None for one no longer in the set (a choice editors made before it was
    taken off the list): the caller leaves its item out rather than fail the whole answer."""
    try:
        return enum(code)
    except ValueError:
        return None
