"""Writes of insight: a user's calendar feed address, a board's annual reports, and the
national totals of every board at a glance."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from boards.models import Board
from core import permissions
from insight import annual, selectors
from insight.models import AnnualReport, CalendarFeed, NationalFigures, new_token
from publication import jobs, rendering

logger = logging.getLogger(__name__)

# The first reporting year offered: the service holds nothing older.
FIRST_YEAR = 2015


def calendar_feed_renew(*, actor) -> CalendarFeed:
    """Give `actor` a new secret address; the old one stops working at once."""
    feed, created = CalendarFeed.objects.get_or_create(user=actor)
    if not created:
        feed.token = new_token()
        feed.save(update_fields=["token", "created_at"])
    return feed


def calendar_feed_revoke(*, actor) -> None:
    CalendarFeed.objects.filter(user=actor).delete()


def annual_report_years(today=None) -> list[int]:
    """The reporting years a report can be made for, the current one (so far) first."""
    current = annual.ReportingYear.containing(today or timezone.localdate()).start
    return list(range(current, FIRST_YEAR - 1, -1))


def annual_report_request(*, actor, board: Board, year: int) -> AnnualReport:
    """Queue the board's annual report for `year` as the records are now; the worker renders
    it after the commit. Asking again while it is queued or rendering gives that one."""
    permissions.require(actor, "annual_report.make", board)
    if year not in annual_report_years():
        raise ValidationError({"year": "Select a reporting year"})
    with transaction.atomic():
        # One request of a board at a time; a key-share lock still lets its records be written.
        Board.objects.select_for_update(no_key=True).get(pk=board.pk)
        return jobs.queue(
            board.annual_reports.all(),
            AnnualReport(board=board, year=year, requested_by=actor),
            _enqueue,
            year=year,
        )


def _enqueue(report_id) -> None:
    from insight.tasks import render_annual_report  # the task module imports this one

    jobs.enqueue(render_annual_report, report_id)


# Taken up again by the sweep when abandoned (`jobs.retry_abandoned`; registered in apps.py).
# Every year once offered stays offered, so an abandoned report is always still wanted.
ANNUAL_REPORTS = jobs.Kind(
    model=AnnualReport,
    enqueue=lambda report_id: _enqueue(report_id),
    inputs=("board_id", "year", "requested_by_id"),
)


def annual_report_run(report_id) -> AnnualReport | None:
    """Render one queued annual report: queued → rendering → ready (or failed, with the
    reason). Safe to run twice: one that is no longer queued is left alone."""
    if not jobs.claim(AnnualReport, report_id):
        return None
    item = AnnualReport.objects.select_related("board").get(pk=report_id)
    try:
        content = annual.annual_content(item.board, annual.ReportingYear(item.year))
        html = annual.html_for(content)
        document = rendering.pdf_from_html(html)
        return jobs.finish(
            item,
            data=document.pdf,
            pages=document.pages,
            html=html,
            file_name=item.file_name,
        )
    except Exception as error:  # a failed rendering says why; the worker goes on
        logger.exception("Annual report %s of board %s failed", item.pk, item.board_id)
        return jobs.fail(item, error)


def national_figures_count() -> NationalFigures:
    """Count the "All boards" totals of every board at a glance afresh and keep them, in place
    of the last ones (the beat task, every NATIONAL_FIGURES_SECONDS; a page that finds none
    yet). No acting user: the figures are the country's, numbers only."""
    totals = selectors.overview_totals(selectors.boards_overview())
    snapshot, _ = NationalFigures.objects.update_or_create(
        pk=NationalFigures.THE_ONE,
        defaults={"counted_at": timezone.now(), "totals": selectors.totals_as_data(totals)},
    )
    return snapshot
