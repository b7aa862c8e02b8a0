"""Reads of deadlines and the bank holidays they are counted in. A deadline's status is
computed here, in the database, when it is read."""

import datetime as dt

from django.conf import settings
from django.db.models import Case, F, Min, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from boards.models import Board
from core import permissions
from guidance import calendar
from reviews.models import BankHoliday, Deadline, Incident

Status = Deadline.Status


def due_soon_until(today: dt.date) -> dt.date:
    """The last day a deadline counts as due soon: N working days ahead (default 5)."""
    holidays = BankHoliday.objects.filter(
        date__gte=today, date__lte=today + dt.timedelta(days=60)
    ).values_list("date", flat=True)
    return calendar.add_working_days(
        today, settings.DEADLINE_DUE_SOON_WORKING_DAYS, frozenset(holidays)
    )


def with_status(deadlines: QuerySet, *, today: dt.date | None = None) -> QuerySet:
    """Annotate `status` (Deadline.Status) on each deadline, in the database, so that lists
    can filter and count by it. The one definition of a deadline's status."""
    today = today or timezone.localdate()
    return deadlines.annotate(
        status=Case(
            When(met_on__isnull=False, met_on__lte=F("due_on"), then=Value(Status.MET)),
            When(met_on__isnull=False, then=Value(Status.MET_LATE)),
            When(paused_since__isnull=False, then=Value(Status.PAUSED)),
            When(due_on__lt=today, then=Value(Status.OVERDUE)),
            When(due_on=today, then=Value(Status.DUE_TODAY)),
            When(due_on__lte=due_soon_until(today), then=Value(Status.DUE_SOON)),
            default=Value(Status.UPCOMING),
        )
    )


OPEN = Q(met_on__isnull=True)


def deadline_list_for_board(
    *, board: Board, status: str = "", clock: str = "", today: dt.date | None = None
) -> QuerySet:
    """The board's deadlines, soonest first: the open ones, or those of one status or clock."""
    deadlines = with_status(
        Deadline.objects.filter(board=board).select_related("incident", "action", "agency_request"),
        today=today,
    )
    deadlines = deadlines.filter(status=status) if status else deadlines.filter(OPEN)
    if clock:
        deadlines = deadlines.filter(clock=clock)
    return deadlines.order_by("due_on", "incident__reference", "clock")


def deadline_get(*, user, incident: Incident, deadline_id) -> Deadline:
    """The incident's deadline with its status and pauses, if `user` may see it, else 404."""
    deadlines = with_status(
        Deadline.objects.filter(incident=incident).select_related("incident", "board")
    ).prefetch_related("pauses")
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
