"""The iCalendar (RFC 5545) feed of a user's deadlines: one all-day event on each due date.

Events name the case reference and the deadline, never a person involved in the case."""

import datetime as dt

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from deadlines import kinds
from deadlines.models import Deadline
from guidance import rulebooks
from reminders.access import seen_by
from reminders.models import Reminder


def deadlines_of(user):
    """The open deadlines `user` is reminded of and may see now: not those of a board they
    left or a review they no longer review, whatever their reminders' state."""
    ids = Reminder.objects.filter(recipient=user).values("deadline_id")
    return kinds.describe(
        Deadline.objects.filter(seen_by(user), pk__in=ids, met_on__isnull=True).order_by("due_on")
    )


def feed(user) -> bytes:
    """The calendar, escaped and folded by icalendar as RFC 5545 says."""
    stamp = timezone.now()
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "localhost"
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//Manage safeguarding case reviews//Deadlines//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Case review deadlines"))
    for deadline in deadlines_of(user):
        title = rulebooks.CLOCK_KINDS.get(deadline.clock, deadline.clock)
        event = icalendar.Event()
        event.add("uid", f"{deadline.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due_on)
        event.add("dtend", deadline.due_on + dt.timedelta(days=1))
        event.add(
            "summary",
            _("%(reference)s: %(deadline)s due")
            % {"reference": deadline.reference, "deadline": title},
        )
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
