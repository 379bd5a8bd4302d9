"""The CSV/XLSX export of a listing, and the inspect page, as their reader expects them: in their admin language,
times in their time zone.

Wagtail exports the raw values (`pending_review`, `city`, `True`, UTC times with microseconds) and, for CSV,
writes the file after the view has returned, when the admin's language and time zone are no longer active. Here
every column is turned into what the listing shows, by what kind of model field it is, not column by column:
a choice becomes its label, a country its name, a boolean Yes/No, a date and time the moderator's local time to
the second (what Wagtail's admin shows them: their profile's time zone, else the site's TIME_ZONE); the UCLG
region, a code without Django choices, its label from the region snippets. Headings and values are rendered in the
language and time zone the request had. The inspect page shows the same values (EndorsementInspectView), its dates
in the admin's long format.
"""

import datetime
from typing import Any

from django.db import models
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country

from campaign.endorsements.form import region_choices


class LocalizedExportMixin:
    """For a listing view with Wagtail's SpreadsheetExportMixin (list_export of model fields)."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Wagtail's admin activates the user's language and time zone around the view, not around the streaming.
        self.export_language = translation.get_language()
        self.export_time_zone = timezone.get_current_timezone()

    @cached_property
    def value_labels(self) -> dict[str, dict[str, str]]:
        with translation.override(self.export_language):
            return coded_labels()

    def get_heading(self, queryset, field):
        with translation.override(self.export_language):
            return super().get_heading(queryset, field)

    def to_row_dict(self, item):
        with translation.override(self.export_language), timezone.override(self.export_time_zone):
            return {name: self.localized_value(item, name) for name in self.list_export}

    def localized_value(self, item: models.Model, name: str) -> Any:
        value = getattr(item, name)
        if name in self.value_labels:
            return self.value_labels[name].get(value, value)
        return localized(item._meta.get_field(name), value)


def coded_labels() -> dict[str, dict[str, str]]:
    """Labels, in the active language, of the coded fields that have no Django choices."""
    return {"region": {code: str(label) for code, label in region_choices() if code}}


def localized(field: models.Field, value: Any) -> Any:
    """`value` of `field` as the admin shows it, in the active language and time zone. Numbers stay numbers and
    times stay times (XLSX formats them as dates), without microseconds."""
    if value is None:
        return ""
    if isinstance(value, Country):
        return str(value.name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(microsecond=0, tzinfo=None)
    return value
