"""The iCalendar (RFC 5545) feed of a user's deadlines: one all-day event on each due date.

Events name the case reference and the deadline, never a person involved in the case."""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from deadlines import kinds
from deadlines.models import Deadline
from guidance import rulebooks
from reminders.access import seen_by_recipient
from reminders.models import Reminder


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    parts, data = [], line.encode()
    while len(data) > 75:
        cut = 75 if not parts else 74
        while (data[cut] & 0xC0) == 0x80:  # not inside a UTF-8 character
            cut -= 1
        parts.append(data[:cut].decode())
        data = data[cut:]
    parts.append(data.decode())
    return [parts[0], *(" " + part for part in parts[1:])]


def deadlines_of(user):
    """The open deadlines `user` is reminded of and may see now: not those of a board they
    left or a review they no longer review, whatever their reminders' state."""
    ids = Reminder.objects.filter(recipient=user).filter(seen_by_recipient()).values("deadline_id")
    return kinds.describe(
        Deadline.objects.filter(pk__in=ids, met_on__isnull=True).order_by("due_on")
    )


def feed(user) -> str:
    stamp = timezone.now().astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "localhost"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Manage safeguarding case reviews//Deadlines//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(_('Case review deadlines'))}",
    ]
    for deadline in deadlines_of(user):
        title = rulebooks.CLOCK_KINDS.get(deadline.clock, deadline.clock)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{deadline.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{deadline.due_on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{deadline.due_on + dt.timedelta(days=1):%Y%m%d}",
            "SUMMARY:"
            + _escape(
                _("%(reference)s: %(deadline)s due")
                % {"reference": deadline.reference, "deadline": title}
            ),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(f"{part}\r\n" for line in lines for part in _fold(line))
