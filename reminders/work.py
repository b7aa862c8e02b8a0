"""The deadlines that are a person's work: those they are reminded of (docs/architecture.md,
"kinds of deadline": the kind of each says who does the work), still open and due soon, today
or overdue. The home page's work queue lists them (home.work)."""

import datetime as dt

from django.db.models import QuerySet

from core.work import URGENCY_OF_STATUS, WorkItem
from deadlines import kinds
from deadlines.models import Deadline
from deadlines.selectors import OPEN, with_status
from reminders.access import seen_by
from reminders.models import Reminder


def deadlines_to_do(*, user, due_by: dt.date, today: dt.date) -> QuerySet:
    """The open deadlines `user` is reminded of and may still see, due by `due_by` (the end of
    "due soon"), with their status; a paused clock waits and is left out."""
    # Read from the user's reminders (by recipient, indexed), not from every open deadline.
    # Not an escalation: the chair is told of every missed deadline of the board, but the
    # work of it stays its owner's.
    theirs = (
        Reminder.objects.filter(recipient=user)
        .exclude(status=Reminder.Status.CANCELLED)
        .exclude(kind__startswith="escalation:")
        .values("deadline_id")
    )
    deadlines = Deadline.objects.filter(
        OPEN, seen_by(user), pk__in=theirs, paused_since=None, due_on__lte=due_by
    )
    return with_status(deadlines, today=today, due_soon_by=due_by).select_related("board")


def work_of_deadlines(deadlines) -> list[WorkItem]:
    """Each deadline as an item of work, described in one batch per kind."""
    deadlines = kinds.describe(deadlines)
    items = []
    for deadline in deadlines:
        about = deadline.about
        title = about.title_in_pages
        items.append(
            WorkItem(
                group=str(kinds.get(deadline.kind).label),
                title=f"{about.reference}: {title}" if about.reference else title,
                path=about.path,
                board=deadline.board.name if deadline.board else "",
                due_on=deadline.due_on,
                urgency=URGENCY_OF_STATUS[deadline.status],
            )
        )
    return items
