"""The CSV of an import: its columns, reading it, and checking each row. Nothing here saves
anything (services.py adds the rows found good).

The CSV is UTF-8 (with or without a byte order mark, as Excel saves "CSV UTF-8") or, failing
that, Windows-1252 (Excel's plain "CSV"). Headings are matched whatever their case and spacing.
"""

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bank.models import BankedReport, Theme
from bank.services import FIRST_YEAR
from guidance import rulebooks

# (code, required, what it holds): docs/bank.md and the upload page say the same.
COLUMNS = (
    ("file", False, gettext_lazy("The PDF's name in the folder (or the ZIP), like child-q.pdf")),
    ("url", False, gettext_lazy("Or the web address where the report is published")),
    ("title", True, gettext_lazy("The report's title, as published")),
    ("published_by", True, gettext_lazy("The board that published it, as the report names it")),
    ("year", True, gettext_lazy("The year it was published, like 2024")),
    ("review_type", True, gettext_lazy("The type of review: its code or its name")),
    ("age_band", False, gettext_lazy("The age of the child or adult: its code or its name")),
    ("themes", False, gettext_lazy("Themes, by code or name, separated by “;”")),
)
HEADINGS = [code for code, _required, _what in COLUMNS]
REQUIRED = [code for code, required, _what in COLUMNS if required]
THEME_SEPARATOR = ";"
MAX_CSV_BYTES = 2 * 1024 * 1024
EXAMPLE_ROWS = (
    {
        "file": "child-q.pdf",
        "url": "",
        "title": "Child Q: a local child safeguarding practice review",
        "published_by": "Northshire Safeguarding Children Partnership",
        "year": "2024",
        "review_type": "lcspr",
        "age_band": "5_to_10",
        "themes": "neglect; information_sharing",
    },
    {
        "file": "",
        "url": "https://example.org/reports/adult-r.pdf",
        "title": "Adult R: a safeguarding adults review",
        "published_by": "Southshire Safeguarding Adults Board",
        "year": "2023",
        "review_type": "sar_mandatory",
        "age_band": "65_plus",
        "themes": "",
    },
)


class Refused(ValidationError):
    """The whole file is refused: its problems, each a message."""


@dataclass
class Row:
    """One row of the CSV, checked: `errors` if bad, else the entry's details."""

    number: int
    source: str = ""
    title: str = ""
    details: dict = field(default_factory=dict)
    themes: list = field(default_factory=list)
    file_name: str = ""
    errors: list = field(default_factory=list)


def _heading(text) -> str:
    return re.sub(r"[\s\-]+", "_", str(text or "").strip().casefold())


