"""The words of reminders: e-mail subject and body, and the in-app line. Never a real name:
only the case reference, the board, the deadline, the rule and a link."""

import datetime as dt

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from reviews import rulebooks


def deadline_title(deadline) -> str:
    if deadline.action_id:
        return "Action: " + deadline.action.description.splitlines()[0][:80]
    if deadline.agency_request_id:
        return f"Information from {deadline.agency_request.agency.name}"
    clock = deadline.definition
    return clock.title if clock else rulebooks.CLOCK_KINDS.get(deadline.clock, deadline.clock)


def deadline_path(deadline) -> str:
    """Where the recipient deals with the deadline."""
    board_id = deadline.board_id
    if deadline.action_id:
        return reverse("reviews:actions", args=[board_id, deadline.action.review_id])
    if deadline.agency_request_id:
        return reverse(
            "reviews:agency_requests", args=[board_id, deadline.agency_request.review_id]
        )
    review = getattr(deadline.incident, "review", None)
    if deadline.clock in ("complete", "panel_copy") and review is not None:
        return reverse("reviews:review_detail", args=[board_id, review.pk])
    return reverse("reviews:incident_detail", args=[board_id, deadline.incident_id])


def when(reminder, today: dt.date) -> str:
    due = reminder.deadline.due_on
    if reminder.kind.startswith("escalation:") or reminder.kind == "overdue" or due < today:
        days = (today - due).days
        return f"overdue by {days} day{'s' if days != 1 else ''} (it was due on {due:%-d %B %Y})"
    if due == today:
        return "due today"
    return f"due on {due:%-d %B %Y}"


def subject(reminder, today: dt.date) -> str:
    deadline = reminder.deadline
    prefix = "Overdue, escalated" if reminder.kind.startswith("escalation:") else "Reminder"
    reference = deadline.incident.reference
    return f"{prefix}: {reference}, {deadline_title(deadline)} {when(reminder, today)}"


def body(reminder, today: dt.date) -> str:
    deadline = reminder.deadline
    clock = deadline.definition
    return render_to_string(
        "reminders/email/reminder.txt",
        {
            "reference": deadline.incident.reference,
            "board": deadline.board.name,
            "title": deadline_title(deadline),
            "when": when(reminder, today),
            "rule": deadline.rule,
            "source": clock.source if clock else "",
            "link": settings.SITE_URL + deadline_path(deadline),
            "escalation": reminder.kind.startswith("escalation:"),
            "late": reminder.late,
            "reminders_link": settings.SITE_URL + reverse("reminders:list"),
        },
    )


def digest_body(reminders, today: dt.date) -> str:
    lines = [
        {
            "reference": r.deadline.incident.reference,
            "title": deadline_title(r.deadline),
            "when": when(r, today),
            "link": settings.SITE_URL + deadline_path(r.deadline),
        }
        for r in reminders
    ]
    return render_to_string(
        "reminders/email/digest.txt",
        {"lines": lines, "reminders_link": settings.SITE_URL + reverse("reminders:list")},
    )
