"""The words of reminders: e-mail subject and body, and the in-app line. Never a real name:
only the case reference, the board, the deadline, the rule and a link.

A sweep after downtime writes tens of thousands of e-mails, so they are written from plain
rows (`ReminderFacts`, read with one query per batch) with the templates compiled once, and
every e-mail links to the reminder itself, which marks it read and leads on to the deadline.
"""

import datetime as dt
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.template.loader import get_template
from django.urls import reverse

from guidance import rulebooks


@dataclass(frozen=True, slots=True)
class ReminderFacts:
    """What an e-mail says about one reminder, read without building model instances."""

    id: int
    kind: str
    late: bool
    attempts: int  # at sending its e-mail, so far
    recipient_id: int
    email: str
    board: str | None
    case_reference: str | None
    due_on: dt.date
    rulebook: str
    clock: str
    action_agency: str | None
    request_agency: str | None
    accreditation_id: object
    accredited_reviewer: str | None

    @property
    def escalation(self) -> bool:
        return self.kind.startswith("escalation:")

    @property
    def reference(self) -> str:
        """The case reference, or whose accreditation: never the name of a case's subject."""
        if self.accreditation_id:
            return f"Accreditation of {self.accredited_reviewer}"
        return self.case_reference


# ORM paths from Reminder, in the order of ReminderFacts' fields.
FACT_PATHS = (
    "pk",
    "kind",
    "late",
    "email_attempts",
    "recipient_id",
    "recipient__email",
    "deadline__board__name",
    "deadline__incident__reference",
    "deadline__due_on",
    "deadline__rulebook",
    "deadline__clock",
    "deadline__action__owner_agency__name",
    "deadline__agency_request__agency__name",
    "deadline__accreditation_id",
    "deadline__accreditation__user__name",
)


def facts_of(queryset) -> list[ReminderFacts]:
    return [ReminderFacts(*row) for row in queryset.values_list(*FACT_PATHS)]


@cache
def _clock(rulebook: str, clock: str) -> rulebooks.Clock | None:
    """The statutory clock, or None for deadlines of no rulebook (an accreditation's)."""
    book = rulebooks.RULEBOOKS.get(rulebook)
    return book.clock(clock) if book else None


def _title(*, rulebook, clock, action_agency, request_agency, description=None) -> str:
    if action_agency is not None:
        title = f"Action for {action_agency}"
        if description is not None:
            title += ": " + (description.splitlines() or [""])[0][:80]
        return title
    if request_agency is not None:
        return f"Information from {request_agency}"
    definition = _clock(rulebook, clock)
    return definition.title if definition else rulebooks.CLOCK_KINDS.get(clock, clock)


def deadline_title(deadline) -> str:
    """The deadline in the service's own pages, where an action shows its description."""
    return _title(
        rulebook=deadline.rulebook,
        clock=deadline.clock,
        action_agency=deadline.action.owner_agency.name if deadline.action_id else None,
        request_agency=(
            deadline.agency_request.agency.name if deadline.agency_request_id else None
        ),
        description=deadline.action.description if deadline.action_id else None,
    )


def email_title(facts: ReminderFacts) -> str:
    """The deadline in an e-mail: no free text, which people write and which may name someone."""
    return _title(
        rulebook=facts.rulebook,
        clock=facts.clock,
        action_agency=facts.action_agency,
        request_agency=facts.request_agency,
    )


def kind_label(kind: str) -> str:
    """When a reminder goes, in words: "5 working days before", "On the day it is due"."""
    name, _, number = kind.partition(":")
    if name == "before":
        return f"{number} working day{'s' if number != '1' else ''} before"
    if name == "escalation":
        return f"Escalation, week {number} overdue"
    return {"due_day": "On the day it is due", "overdue": "The day after it was due"}.get(
        kind, kind
    )


def deadline_path(deadline) -> str:
    """Where the recipient deals with the deadline."""
    if deadline.accreditation_id:
        return reverse("accreditation:accreditation_detail", args=[deadline.accreditation_id])
    board_id = deadline.board_id
    if deadline.action_id:
        return reverse("reviews:actions", args=[board_id, deadline.action.review_id])
    if deadline.agency_request_id:
        return reverse(
            "reviews:agency_requests", args=[board_id, deadline.agency_request.review_id]
        )
    review = getattr(deadline.incident, "review", None)
    if deadline.clock in rulebooks.REVIEW_CLOCKS and review is not None:
        return reverse("reviews:review_detail", args=[board_id, review.pk])
    return reverse("reviews:incident_detail", args=[board_id, deadline.incident_id])


def _rule(facts: ReminderFacts) -> str:
    if facts.accreditation_id:
        return f"accreditation.{facts.clock}"
    if facts.action_agency is not None or facts.request_agency is not None:
        return f"board.{facts.clock}"
    return rulebooks.get(facts.rulebook).rule(facts.clock)


ACCREDITATION_SOURCES = {
    "annual_review": "SCIE lead reviewer programme: accreditation is reviewed every year",
    "network_meetings": "SCIE lead reviewer programme: accredited reviewers attend network "
    "meetings every year",
}


def _source(facts: ReminderFacts) -> str:
    if facts.accreditation_id:
        return ACCREDITATION_SOURCES.get(facts.clock, "")
    if facts.action_agency or facts.request_agency:
        return ""
    definition = _clock(facts.rulebook, facts.clock)
    return definition.source if definition else ""


def when(facts: ReminderFacts, today: dt.date) -> str:
    due = facts.due_on
    if facts.escalation or facts.kind == "overdue" or due < today:
        days = (today - due).days
        return f"overdue by {days} day{'s' if days != 1 else ''} (it was due on {due:%-d %B %Y})"
    if due == today:
        return "due today"
    return f"due on {due:%-d %B %Y}"


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
        self._open_head, _, self._open_tail = url.rpartition(marker)

    def link(self, facts: ReminderFacts) -> str:
        """The reminder's own address: opening it marks it read and leads to the deadline."""
        return f"{self._open_head}{facts.id}{self._open_tail}"

    def subject(self, facts: ReminderFacts) -> str:
        prefix = "Overdue, escalated" if facts.escalation else "Reminder"
        return f"{prefix}: {facts.reference}, {email_title(facts)} {when(facts, self.today)}"

    def body(self, facts: ReminderFacts) -> str:
        return self.reminder_template.render(
            {
                "reference": facts.reference,
                "board": facts.board,
                "title": email_title(facts),
                "when": when(facts, self.today),
                "rule": _rule(facts),
                "source": _source(facts),
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
