"""Small types shared across the schema."""

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
