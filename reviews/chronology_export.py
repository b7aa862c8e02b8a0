"""Chronology spreadsheets written: the template agencies fill in (XLSX with a CSV twin) and the
merged chronology exported. Every cell a person typed is written as text, and one that a
spreadsheet would run as a formula (=, +, -, @, a tab or carriage return first) is neutralised
with a leading apostrophe (OWASP, "CSV injection")."""

import csv
import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from core.cells import neutralised
from reviews.chronology_files import COLUMNS
from reviews.models import ChronologyEntry

TEMPLATE_EXAMPLE = (
    "03/05/2016",
    "14:30",
    "exact",
    "",
    "Health visitor",
    "Home visit; mother said the child had a cold.",
    "Advice given; next visit booked.",
    "HV record 2016-05-03",
)
# The export is for reading only (no import is matched against it): its headings are in the
# reader's language. The template's (`COLUMNS`) are a file format, matched on import: English.
EXPORT_HEADINGS = (
    gettext_lazy("Date"),
    gettext_lazy("Time"),
    gettext_lazy("How certain the date is"),
    gettext_lazy("Date as written"),
    gettext_lazy("Agency"),
    gettext_lazy("Practitioner's role"),
    gettext_lazy("What happened"),
    gettext_lazy("What was done"),
    gettext_lazy("Source record"),
    gettext_lazy("Several agencies that day"),
)


def template_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Chronology")
    sheet.append([heading for _, heading, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(list(TEMPLATE_EXAMPLE))
    # The guide is for reading: in the reader's language. The headings and the words the
    # columns take (exact, month...) are the file's format, matched on import: English.
    guide = workbook.create_sheet(_("How to fill it in"))
    for line in (
        _(
            "One row per contact or event. Do not name the child or adult, nor anyone else: "
            "write each person's role (mother, GP, health visitor)."
        ),
        _(
            "Date: day first (3/5/2016 or 3 May 2016); May 2016 or 2016 where only that is "
            "known; write 'early May 2016' or '?05/2016' for a date you are unsure of."
        ),
        _(
            "How certain the date is: exact, month, year or approximate (left empty: worked "
            "out from the date)."
        ),
        _("Agency: leave empty, or your agency's name. Replace the example row."),
    ):
        guide.append([line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([heading for _, heading, _ in COLUMNS])
    writer.writerow(TEMPLATE_EXAMPLE)
    return buffer.getvalue().encode("utf-8-sig")


# The columns of an entry the export reads, as plain values (`export_xlsx`'s rows), in order.
EXPORT_FIELDS = (
    "occurred_on",
    "occurred_at",
    "date_certainty",
    "date_as_written",
    "agency__name",
    "practitioner_role",
    "entry",
    "action_taken",
    "source",
)


def export_xlsx(rows, *, shared_days: set) -> bytes:
    """The merged chronology, one row per entry (`rows`: tuples of `EXPORT_FIELDS`), written
    row by row (openpyxl's write-only mode) so that 10,000 entries take little memory."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Merged chronology"))
    bold = Font(bold=True)
    header, yes = [], _("Yes")
    for heading in EXPORT_HEADINGS:
        cell = WriteOnlyCell(sheet, value=str(heading))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    # Each certainty's words translated once, not once a row.
    certainties = {code: str(words) for code, words in ChronologyEntry.Certainty.choices}
    for occurred_on, occurred_at, certainty, as_written, agency, role, entry, done, source in rows:
        # An empty text is no cell at all (None), as a spreadsheet reads it: fewer to write.
        sheet.append(
            [
                occurred_on,
                occurred_at,
                certainties.get(certainty, certainty),
                neutralised(as_written) or None,
                neutralised(agency) or None,
                neutralised(role) or None,
                neutralised(entry) or None,
                neutralised(done) or None,
                neutralised(source) or None,
                yes if occurred_on in shared_days else None,
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
