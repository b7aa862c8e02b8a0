"""Agencies' chronology files: the template's columns, reading XLSX, CSV and DOCX, and checking
every row. Pure functions: nothing here touches the database (reviews/services/chronology.py
takes a file whole or refuses it).

- XLSX is read with openpyxl in read-only mode, one row at a time, with formulas as the values
  Excel saved (`data_only`), never evaluated. Before openpyxl opens it, the zip's declared sizes
  are added up: a file that would unzip past `UNZIPPED_LIMIT` (a zip bomb) is refused.
- CSV is UTF-8 (with or without a byte order mark) or, failing that, Windows-1252.
- DOCX: the first table of a Word document, read with python-docx.

No column may name the subject: a column headed like a name or a date of birth refuses the file.
"""

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core import limits

# The template's columns: (code, heading, required).
COLUMNS = (
    ("date", "Date", True),
    ("time", "Time", False),
    ("date_certainty", "How certain the date is", False),
    ("agency", "Agency", False),
    ("practitioner_role", "Practitioner's role", False),
    ("what_happened", "What happened", True),
    ("what_was_done", "What was done", False),
    ("source_record", "Source record", False),
)
HEADINGS = {code: heading for code, heading, _ in COLUMNS}
REQUIRED = [code for code, _, required in COLUMNS if required]
# Other headings agencies use for the same columns (compared without case or punctuation).
SYNONYMS = {
    "date": {"date", "date of event", "event date", "date of contact", "contact date"},
    "time": {"time", "time of event"},
    "date_certainty": {"how certain the date is", "date certainty", "certainty", "date accuracy"},
    "agency": {"agency", "organisation", "organization", "service"},
    "practitioner_role": {
        "practitioners role",
        "practitioner role",
        "practitioner",
        "role",
        "staff role",
        "job title",
    },
    "what_happened": {"what happened", "event", "details", "description", "contact", "summary"},
    "what_was_done": {"what was done", "action", "action taken", "actions", "outcome"},
    "source_record": {"source record", "source", "record", "reference", "record reference"},
}
# Headings of personal details: a chronology names people by their role, never by name.
PERSONAL_HEADINGS = {
    "name",
    "names",
    "full name",
    "first name",
    "forename",
    "surname",
    "last name",
    "child",
    "childs name",
    "child name",
    "name of child",
    "subject",
    "subject name",
    "client name",
    "patient name",
    "service user",
    "date of birth",
    "dob",
    "nhs number",
    "address",
}
CERTAINTIES = {
    "exact": "exact",
    "month": "month",
    "month only": "month",
    "year": "year",
    "year only": "year",
    "approximate": "approximate",
    "approx": "approximate",
    "about": "approximate",
    "estimated": "approximate",
}
# A zip whose parts would unzip past this is refused before it is opened.
UNZIPPED_LIMIT = 200 * 1024 * 1024
MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (dt.date(2000, number, 1).strftime("%B"), dt.date(2000, number, 1).strftime("%b"))
}
MONTHS["sept"] = 9
ROUGHLY = re.compile(r"^(early|mid|late|about|around|approx\.?|approximately|circa|c\.|c|\?)\s*")
DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
WORDS = re.compile(r"^(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([a-z]+)\.?,?\s+(\d{4})$")
YEAR = re.compile(r"^(\d{4})$")
TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?::\d{2})?$")


class Refused(Exception):
    """The whole file is refused, for one reason (not row by row)."""


class NeedsMapping(Exception):
    """The file's headings are not the template's: the uploader says which is which."""

    def __init__(self, headers: list[str], guessed: dict):
        super().__init__("The columns of the file need matching to the template's")
        self.headers = headers
        self.guessed = guessed


@dataclass
class Checked:
    """The rows of a file, checked: `entries` (each a dict of the entry's fields) if there are
    no `errors` ({"row", "field", "message"}, row 1 being the headings)."""

    entries: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    mapping: dict = field(default_factory=dict)


def normalise(heading) -> str:
    return re.sub(r"[^a-z0-9 ]", "", str(heading or "").lower().replace("_", " ")).strip()


def _check_zip(upload) -> None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise Refused(
            _("The selected file could not be read: save it again and upload it")
        ) from error
    finally:
        upload.seek(0)
    if unzipped > UNZIPPED_LIMIT:
        raise Refused(
            _("The selected file is too large once unzipped: split it into smaller files")
        )


