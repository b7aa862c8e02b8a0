"""The words of reminders: e-mail subject and body, and the in-app line. Never a real name:
only the case reference, the board, the deadline, the rule and a link.

A sweep after downtime writes tens of thousands of e-mails, so they are written from plain
rows (`ReminderFacts`: the reminders, their deadlines and one query per kind of deadline
for each batch, `deadlines.kinds.describe`) with the templates compiled once, and
every e-mail links to the reminder itself, which marks it read and leads on to the deadline.
"""

import contextlib
import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.emails import language_of
from deadlines import kinds
from deadlines.models import Deadline


@dataclass(frozen=True, slots=True)
class ReminderFacts:
    """What an e-mail says about one reminder, read without building a Reminder."""

    id: int
    kind: str
    late: bool
    attempts: int  # at sending its e-mail, so far
    recipient_id: int
    email: str
    language: str  # the recipient's own choice ("" if none)
    board: str | None
    board_language: str | None
    due_on: dt.date
    # What the deadline concerns and what is due, as its kind describes it (deadlines.kinds):
    # a case reference or whose accreditation, never the name of a case's subject, and no
    # free text, which people write and which may name someone.
    reference: str
    title: str
    rule: str
    source: str

    @property
    def escalation(self) -> bool:
        return self.kind.startswith("escalation:")

    def in_language(self) -> contextlib.AbstractContextManager:
        """Write the e-mail inside this: in its recipient's language, else its board's."""
        return translation.override(_email_language(self.language, self.board_language))


def _email_language(language: str, board_language: str | None) -> str:
    return language_of(
        SimpleNamespace(language=language), SimpleNamespace(language=board_language or "")
    )


# ORM paths from Reminder, in the order of ReminderFacts' first fields, then the deadline.
FACT_PATHS = (
    "pk",
    "kind",
    "late",
    "email_attempts",
    "recipient_id",
    "recipient__email",
    "recipient__language",
    "deadline__board__name",
    "deadline__board__language",
    "deadline__due_on",
    "deadline_id",
)
LANGUAGE = FACT_PATHS.index("recipient__language")
BOARD_LANGUAGE = FACT_PATHS.index("deadline__board__language")
DESCRIBED_BY = ("pk", "kind", "owner_id", "case_id", "board_id", "rulebook", "clock")


def facts_of(queryset) -> list[ReminderFacts]:
    """One query for the reminders, and for each language the e-mails are written in, one for
    their deadlines and one or two per kind: a kind describes its deadlines in the language
    active, so each e-mail's title is described in its own."""
    rows = list(queryset.values_list(*FACT_PATHS))
    languages = [_email_language(row[LANGUAGE], row[BOARD_LANGUAGE]) for row in rows]
    by_language: dict[str, set] = {}
    for language, row in zip(languages, rows, strict=True):
        by_language.setdefault(language, set()).add(row[-1])
    described = {}
    for language, ids in by_language.items():
        with translation.override(language):
            for deadline in kinds.describe(Deadline.objects.filter(pk__in=ids).only(*DESCRIBED_BY)):
                about = deadline.about
                described[language, deadline.pk] = (
                    about.reference,
                    str(about.title),
                    deadline.rule,
                    deadline.source,
                )
    return [
        ReminderFacts(*row, *described[language, deadline_id])
        for language, (*row, deadline_id) in zip(languages, rows, strict=True)
    ]


def deadline_title(deadline) -> str:
    """The deadline in the service's own pages, where an action shows its description."""
    return deadline.about.title_in_pages


def in_language_now(text) -> str:
    """A text of the rules (`RuleText`) or a lazy string read again in the language active:
    the facts are read before each e-mail's language is (`ReminderFacts.in_language`)."""
    promise = getattr(text, "promise", None)
    return str(promise if promise is not None else text)


def email_title(facts: ReminderFacts) -> str:
    """The deadline in an e-mail: no free text, which people write and which may name someone."""
    return in_language_now(facts.title)


def kind_label(kind: str) -> str:
    """When a reminder goes, in words: "5 working days before", "On the day it is due"."""
    name, __, number = kind.partition(":")
    if name == "before":
        return ngettext(
            "%(count)s working day before", "%(count)s working days before", int(number)
        ) % {"count": number}
    if name == "escalation":
        return _("Escalation, week %(week)s overdue") % {"week": number}
    if kind == "due_day":
        return _("On the day it is due")
    if kind == "overdue":
        return _("The day after it was due")
    return kind


def deadline_path(deadline) -> str:
    """Where the recipient deals with the deadline (their reminders, if its record is gone)."""
    return deadline.about.path or reverse("reminders:list")


def when(facts: ReminderFacts, today: dt.date) -> str:
    due = facts.due_on
    if facts.escalation or facts.kind == "overdue" or due < today:
        days = (today - due).days
        return ngettext(
            "overdue by %(days)s day (it was due on %(day)s)",
            "overdue by %(days)s days (it was due on %(day)s)",
            days,
        ) % {"days": days, "day": date_format(due, "j F Y")}
    if due == today:
        return _("due today")
    return _("due on %(day)s") % {"day": date_format(due, "j F Y")}


class Writer:
    """Writes the e-mails of one batch: templates and links worked out once, not per e-mail."""

    def __init__(self, today: dt.date):
        self.today = today
        self.reminder_template = get_template("reminders/email/reminder.txt")
        self.digest_template = get_template("reminders/email/digest.txt")
        self.reminders_link = settings.SITE_URL + reverse("reminders:list")
        # reverse() costs tens of microseconds; the link differs only by the reminder's id.
        marker = "987654321"
        url = settings.SITE_URL + reverse("reminders:open", args=[int(marker)])
        self._open_head, __, self._open_tail = url.rpartition(marker)

    def link(self, facts: ReminderFacts) -> str:
        """The reminder's own address: opening it marks it read and leads to the deadline."""
        return f"{self._open_head}{facts.id}{self._open_tail}"

    def subject(self, facts: ReminderFacts) -> str:
        values = {
            "reference": facts.reference,
            "title": email_title(facts),
            "when": when(facts, self.today),
        }
        if facts.escalation:
            return _("Overdue, escalated: %(reference)s, %(title)s %(when)s") % values
        return _("Reminder: %(reference)s, %(title)s %(when)s") % values

    def written(self, facts: ReminderFacts) -> tuple[str, str]:
        """The reminder's e-mail, (subject, body), in its recipient's language."""
        with facts.in_language():
            return self.subject(facts), self.body(facts)

    def body(self, facts: ReminderFacts) -> str:
        return self.reminder_template.render(
            {
                "reference": facts.reference,
                "board": facts.board,
                "title": email_title(facts),
                "when": when(facts, self.today),
                "rule": facts.rule,
                "source": in_language_now(facts.source),
                "link": self.link(facts),
                "escalation": facts.escalation,
                "late": facts.late,
                "reminders_link": self.reminders_link,
            }
        )

    def digest_body(self, reminders: list[ReminderFacts]) -> str:
        lines = [
            {
                "reference": r.reference,
                "title": email_title(r),
                "when": when(r, self.today),
                "link": self.link(r),
            }
            for r in reminders
        ]
        return self.digest_template.render({"lines": lines, "reminders_link": self.reminders_link})
