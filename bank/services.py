"""Adding a published report to the bank, reading its words, confirming its themes.

A report is added with its file (a PDF) or a link to where it is published. The same file is
added once (its SHA-256): adding it again says where it already is, so an import run twice adds
nothing. The worker reads the words (core.text_reading) and suggests themes from them
(bank.themes); the entry joins the bank when one of its keepers confirms it and its themes.
"""

import datetime as dt
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bank import themes as theme_words
from bank.models import BankedReport, Theme
from core import permissions, records, text_reading, uploads
from core.history import acting_as

TextState = BankedReport.TextState

# The text search configuration of the bank's searches (bank.selectors).
SEARCH_CONFIG = "english"
# The first year a report may be dated: serious case reviews began in 1991 (Working Together
# 1991); anything earlier is a typing slip.
FIRST_YEAR = 1991
WRONG_TYPE = gettext_lazy("The selected file must be a PDF")


def checked_kind(file, *, field: str = "file") -> str:
    """The kind of a report's file (a PDF), or a ValidationError on `field`."""
    return uploads.check(
        file,
        field=field,
        kinds={uploads.PDF: "PDF"},
        max_bytes=settings.DOCUMENT_MAX_BYTES,
        wrong_type=WRONG_TYPE,
    )


def already_banked(sha256: str) -> BankedReport | None:
    """The entry holding the same file, if any."""
    return BankedReport.objects.filter(sha256=sha256).first()


def checked_year(year, *, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    if year is None or not FIRST_YEAR <= year <= today.year:
        raise ValidationError(
            {
                "year": _("Enter a year from %(first)s to %(last)s")
                % {"first": FIRST_YEAR, "last": today.year}
            }
        )
    return year


@transaction.atomic
def report_add(
    *,
    actor,
    board,
    title: str,
    published_by: str,
    year: int,
    review_type: str,
    age_band: str = BankedReport.AgeBand.NOT_KNOWN,
    file=None,
    published_url: str = "",
) -> BankedReport:
    """Add a published report for `board` (its business manager), or to SCIE's own bank
    (`board` None: the accreditation staff). It joins the bank once confirmed
    (`report_confirm`)."""
    permissions.require(actor, "bank.manage", board)
    if file is None and not published_url:
        raise ValidationError(
            {"file": _("Choose the report's PDF, or enter the address where it is published")}
        )
    report = BankedReport(
        board=board,
        title=title,
        published_by=published_by,
        year=checked_year(year),
        review_type=review_type,
        age_band=age_band,
        published_url=published_url,
        added_by=actor,
        text_state=TextState.NO_FILE if file is None else TextState.PENDING,
    )
    if file is not None:
        report.file_kind = checked_kind(file)
        report.sha256 = uploads.sha256_of(file)
        _refuse_twice(report.sha256)
        report.file_name = uploads.display_name(file.name or "", default="report.pdf")
        report.size = file.size
        file.name = uploads.stored_name(file.name or "")
        report.file = file
    report.full_clean(exclude=["file", "added_by", "board", "themes", "suggested_themes"])
    try:
        with transaction.atomic():
            acting_as(report, actor).save()
    except IntegrityError:
        # The same file added by someone else at the same moment.
        _refuse_twice(report.sha256)
        raise
    if file is not None:
        transaction.on_commit(partial(_read_queue, report.pk))
    return report


def _refuse_twice(sha256: str) -> None:
    banked = already_banked(sha256)
    if banked is not None:
        raise ValidationError(
            {
                "file": _("This report is already in the bank, as “%(title)s”")
                % {"title": banked.title}
            },
            code="already_banked",
        )


@transaction.atomic
def report_confirm(*, actor, report: BankedReport, themes) -> BankedReport:
    """One of its keepers confirms the entry and its themes: it joins the bank."""
    report = records.locked(report)
    permissions.require(actor, "bank.manage", report)
    records.require_current(report, _("This report"))
    report.themes.set(themes)
    report.confirmed_at = report.confirmed_at or timezone.now()
    report.confirmed_by = report.confirmed_by or actor
    acting_as(report, actor).save(update_fields=["confirmed_at", "confirmed_by", "updated_at"])
    return report


CORRECTABLE = ("title", "published_by", "year", "review_type", "age_band", "published_url")


@transaction.atomic
def report_correct(*, actor, report: BankedReport, **changes) -> BankedReport:
    """One of its keepers corrects the entry's details (`CORRECTABLE`); its history keeps what
    they were. Its file is not changed: a wrong file is withdrawn and the right one added."""
    report = records.locked(report)
    permissions.require(actor, "bank.manage", report)
    records.require_current(report, _("This report"))
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise TypeError(f"Not correctable: {', '.join(sorted(unknown))}")
    for field, value in changes.items():
        setattr(report, field, value)
    checked_year(report.year)
    if not report.file and not report.published_url:
        raise ValidationError(
            {"published_url": _("Enter the address where it is published: it has no PDF")}
        )
    report.full_clean(exclude=["file", "added_by", "board", "themes", "suggested_themes"])
    acting_as(report, actor).save(update_fields=[*changes, "updated_at"])
    return report


@transaction.atomic
def report_withdraw(*, actor, report: BankedReport, reason: str) -> BankedReport:
    """Taken out of the bank with a reason; its history stays, and its file may be added again."""
    report = records.locked(report)
    permissions.require(actor, "bank.manage", report)
    return records.withdraw(report, actor=actor, reason=reason, what=_("This report"))


# --- The words of each report, read by the worker --------------------------------------------


def _read_queue(report_id) -> None:
    from bank.tasks import read_report  # the task module imports this one

    text_reading.queue(read_report, report_id, label="banked report")


def report_read(report_id) -> str | None:
    """Read a report's words (core.text_reading) and suggest its themes from them; None when
    it was not waiting to be read. Safe to run twice."""
    state = text_reading.read(BankedReport, report_id, config=SEARCH_CONFIG, label="Banked report")
    if state == TextState.EXTRACTED:
        report = BankedReport.objects.only("pk", "text").get(pk=report_id)
        suggested = theme_words.suggested(report.text, Theme.objects.filter(active=True))
        report.suggested_themes.set(suggested)
    return state


def reports_to_read() -> list:
    """The ids of the reports whose words are still to be read, oldest first."""
    return text_reading.backlog(BankedReport)


@transaction.atomic
def report_add_confirmed(*, actor, themes, **fields) -> BankedReport:
    """Add a report (`report_add`'s fields) whose themes the person adding it already gives:
    it joins the bank at once, with those themes (the API, when a client names the themes)."""
    report = report_add(actor=actor, **fields)
    return report_confirm(actor=actor, report=report, themes=themes) if themes else report


def themes_ensure() -> None:
    """Put back the first vocabulary of themes (guidance/themes.py, which migration 0002 seeds)
    where a theme is missing; never changes or removes what is there."""
    from guidance.themes import THEMES

    for order, (code, name, phrases) in enumerate(THEMES, start=1):
        Theme.objects.get_or_create(
            code=code, defaults={"name": name, "phrases": phrases, "order": order}
        )
