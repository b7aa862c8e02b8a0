import datetime as dt
from collections import Counter
from typing import NamedTuple

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from deadlines import kinds
from reminders import messages
from reminders.access import seen_by
from reminders.models import OutboxEmail, Reminder, ReminderPolicy
from reminders.planning import DEFAULT_POLICY

SELECT = ("deadline__board",)


def _mine(user) -> QuerySet:
    """The user's reminders of deadlines they may still see: those of a board they left, or
    of a review they no longer review, name its case references and are theirs no more."""
    return Reminder.objects.filter(recipient=user).filter(seen_by(user, "deadline__"))


def reminder_list_for_user(*, user) -> QuerySet:
    """The user's reminders: sent ones (newest first) and those still to come. No user (the
    API schema being drawn): none."""
    if user is None:
        return Reminder.objects.none()
    return (
        _mine(user)
        .exclude(status=Reminder.Status.CANCELLED)
        .select_related(*SELECT)
        .order_by("status", "-send_at")
    )


def reminders_sent(*, user) -> QuerySet:
    """The user's reminders sent, newest first (their page lists them a page at a time), each
    with `email_failed`: its own e-mail, or a digest that listed it, failed."""
    failed_digests = OutboxEmail.objects.filter(
        reminders=OuterRef("pk"), status=OutboxEmail.Status.FAILED
    )
    return (
        reminder_list_for_user(user=user)
        .filter(status=Reminder.Status.SENT)
        .annotate(email_failed=Q(email_status=Reminder.Email.FAILED) | Exists(failed_digests))
    )


def reminders_pending(*, user) -> QuerySet:
    """The user's reminders still to come."""
    return reminder_list_for_user(user=user).filter(status=Reminder.Status.PENDING)


def reminder_get(*, user, reminder_id) -> Reminder:
    """One of the user's reminders, with what its deadline's page needs, or 404."""
    return get_object_or_404(_mine(user).select_related("deadline"), pk=reminder_id)


def described(reminders) -> list[Reminder]:
    """The reminders, their deadlines described (what they concern, their title and link) in
    one batch per kind of deadline."""
    reminders = list(reminders)
    kinds.describe(r.deadline for r in reminders)
    return reminders


class ComingUp(NamedTuple):
    """A deadline's next reminder to the user, and the reminders planned after it."""

    next: Reminder
    later: list[Reminder]

    @property
    def last(self) -> Reminder | None:
        return self.later[-1] if self.later else None


def coming_up(pending) -> list[ComingUp]:
    """One row per deadline, the soonest reminder first (ties: the deadline due first)."""
    by_deadline: dict = {}
    for reminder in sorted(pending, key=lambda r: (r.send_at, r.deadline.due_on)):
        by_deadline.setdefault(reminder.deadline_id, []).append(reminder)
    return [ComingUp(reminders[0], reminders[1:]) for reminders in by_deadline.values()]


def unread(*, user) -> QuerySet:
    """The user's reminders sent and not yet read."""
    return _mine(user).filter(status=Reminder.Status.SENT, read_at__isnull=True)


def policy_for(*, board):
    return ReminderPolicy.objects.filter(board=board).first() or ReminderPolicy(
        board=board,
        working_days_before=list(DEFAULT_POLICY.working_days_before),
        on_due_day=DEFAULT_POLICY.on_due_day,
        when_overdue=DEFAULT_POLICY.when_overdue,
        escalate_weekly=DEFAULT_POLICY.escalate_weekly,
    )


class FailedEmail(NamedTuple):
    to: str
    subject: str
    last_error: str
    attempts: int
    at: dt.datetime


def failed_emails(*, limit: int = 50) -> list[FailedEmail]:
    """E-mails the mail server refused after every retry, newest first: reminders' own and
    the digests."""
    writer = messages.Writer(timezone.localdate())
    reminders = Reminder.objects.filter(email_status=Reminder.Email.FAILED).order_by("-sent_at")[
        :limit
    ]
    errors = {
        pk: (error, at) for pk, error, at in reminders.values_list("pk", "email_error", "sent_at")
    }
    failed = [
        FailedEmail(r.email, writer.subject(r), errors[r.id][0], r.attempts, errors[r.id][1])
        for r in messages.facts_of(Reminder.objects.filter(pk__in=list(errors)))
    ]
    failed += [
        FailedEmail(e.to, e.subject, e.last_error, e.attempts, e.created_at)
        for e in OutboxEmail.objects.filter(status=OutboxEmail.Status.FAILED).order_by(
            "-created_at"
        )[:limit]
    ]
    return sorted(failed, key=lambda e: e.at, reverse=True)[:limit]


class InFlightEmail(NamedTuple):
    to: str
    subject: str
    since: dt.datetime
    again_at: dt.datetime


def in_flight_emails(*, limit: int = 50) -> list[InFlightEmail]:
    """E-mails handed to the mail server and not yet confirmed, oldest first: being sent now,
    or left by a worker that stopped mid-send, to be sent again from `again_at`."""
    writer = messages.Writer(timezone.localdate())
    lease = dt.timedelta(seconds=settings.EMAIL_IN_FLIGHT_SECONDS)
    reminders = Reminder.objects.filter(email_status=Reminder.Email.SENDING).order_by(
        "email_next_attempt_at"
    )[:limit]
    again = dict(reminders.values_list("pk", "email_next_attempt_at"))
    emails = [
        InFlightEmail(r.email, writer.subject(r), again[r.id] - lease, again[r.id])
        for r in messages.facts_of(Reminder.objects.filter(pk__in=list(again)))
    ]
    emails += [
        InFlightEmail(e.to, e.subject, e.next_attempt_at - lease, e.next_attempt_at)
        for e in OutboxEmail.objects.filter(status=OutboxEmail.Status.SENDING).order_by(
            "next_attempt_at"
        )[:limit]
    ]
    return sorted(emails, key=lambda e: e.again_at)[:limit]


def email_counts() -> dict:
    """E-mails waiting, delivered and failed for good, reminders' own and digests together."""
    counts = Counter()
    for status, n in (
        Reminder.objects.filter(email_status__in=["queued", "sending", "delivered", "failed"])
        .values_list("email_status")
        .annotate(n=Count("pk"))
    ):
        counts[status] += n
    for status, n in OutboxEmail.objects.values_list("status").annotate(n=Count("pk")):
        counts[status] += n
    return dict(counts)