def _cells_xlsx(upload):
    from openpyxl import load_workbook

    _check_zip(upload)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise Refused(_("The selected file could not be read as an Excel workbook")) from error
    try:
        sheet = workbook.worksheets[0]
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _cells_csv(upload):
    upload.seek(0)
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    yield from csv.reader(io.StringIO(text, newline=""))


def _cells_docx(upload):
    import docx

    _check_zip(upload)
    try:
        document = docx.Document(upload)
    except Exception as error:
        raise Refused(_("The selected file could not be read as a Word document")) from error
    if not document.tables:
        raise Refused(_("The selected Word document has no table: put the chronology in a table"))
    for row in document.tables[0].rows:
        yield [cell.text for cell in row.cells]


READERS = {"xlsx": _cells_xlsx, "text": _cells_csv, "docx": _cells_docx}


def read(upload, kind: str, *, max_rows: int):
    """(headings, [(row number, cells)]) of the file's first sheet or table, blank rows left
    out. Refused past `max_rows` rows, without reading further."""
    cells = READERS[kind](upload)
    headers, rows = None, []
    for number, row in enumerate(cells, start=1):
        values = ["" if value is None else value for value in (row or ())]
        if not any(str(value).strip() for value in values):
            continue
        if headers is None:
            headers = [str(value).strip() for value in values]
            continue
        if len(rows) >= max_rows:
            raise Refused(
                _(
                    "The file has more than %(max_rows)s rows: split it into files of at most "
                    "%(max_rows)s rows"
                )
                % {"max_rows": f"{max_rows:,}"}
            )
        rows.append((number, values))
    if headers is None:
        raise Refused(_("The selected file is empty"))
    if not rows:
        raise Refused(_("The selected file has only headings: add the chronology's rows"))
    return headers, rows


def mapping_for(headers: list[str], chosen: dict | None = None) -> dict:
    """{column code: index of the file's column}. `chosen` ({code: heading}) is the uploader's
    own matching (or the agency's last one); otherwise headings are matched by name. Raises
    NeedsMapping when a required column is not found."""
    personal = [h for h in headers if normalise(h) in PERSONAL_HEADINGS]
    if personal:
        raise Refused(
            _(
                "The file has a column of personal details (%(columns)s): remove it. A "
                "chronology names people by their role, never by name"
            )
            % {"columns": ", ".join(personal)}
        )
    positions = {normalise(h): i for i, h in reversed(list(enumerate(headers))) if h}
    found = {}
    if chosen:
        for code, heading in chosen.items():
            if heading and normalise(heading) in positions:
                found[code] = positions[normalise(heading)]
    else:
        for code, names in SYNONYMS.items():
            for name in [normalise(HEADINGS[code]), *sorted(names)]:
                if name in positions:
                    found[code] = positions[name]
                    break
    if any(code not in found for code in REQUIRED):
        guessed = {code: headers[i] for code, i in found.items()}
        raise NeedsMapping(headers, guessed)
    return found


def parse_date(value, *, certainty_given: str = "") -> tuple[dt.date, str, str]:
    """(first day it may be, certainty, as written) or ValueError with what to write."""
    if isinstance(value, dt.datetime):
        return value.date(), certainty_given or "exact", ""
    if isinstance(value, dt.date):
        return value, certainty_given or "exact", ""
    written = str(value).strip()
    text = written.lower()
    rough = ROUGHLY.match(text)
    if rough:
        text = text[rough.end() :].strip()
    parsed = _parse_date_text(text)
    if parsed is None:
        raise ValueError(
            _(
                "Enter the date day first, like 3/5/2016, 3 May 2016, May 2016 or 2016; "
                "“%(written)s” is not a date"
            )
            % {"written": written[:40]}
        )
    day, certainty = parsed
    if rough:
        certainty = "approximate"
    if certainty_given:
        certainty = certainty_given
    return day, certainty, ("" if certainty == "exact" else written[:60])


