"""CSV exports of the admin with no formula in them.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's list; also `|`, `%` and the
full-width forms some spreadsheet locales read as the same operators) is run as a formula when the file is opened
in a spreadsheet program: an endorser's institution name such as `=HYPERLINK(…)` would then act on the
moderator's machine. Wagtail's XLSX export already writes such values as text; its CSV export writes them as they
are, for every listing and report that exports (snippets, the site history, page reports). `neutralised` prefixes
them with an apostrophe, the convention spreadsheet programs show as "text"; `write_csv_row` replaces the mixin's
own, so that every CSV export of the admin goes through it, whatever view it belongs to. The library defusedcsv
does the same for fewer characters (not tab or carriage return).
"""

from typing import Any

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = frozenset("=+-@\t\r|%＝＋－＠")


def neutralised(value: Any) -> Any:
    """`value` as a spreadsheet program will show it, never evaluate it; numbers and empty values unchanged."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def write_csv_row(self: SpreadsheetExportMixin, writer, row_dict: dict) -> str:
    return writer.writerow(
        {
            field: neutralised(self.preprocess_field_value(field, value, self.FORMAT_CSV))
            for field, value in row_dict.items()
        }
    )


def neutralise_csv_exports() -> None:
    """Called once at start-up (campaign.wagtail_hooks), before any export can run."""
    SpreadsheetExportMixin.write_csv_row = write_csv_row
