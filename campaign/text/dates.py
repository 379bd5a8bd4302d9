"""Dates the sources give only in part: a year, a year and a month, or a full date."""

import calendar
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_partial_date(year: int | None, month: int | None, day: int | None = None) -> None:
    if day is not None and month is None:
        raise ValidationError(_("A day needs a month."))
    if day is not None and year is not None and day > calendar.monthrange(year, month)[1]:
        raise ValidationError(_("This month has no day %(day)s."), params={"day": day})


def year_month_key(year: int | None, month: int | None) -> tuple[int, int]:
    """A sortable key where an unknown month sorts before any known month of the same year."""
    return (year or 0, month or 0)


def listing_date(year: int | None, month: int | None, first_published: datetime | None) -> date | None:
    """The date a story is listed by: the start of its action (the 1st of its month, or of January when only the
    year is known), else the day it was first published; None for a draft without a period."""
    if year:
        return date(year, month or 1, 1)
    return first_published.date() if first_published else None
