"""Reads of deadlines that every owner of a kind shares. A deadline's status is computed here,
in the database, when it is read."""

import datetime as dt

from django.conf import settings
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils import timezone

from deadlines.models import BankHoliday, Deadline
from guidance import calendar

Status = Deadline.Status


def due_soon_until(today: dt.date) -> dt.date:
    """The last day a deadline counts as due soon: N working days ahead (default 5)."""
    holidays = BankHoliday.objects.filter(
        date__gte=today, date__lte=today + dt.timedelta(days=60)
    ).values_list("date", flat=True)
    return calendar.add_working_days(
        today, settings.DEADLINE_DUE_SOON_WORKING_DAYS, frozenset(holidays)
    )


def with_status(
    deadlines: QuerySet, *, today: dt.date | None = None, due_soon_by: dt.date | None = None
) -> QuerySet:
    """Annotate `status` (Deadline.Status) on each deadline, in the database, so that lists
    can filter and count by it. The one definition of a deadline's status. `due_soon_by`:
    `due_soon_until(today)`, where the caller has read it already."""
    today = today or timezone.localdate()
    due_soon_by = due_soon_by or due_soon_until(today)
    return deadlines.annotate(
        status=Case(
            When(met_on__isnull=False, met_on__lte=F("due_on"), then=Value(Status.MET)),
            When(met_on__isnull=False, then=Value(Status.MET_LATE)),
            When(paused_since__isnull=False, then=Value(Status.PAUSED)),
            When(due_on__lt=today, then=Value(Status.OVERDUE)),
            When(due_on=today, then=Value(Status.DUE_TODAY)),
            When(due_on__lte=due_soon_by, then=Value(Status.DUE_SOON)),
            default=Value(Status.UPCOMING),
        )
    )


OPEN = Q(met_on__isnull=True)
