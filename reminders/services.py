"""Sending reminders: the sweep claims due reminders and writes their e-mails to the outbox
in one transaction; delivery sends the outbox after commit, with retries and backoff.

Exactly once: a reminder is claimed by a conditional UPDATE (pending → sent) tagged with the
sweep's own token, so two sweeps, two beats or a re-run after a crash can never claim it
twice; on PostgreSQL `select_for_update(skip_locked=True)` also keeps concurrent sweeps off
each other's rows. The outbox rows are written in the same transaction, so a sweep killed
before commit leaves the reminders pending for the next one, and one killed after commit has
already queued its e-mails. Delivery holds each outbox row's lock while it sends and marks it
delivered before commit.
"""

import datetime as dt
import logging
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils import timezone

from boards.models import Membership
from core import permissions
from core.history import acting_as
from reminders import messages
from reminders.models import OutboxEmail, Reminder, ReminderPolicy
from reminders.planning import reminders_plan
from reviews.models import ReviewerAppointment

logger = logging.getLogger(__name__)
Status = Reminder.Status
# A reminder sent more than this after its time is marked late.
LATE_AFTER = dt.timedelta(hours=1)
SWEEP_BATCH = 2000
DELIVERY_BATCH = 200


def _lock(queryset):
    if connection.features.has_select_for_update_skip_locked:
        # Lock only the rows themselves, not the deadlines or users they are read with.
        return queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset  # SQLite: writes are serialised; the conditional UPDATE does the claiming


def _still_concerned():
    """The recipient is still active and still has a part in the deadline's board or review."""
    member = Membership.objects.filter(
        user=OuterRef("recipient_id"), board=OuterRef("deadline__board_id")
    )
    reviewer = ReviewerAppointment.objects.filter(
        user=OuterRef("recipient_id"),
        review__incident=OuterRef("deadline__incident_id"),
        ended_on__isnull=True,
    )
    return Q(recipient__is_active=True) & (Exists(member) | Exists(reviewer))


def claim_due(*, now: dt.datetime, limit: int = SWEEP_BATCH) -> list[Reminder]:
    """Claim up to `limit` due reminders for this transaction (call inside one)."""
    due = _lock(
        Reminder.objects.filter(status=Status.PENDING, send_at__lte=now)
        .filter(deadline__met_on__isnull=True, deadline__paused_since__isnull=True)
        .filter(_still_concerned())
        .order_by("send_at")
    )
    ids = list(due.values_list("pk", flat=True)[:limit])
    if not ids:
        return []
    token = uuid.uuid4()
    Reminder.objects.filter(pk__in=ids, status=Status.PENDING).update(
        status=Status.SENT,
        sent_at=now,
        claim=token,
        late=Case(When(send_at__lt=now - LATE_AFTER, then=Value(True)), default=Value(False)),
    )
    Reminder.objects.filter(claim=token, recipient__reminder_digest=True).update(
        digest_pending=True
    )
    return list(
        Reminder.objects.filter(claim=token).select_related(
            "recipient",
            "deadline__incident__review",
            "deadline__board",
            "deadline__action",
            "deadline__agency_request__agency",
        )
    )


def _queue(reminders: list[Reminder], now: dt.datetime) -> None:
    """Write one e-mail per reminder (digest users wait for their digest), and the next weekly
    escalation for each escalation sent."""
    today = timezone.localdate(now)
    emails, links = [], []
    for reminder in reminders:
        if reminder.digest_pending:
            continue
        emails.append(
            OutboxEmail(
                to=reminder.recipient.email,
                subject=messages.subject(reminder, today)[:300],
                body=messages.body(reminder, today),
                next_attempt_at=now,
            )
        )
        links.append(reminder)
    created = OutboxEmail.objects.bulk_create(emails, batch_size=1000)
    through = OutboxEmail.reminders.through
    through.objects.bulk_create(
        [
            through(outboxemail_id=e.pk, reminder_id=r.pk)
            for e, r in zip(created, links, strict=True)
        ],
        batch_size=1000,
    )
    escalated = {r.deadline_id for r in reminders if r.kind.startswith("escalation:")}
    if escalated:
        reminders_plan(deadline_ids=escalated, now=now)


def sweep(*, now: dt.datetime | None = None, batch: int = SWEEP_BATCH) -> int:
    """Send every due reminder once. Returns how many were claimed."""
    now = now or timezone.now()
    total = 0
    while True:
        with transaction.atomic():
            claimed = claim_due(now=now, limit=batch)
            if claimed:
                _queue(claimed, now)
        total += len(claimed)
        if len(claimed) < batch:
            break
    if total:
        logger.info("Reminder sweep claimed %d reminders", total)
    return total


