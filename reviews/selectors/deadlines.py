"""Reads of deadlines and the bank holidays they are counted in. A deadline's status is
computed here, in the database, when it is read."""

import datetime as dt

from django.db.models import Min, OuterRef, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from boards.models import Board
from core import permissions
from deadlines.models import BankHoliday, Deadline
from deadlines.selectors import OPEN, Status, due_soon_until, with_status
from guidance import rulebooks
from reviews.models import Incident

__all__ = ["OPEN", "Status", "due_soon_until", "with_status"]  # read here by the pages above


def deadline_list_for_board(
    *, board: Board, status: str = "", clock: str = "", today: dt.date | None = None
) -> QuerySet:
    """The board's deadlines, soonest first: the open ones, or those of one status or clock."""
    references = Incident.all_objects.filter(pk=OuterRef("case_id")).values("reference")
    deadlines = with_status(
        Deadline.objects.filter(board=board).annotate(case_reference=Subquery(references)),
        today=today,
    )
    deadlines = deadlines.filter(status=status) if status else deadlines.filter(OPEN)
    if clock:
        deadlines = deadlines.filter(clock=clock)
    return deadlines.order_by("due_on", "case_reference", "clock")


def deadline_get(*, user, incident: Incident, deadline_id) -> Deadline:
    """The incident's deadline with its status and pauses, if `user` may see it, else 404."""
    deadlines = with_status(incident.deadlines.select_related("board")).prefetch_related("pauses")
    return permissions.get_visible_or_404(deadlines, user, pk=deadline_id)


def deadline_with_status(*, deadline: Deadline) -> Deadline:
    """The deadline read again with its status (a deadline already checked visible)."""
    return with_status(Deadline.objects.filter(pk=deadline.pk)).get()


def bank_holiday_years() -> list[int]:
    """The years the bank holiday table offers: from its first holiday to two years ahead."""
    first = BankHoliday.objects.aggregate(first=Min("date"))["first"]
    today = timezone.localdate()
    return list(range(first.year if first else today.year, today.year + 3))


def bank_holiday_list(*, year: int) -> QuerySet:
    """The bank holidays of `year`, in date order (every board's: they are not board data)."""
    return BankHoliday.objects.filter(date__year=year).order_by("date")


def bank_holiday_get(*, on: dt.date) -> BankHoliday:
    """The bank holiday on the date `on`, else 404 (not board data)."""
    return get_object_or_404(BankHoliday, date=on)


def board_timescales(*, board: Board) -> list[tuple[rulebooks.Rulebook, rulebooks.Clock]]:
    """Every clock of the board's regime, edition by edition, whose length the board sets: each
    as the board has it (its own length, `set_by_board`, or the default)."""
    return [
        (rulebook, own.clock(clock.code))
        for rulebook in rulebooks.EDITIONS.get(board.regime, ())
        for own in [board.rules_under(rulebook.key)]
        for clock in rulebook.clocks
        if clock.board_may_set
    ]