def _parse_date_text(text: str):
    if match := ISO.match(text):
        return _date(int(match[1]), int(match[2]), int(match[3])), "exact"
    if match := DAY_FIRST.match(text):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
        if month > 12 and day <= 12:
            raise ValueError(
                _("“%(text)s” is written month first: write dates day first, like %(example)s")
                % {"text": text, "example": f"{month}/{day}/{match[3]}"}
            )
        this_year = timezone.localdate().year % 100
        year = year + 2000 if year < 100 and year <= this_year else year
        year = year + 1900 if year < 100 else year
        return _date(year, month, day), "exact"
    if match := MONTH_YEAR.match(text):
        return _date(int(match[2]), int(match[1]), 1), "month"
    if match := WORDS.match(text):
        month = MONTHS.get(match[2])
        if month is None:
            return None
        if match[1]:
            return _date(int(match[3]), month, int(match[1])), "exact"
        return _date(int(match[3]), month, 1), "month"
    if match := YEAR.match(text):
        return _date(int(match[1]), 1, 1), "year"
    return None


def _date(year, month, day):
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise ValueError(
            _("%(date)s is not a real date") % {"date": f"{day}/{month}/{year}"}
        ) from error


def parse_time(value):
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    match = TIME.match(str(value).strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(_("Enter the time as hours and minutes, like 14:30"))
    return dt.time(int(match[1]), int(match[2]))


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if value is not None else ""


def check(
    headers,
    rows,
    *,
    agency_name: str,
    earliest: dt.date,
    latest: dt.date,
    chosen: dict | None = None,
) -> Checked:
    """Every row checked; the entries' fields where all are good."""
    positions = mapping_for(headers, chosen)
    result = Checked(mapping={code: headers[i] for code, i in positions.items()})

    def cell(values, code):
        index = positions.get(code)
        return values[index] if index is not None and index < len(values) else ""

    for number, values in rows:
        errors = []

        def refuse(code, message, number=number, errors=errors):
            errors.append({"row": number, "field": HEADINGS[code], "message": message})

        certainty_written = normalise(cell(values, "date_certainty"))
        certainty = CERTAINTIES.get(certainty_written, "")
        if certainty_written and not certainty:
            refuse("date_certainty", _("Enter exact, month, year or approximate"))
        raw_date = cell(values, "date")
        occurred_on = None
        if _text(raw_date) == "" and not isinstance(raw_date, dt.date):
            refuse("date", _("Enter the date"))
        else:
            try:
                occurred_on, certainty, as_written = parse_date(raw_date, certainty_given=certainty)
            except ValueError as error:
                refuse("date", str(error))
        if occurred_on is not None:
            if occurred_on > latest:
                refuse("date", _("The date is in the future"))
            elif occurred_on < earliest:
                refuse(
                    "date",
                    _("The date is far outside the review's period (from %(earliest)s): check it")
                    % {"earliest": formats.date_format(earliest, "j F Y")},
                )
        try:
            occurred_at = parse_time(cell(values, "time"))
        except ValueError as error:
            refuse("time", str(error))
        what_happened = _text(cell(values, "what_happened"))
        if not what_happened:
            refuse("what_happened", _("Enter what happened"))
        named_agency = _text(cell(values, "agency"))
        if named_agency and normalise(named_agency) != normalise(agency_name):
            refuse(
                "agency",
                _(
                    "This row is for %(named)s: each agency imports its own chronology (this "
                    "file is %(agency)s's)"
                )
                % {"named": named_agency[:60], "agency": agency_name},
            )
        texts = {
            "practitioner_role": (_text(cell(values, "practitioner_role")), limits.SHORT_TEXT),
            "what_happened": (what_happened, limits.LONG_TEXT),
            "what_was_done": (_text(cell(values, "what_was_done")), limits.LONG_TEXT),
            "source_record": (_text(cell(values, "source_record")), limits.SHORT_TEXT),
        }
        for code, (text, limit) in texts.items():
            if len(text) > limit:
                refuse(code, _("Write at most %(limit)s characters") % {"limit": f"{limit:,}"})
        if errors:
            result.errors.extend(errors)
            continue
        result.entries.append(
            {
                "occurred_on": occurred_on,
                "occurred_at": occurred_at,
                "date_certainty": certainty,
                "date_as_written": as_written,
                "practitioner_role": texts["practitioner_role"][0],
                "entry": what_happened,
                "action_taken": texts["what_was_done"][0],
                "source": texts["source_record"][0],
            }
        )
    if result.errors:
        result.entries = []
    return result