def digest(*, now: dt.datetime | None = None) -> int:
    """One e-mail per digest user, listing the reminders sent to them in-app since the last."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    with transaction.atomic():
        pending = list(
            _lock(Reminder.objects.filter(status=Status.SENT, digest_pending=True))
            .select_related(
                "recipient",
                "deadline__incident__review",
                "deadline__board",
                "deadline__action",
                "deadline__agency_request__agency",
            )
            .order_by("recipient_id", "deadline__due_on")
        )
        by_user: dict = {}
        for reminder in pending:
            by_user.setdefault(reminder.recipient, []).append(reminder)
        for user, reminders in by_user.items():
            email = OutboxEmail.objects.create(
                to=user.email,
                subject=f"Your reminders: {len(reminders)} deadline"
                f"{'s' if len(reminders) != 1 else ''} to see to",
                body=messages.digest_body(reminders, today),
                next_attempt_at=now,
            )
            email.reminders.set(reminders)
            sent += 1
        Reminder.objects.filter(pk__in=[r.pk for r in pending]).update(digest_pending=False)
    return sent


def backoff(attempts: int) -> dt.timedelta:
    """1, 2, 4, 8... minutes, at most a day."""
    return min(dt.timedelta(minutes=2 ** (attempts - 1)), dt.timedelta(days=1))


def deliver(*, now: dt.datetime | None = None, batch: int = DELIVERY_BATCH) -> int:
    """Send queued e-mails that are due. Each row stays locked while it is sent; a failure is
    retried with backoff, and after REMINDER_MAX_ATTEMPTS recorded as failed."""
    now = now or timezone.now()
    delivered = 0
    while True:
        with transaction.atomic():
            rows = list(
                _lock(
                    OutboxEmail.objects.filter(
                        status=OutboxEmail.Status.QUEUED, next_attempt_at__lte=now
                    ).order_by("next_attempt_at")
                )[:batch]
            )
            if not rows:
                break
            mail = get_connection()
            mail.open()
            for row in rows:
                row.attempts += 1
                try:
                    EmailMessage(row.subject, row.body, None, [row.to], connection=mail).send()
                except Exception as error:  # noqa: BLE001 - any failure of the mail server
                    row.last_error = f"{type(error).__name__}: {error}"[:1000]
                    if row.attempts >= settings.REMINDER_MAX_ATTEMPTS:
                        row.status = OutboxEmail.Status.FAILED
                        logger.error(
                            "Reminder e-mail %s failed for good: %s", row.pk, row.last_error
                        )
                    else:
                        row.next_attempt_at = now + backoff(row.attempts)
                else:
                    row.status, row.delivered_at, row.last_error = (
                        OutboxEmail.Status.DELIVERED,
                        now,
                        "",
                    )
                    delivered += 1
            mail.close()
            OutboxEmail.objects.bulk_update(
                rows, ["status", "attempts", "next_attempt_at", "last_error", "delivered_at"]
            )
        if len(rows) < batch:
            break
    return delivered


# --- What users do with their reminders ------------------------------------------------------


def reminder_open(*, user, reminder: Reminder) -> Reminder:
    if reminder.recipient_id != user.pk:
        raise PermissionDenied
    if reminder.read_at is None:
        reminder.read_at = timezone.now()
        reminder.save(update_fields=["read_at"])
    return reminder


def reminders_mark_all_read(*, user) -> int:
    return Reminder.objects.filter(recipient=user, status=Status.SENT, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def digest_choose(*, user, daily: bool) -> None:
    user.reminder_digest = daily
    user.save(update_fields=["reminder_digest"])


@transaction.atomic
def policy_update(
    *,
    actor,
    board,
    working_days_before: list[int],
    on_due_day: bool,
    when_overdue: bool,
    escalate_weekly: bool,
) -> ReminderPolicy:
    """Change when the board's deadlines remind people; pending reminders move at once."""
    permissions.require(actor, "reminders.policy", board)
    days = sorted({int(d) for d in working_days_before}, reverse=True)
    if any(d < 1 or d > 60 for d in days):
        raise ValidationError(
            {"working_days_before": "Enter numbers of working days between 1 and 60"}
        )
    policy, _ = ReminderPolicy.objects.get_or_create(board=board)
    policy.working_days_before = days
    policy.on_due_day, policy.when_overdue = on_due_day, when_overdue
    policy.escalate_weekly = escalate_weekly
    acting_as(policy, actor).save()
    reminders_plan(
        deadline_ids=board.deadlines.filter(met_on__isnull=True).values_list("pk", flat=True)
    )
    return policy
