"""Spreadsheet exports of the admin with no formula in them, in CSV and XLSX alike.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's list; also `|`, `%` and the
full-width forms some spreadsheet locales read as the same operators) is run as a formula when the file is opened
in a spreadsheet program: an endorser's institution name such as `=HYPERLINK(…)` would then act on the
moderator's machine. Every export of the admin goes through Wagtail's SpreadsheetExportMixin, whatever view it
belongs to (snippets, the site history, page reports), so its two row writers are replaced:
- CSV: `neutralised` prefixes such a value with an apostrophe, the convention spreadsheet programs show as "text"
  (the library defusedcsv does the same for fewer characters, not tab or carriage return);
- XLSX: such a value is written as a text cell (Wagtail only does it for a leading `=`) marked "quote prefix", the
  file format's own way of saying "text, even if it looks like a formula", which keeps the text exactly as typed
  and stays text when a cell is edited or the sheet saved as CSV.
"""

from typing import Any

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = frozenset("=+-@\t\r|%＝＋－＠")
wagtail_xlsx_row = SpreadsheetExportMixin.generate_xlsx_row


def starts_formula(value: Any) -> bool:
    return isinstance(value, str) and value[:1] in FORMULA_STARTS


def neutralised(value: Any) -> Any:
    """`value` as a spreadsheet program will show it, never evaluate it; numbers and empty values unchanged."""
    return "'" + value if starts_formula(value) else value


def write_csv_row(self: SpreadsheetExportMixin, writer, row_dict: dict) -> str:
    return writer.writerow(
        {
            field: neutralised(self.preprocess_field_value(field, value, self.FORMAT_CSV))
            for field, value in row_dict.items()
        }
    )


def generate_xlsx_row(self: SpreadsheetExportMixin, worksheet, row_dict: dict, date_format=None):
    for cell in wagtail_xlsx_row(self, worksheet, row_dict, date_format=date_format):
        if starts_formula(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True
        yield cell


def neutralise_spreadsheet_exports() -> None:
    """Called once at start-up (campaign.wagtail_hooks), before any export can run."""
    SpreadsheetExportMixin.write_csv_row = write_csv_row
    SpreadsheetExportMixin.generate_xlsx_row = generate_xlsx_row