def _decoded(raw: bytes) -> str:
    if b"\x00" in raw:
        raise Refused(_("The CSV file is not a CSV: save the spreadsheet as “CSV UTF-8”"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read(raw: bytes, *, max_rows: int) -> list[dict]:
    """The rows of the CSV as {column: text}, each with its `number`; Refused with every
    problem of the whole file (not a CSV, a heading missing, no rows, too many)."""
    if len(raw) > MAX_CSV_BYTES:
        raise Refused(
            _("The CSV file must be smaller than %(size)s MB")
            % {"size": MAX_CSV_BYTES // (1024 * 1024)}
        )
    try:
        lines = list(csv.reader(io.StringIO(_decoded(raw), newline="")))
    except csv.Error as error:
        raise Refused(_("The CSV file could not be read: save it again as “CSV UTF-8”")) from error
    lines = [(n, line) for n, line in enumerate(lines, start=1) if any(c.strip() for c in line)]
    if not lines:
        raise Refused(_("The CSV file is empty: it needs a row of headings and a row a report"))
    (_first, headings), body = lines[0], lines[1:]
    columns = [_heading(heading) for heading in headings]
    problems = [
        _("The CSV file has no “%(column)s” column") % {"column": code}
        for code in REQUIRED
        if code not in columns
    ]
    if "file" not in columns and "url" not in columns:
        problems.append(_("The CSV file needs a “file” column, a “url” column or both"))
    if not body:
        problems.append(_("The CSV file has headings but no rows of reports"))
    if len(body) > max_rows:
        problems.append(
            _("The CSV file has %(count)s rows: an import takes at most %(max)s")
            % {"count": len(body), "max": max_rows}
        )
    if problems:
        raise Refused(problems)
    wanted = {code: columns.index(code) for code in HEADINGS if code in columns}
    return [
        {
            "number": number,
            **{code: (line[at].strip() if at < len(line) else "") for code, at in wanted.items()},
        }
        for number, line in body
    ]


def _choice(value: str, choices) -> str | None:
    """The code of a choice given by its code or its label, whatever the case."""
    wanted = value.strip().casefold()
    for code, label in choices:
        if wanted in (str(code).casefold(), str(label).casefold()):
            return code
    return None


class Checker:
    """Checks rows against the vocabulary read once: the types, ages and active themes."""

    def __init__(self, *, today: dt.date | None = None):
        self.last_year = (today or timezone.localdate()).year
        self.themes = {}
        for theme in Theme.objects.filter(active=True):
            self.themes[theme.code.casefold()] = theme
            self.themes[theme.name.casefold()] = theme
        self.url = URLValidator(schemes=["http", "https"])

    def check(self, values: dict) -> Row:
        file_name, url = values.get("file", ""), values.get("url", "")
        row = Row(number=values["number"], source=file_name or url, title=values["title"][:300])
        errors = row.errors
        title, published_by = values["title"], values["published_by"]
        if not title:
            errors.append(_("The title is missing"))
        elif len(title) > BankedReport._meta.get_field("title").max_length:
            errors.append(_("The title is longer than 300 characters"))
        if not published_by:
            errors.append(_("The board that published it is missing"))
        elif len(published_by) > BankedReport._meta.get_field("published_by").max_length:
            errors.append(_("The board that published it is longer than 200 characters"))
        year = values["year"]
        if not re.fullmatch(r"\d{4}", year) or not FIRST_YEAR <= int(year) <= self.last_year:
            errors.append(
                _("The year “%(year)s” is not a year from %(first)s to %(last)s")
                % {"year": year, "first": FIRST_YEAR, "last": self.last_year}
            )
        review_type = _choice(values["review_type"], rulebooks.REVIEW_TYPE_CHOICES)
        if review_type is None:
            errors.append(
                _("The type of review “%(value)s” is not one of the types")
                % {"value": values["review_type"]}
            )
        age = values.get("age_band", "")
        age_band = (
            _choice(age, BankedReport.AgeBand.choices) if age else BankedReport.AgeBand.NOT_KNOWN
        )
        if age_band is None:
            errors.append(_("The age “%(value)s” is not one of the ages") % {"value": age})
        for given in filter(None, (t.strip() for t in values.get("themes", "").split(";"))):
            theme = self.themes.get(given.casefold())
            if theme is None:
                errors.append(_("The theme “%(value)s” is not a theme") % {"value": given})
            elif theme not in row.themes:
                row.themes.append(theme)
        if file_name and url:
            errors.append(_("Give the file or the web address, not both"))
        elif not (file_name or url):
            errors.append(_("Give the file's name or the web address where it is published"))
        elif url:
            try:
                if len(url) > 500:
                    raise ValidationError("too long")
                self.url(url)
            except ValidationError:
                errors.append(_("The web address “%(url)s” is not a web address") % {"url": url})
        row.file_name = file_name
        if not errors:
            row.details = {
                "title": title,
                "published_by": published_by,
                "year": int(year),
                "review_type": review_type,
                "age_band": age_band,
                "published_url": url,
            }
        return row


def example_csv() -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADINGS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(EXAMPLE_ROWS)
    return out.getvalue()
