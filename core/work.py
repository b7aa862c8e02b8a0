"""What a person has to do, as the home page's work queue lists it (home.work).

Each app says what is waiting in its own part of the service, as `WorkItem`s and as querysets
that count them; the home page puts them together, most urgent first. Nothing here names a
subject of a case: an item names the case by its reference.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Func, IntegerField, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

# How urgent an item is, most urgent first. A deadline's status decides it where it has one;
# work with no date of its own (a decision the chair is to make, a comment to answer) sits
# between what is due soon and what is merely upcoming.
OVERDUE, DUE_TODAY, DUE_SOON, WAITING, UPCOMING = range(5)
URGENCY_OF_STATUS = {"overdue": OVERDUE, "due_today": DUE_TODAY, "due_soon": DUE_SOON}
URGENCY_LABELS = {
    OVERDUE: _("Overdue"),
    DUE_TODAY: _("Due today"),
    DUE_SOON: _("Due soon"),
    WAITING: _("To do"),
    UPCOMING: _("Upcoming"),
}


def urgency_on(due_on: dt.date | None, *, today: dt.date, due_soon_by: dt.date) -> int:
    """How urgent work due on `due_on` is, as a deadline's status would say; WAITING for work
    with no date."""
    if due_on is None:
        return WAITING
    if due_on < today:
        return OVERDUE
    if due_on == today:
        return DUE_TODAY
    return DUE_SOON if due_on <= due_soon_by else UPCOMING


@dataclass(frozen=True)
class WorkItem:
    """One thing to do, with where it is done."""

    group: str  # what kind of work: "Decisions to make"
    title: str  # what to do, naming the case by its reference
    path: str  # the page where it is done
    board: str = ""  # the board's name, where there is one
    due_on: dt.date | None = None
    urgency: int = WAITING

    @property
    def urgency_label(self) -> str:
        return str(URGENCY_LABELS[self.urgency])

    @property
    def sort_key(self):
        return (self.urgency, self.due_on or dt.date.max, self.group, self.title)


def count_of(queryset: QuerySet):
    """An expression counting the rows of `queryset`, to be read with others in one query."""
    counted = queryset.order_by().annotate(_n=Func(F("pk"), function="COUNT")).values("_n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
