"""Sending reminders: the sweep claims due reminders and queues their e-mails in one
set-based UPDATE; delivery writes and sends the queued e-mails after commit, with retries and
backoff.

Exactly once: a reminder is claimed by a conditional UPDATE (pending → sent) in the sweep's
transaction, so two sweeps, two beats or a re-run after a crash can never claim it twice; on
PostgreSQL `select_for_update(skip_locked=True)` also keeps concurrent sweeps off each other's
rows. The e-mail is queued by the same UPDATE, so a sweep killed before commit leaves the
reminders pending for the next one, and one killed after commit has already queued them.
Delivery is at most once per attempt: each e-mail is marked as being sent (committed) before
it is handed to the mail backend and as delivered after (`_send_one_at_a_time`), so a worker
killed mid-batch sends again only the one e-mail it was sending.

The sweep does no work per reminder in Python: after a day of downtime it may have a hundred
thousand to claim (bench/reminder_sweep.py). Writing the e-mails is delivery's work.
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import permissions
from core.concurrency import lock_skipping_locked
from core.emails import in_language_of
from core.history import acting_as
from reminders import messages
from reminders.access import seen_by_recipient
from reminders.messages import ReminderFacts
from reminders.models import OutboxEmail, Reminder, ReminderPolicy
from reminders.planning import reminders_plan

logger = logging.getLogger(__name__)
Status = Reminder.Status
Email = Reminder.Email
# A reminder sent more than this after its time is marked late.
LATE_AFTER = dt.timedelta(hours=1)
SWEEP_BATCH = 5000
DELIVERY_BATCH = 200


def email_queue(*, to, subject: str, body: str) -> list[OutboxEmail]:
    """Queue one written e-mail per address, delivered with retries by `deliver` after the
    caller's transaction commits. The caller names no one in it but by their case reference
    (docs/security.md)."""
    now = timezone.now()
    return OutboxEmail.objects.bulk_create(
        OutboxEmail(to=address, subject=subject, body=body, next_attempt_at=now)
        for address in dict.fromkeys(to)
    )


def _still_concerned() -> Q:
    """The deadline is open and running, and the recipient may still see it."""
    return Q(deadline__met_on__isnull=True, deadline__paused_since__isnull=True) & (
        seen_by_recipient()
    )


class Claim(NamedTuple):
    taken: int  # due rows taken off the pending list
    sent: int  # of which sent; the others no longer concerned anyone and were cancelled


def claim_due(*, now: dt.datetime, limit: int = SWEEP_BATCH) -> Claim:
    """Claim up to `limit` due reminders for this transaction (call inside one): send those
    that still concern their recipient, queueing their e-mails, and cancel the others."""
    due = lock_skipping_locked(
        Reminder.objects.filter(status=Status.PENDING, send_at__lte=now).order_by("send_at")
    )
    ids = list(due.values_list("pk", flat=True)[:limit])
    if not ids:
        return Claim(0, 0)
    wants_digest = Exists(
        get_user_model().objects.filter(pk=OuterRef("recipient_id"), reminder_digest=True)
    )
    claimed = Reminder.objects.filter(pk__in=ids, status=Status.PENDING)
    sent = claimed.filter(_still_concerned()).update(
        status=Status.SENT,
        sent_at=now,
        # Late: held up after it was both due and known. One planned after its moment had
        # passed (an incident logged with a clock already overdue) goes out now, on time.
        late=Case(
            When(send_at__lt=now - LATE_AFTER, created_at__lt=now - LATE_AFTER, then=Value(True)),
            default=Value(False),
        ),
        # Digest users see it in the service now, and by e-mail in their daily digest.
        email_status=Case(
            When(wants_digest, then=Value(Email.DIGEST)), default=Value(Email.QUEUED)
        ),
        email_next_attempt_at=now,
    )
    claimed.update(status=Status.CANCELLED)  # what is still pending concerns nobody now
    escalated = set(
        Reminder.objects.filter(
            pk__in=ids, status=Status.SENT, kind__startswith="escalation:"
        ).values_list("deadline_id", flat=True)
    )
    if escalated:
        reminders_plan(deadline_ids=escalated, now=now)  # the next weekly escalation
    return Claim(len(ids), sent)


def sweep(*, now: dt.datetime | None = None, batch: int = SWEEP_BATCH) -> int:
    """Send every due reminder once. Returns how many were sent."""
    now = now or timezone.now()
    total = 0
    while True:
        with transaction.atomic():
            claim = claim_due(now=now, limit=batch)
        total += claim.sent
        # Rows cancelled as no longer concerning anyone still count towards a full batch.
        if claim.taken < batch:
            break
    if total:
        logger.info("Reminder sweep sent %d reminders", total)
    return total


def digest(*, now: dt.datetime | None = None) -> int:
    """One e-mail per digest user, listing the reminders sent to them in-app since the last."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            lock_skipping_locked(
                Reminder.objects.filter(status=Status.SENT, email_status=Email.DIGEST)
            ).values_list("pk", flat=True)
        )
        return _digests_write(ids, now)


def _digests_write(ids, now: dt.datetime) -> int:
    """Queue one digest per recipient of these reminders (locked by the caller), listing them."""
    writer = messages.Writer(timezone.localdate(now))
    by_user: dict[int, list[ReminderFacts]] = {}
    for reminder in messages.facts_of(
        Reminder.objects.filter(pk__in=ids).order_by("recipient_id", "deadline__due_on")
    ):
        by_user.setdefault(reminder.recipient_id, []).append(reminder)
    for reminders in by_user.values():
        count = len(reminders)
        # In the recipient's language: a digest is about many deadlines, so of no one board.
        with in_language_of(SimpleNamespace(language=reminders[0].language)):
            subject = ngettext(
                "Your reminders: %(count)s deadline to see to",
                "Your reminders: %(count)s deadlines to see to",
                count,
            ) % {"count": count}
            body = writer.digest_body(reminders)
        email = OutboxEmail.objects.create(
            to=reminders[0].email, subject=subject, body=body, next_attempt_at=now
        )
        email.reminders.set([r.id for r in reminders])
    Reminder.objects.filter(pk__in=ids).update(email_status=Email.IN_DIGEST)
    return len(by_user)


def _withhold_unseen(reminders, now: dt.datetime) -> int:
    """Withhold the e-mails not yet sent of those of `reminders` whose recipient may no longer
    see the deadline: their own e-mail, their line in a daily digest still to come, and a
    queued digest naming them (written again now without them). Returns how many."""
    unseen = reminders.exclude(seen_by_recipient())
    digests = list(
        OutboxEmail.objects.filter(
            Q(status=OutboxEmail.Status.QUEUED)
            | Q(status=OutboxEmail.Status.SENDING, next_attempt_at__lte=now),
            reminders__in=unseen.filter(email_status=Email.IN_DIGEST),
        )
        .distinct()
        .values_list("pk", flat=True)
    )
    # A line of a digest already sent stays "in a daily digest": it was e-mailed.
    withheld = unseen.filter(
        Q(email_status__in=[Email.QUEUED, Email.DIGEST])
        | Q(email_status=Email.IN_DIGEST, emails__in=digests)
    ).update(email_status=Email.WITHHELD, email_next_attempt_at=None)
    if digests:
        OutboxEmail.objects.filter(pk__in=digests).update(status=OutboxEmail.Status.WITHHELD)
        kept = Reminder.objects.filter(emails__in=digests, email_status=Email.IN_DIGEST)
        _digests_write(list(kept.values_list("pk", flat=True)), now)
    return withheld


@transaction.atomic
def reminders_withdraw(*, user, now: dt.datetime | None = None) -> int:
    """`user` lost a role, an appointment or their account (core/access.py): cancel their
    pending reminders and withhold their e-mails not yet sent, of every deadline they may no
    longer see, in the caller's transaction. Returns how many reminders it changed."""
    now = now or timezone.now()
    mine = Reminder.objects.filter(recipient=user)
    cancelled = (
        mine.filter(status=Status.PENDING)
        .exclude(seen_by_recipient())
        .update(status=Status.CANCELLED)
    )
    return cancelled + _withhold_unseen(mine.filter(status=Status.SENT), now)


def backoff(attempts: int) -> dt.timedelta:
    """1, 2, 4, 8... minutes, at most a day."""
    return min(dt.timedelta(minutes=2 ** (attempts - 1)), dt.timedelta(days=1))


class Attempt(NamedTuple):
    delivered: bool
    failed_for_good: bool
    error: str
    next_attempt_at: dt.datetime | None


def _send(mail, attempts: int, now: dt.datetime, message: Callable[[], EmailMessage]) -> Attempt:
    """Send one e-mail, the `attempts`th try; a failure is retried with backoff, and after
    REMINDER_MAX_ATTEMPTS recorded as failed for good."""
    try:
        email = message()
    except Exception as error:
        # Not the mail server's fault, and retrying will not help: recorded, and logged loudly.
        logger.exception("Could not write an e-mail")
        return Attempt(False, True, f"Could not write the e-mail: {type(error).__name__}", None)
    try:
        mail.open()  # once per batch: a no-op while the connection is open
        email.connection = mail
        email.send()
    except Exception as error:  # noqa: BLE001 - any failure of the mail server
        text = f"{type(error).__name__}: {error}"[:1000]
        if attempts >= settings.REMINDER_MAX_ATTEMPTS:
            return Attempt(False, True, text, None)
        return Attempt(False, False, text, now + backoff(attempts))
    return Attempt(True, False, "", None)


@dataclass(frozen=True)
class _Outbox:
    """Where one table keeps an e-mail's delivery: `Reminder` (a reminder's own e-mail) and
    `OutboxEmail` (written e-mails: digests, decision letters) name their columns differently
    but go through the same steps."""

    model: type
    status: str
    attempts: str
    next_attempt_at: str
    error: str
    delivered_at: str

    def waiting(self, now: dt.datetime):
        """E-mails to send now: queued and due, or left in flight by a stopped worker."""
        return self.model.objects.filter(
            **{
                f"{self.status}__in": [Email.QUEUED, Email.SENDING],
                f"{self.next_attempt_at}__lte": now,
            }
        )

    def claim(self, pk, now: dt.datetime) -> bool:
        """Mark the e-mail as being sent, unless another worker took it first. Until
        `EMAIL_IN_FLIGHT_SECONDS` have passed nobody else sends it; after that it counts as an
        attempt left unfinished and is sent again."""
        in_flight_until = timezone.now() + dt.timedelta(seconds=settings.EMAIL_IN_FLIGHT_SECONDS)
        return bool(
            self.waiting(now)
            .filter(pk=pk)
            .update(
                **{
                    self.status: Email.SENDING,
                    self.attempts: F(self.attempts) + 1,
                    self.next_attempt_at: in_flight_until,
                }
            )
        )

    def record(self, pk, result: Attempt, now: dt.datetime) -> None:
        """Record how the e-mail being sent went: delivered, to be retried, or failed."""
        if result.delivered:
            values = {self.status: Email.DELIVERED, self.error: "", self.delivered_at: now}
        else:
            values = {
                self.status: Email.FAILED if result.failed_for_good else Email.QUEUED,
                self.error: result.error,
            }
        if result.next_attempt_at or self.model._meta.get_field(self.next_attempt_at).null:
            values[self.next_attempt_at] = result.next_attempt_at  # none once done
        self.model.objects.filter(pk=pk, **{self.status: Email.SENDING}).update(**values)


REMINDER_EMAILS = _Outbox(
    Reminder,
    "email_status",
    "email_attempts",
    "email_next_attempt_at",
    "email_error",
    "email_delivered_at",
)
WRITTEN_EMAILS = _Outbox(
    OutboxEmail, "status", "attempts", "next_attempt_at", "last_error", "delivered_at"
)


def _send_one_at_a_time(outbox: _Outbox, emails, mail, now: dt.datetime) -> int:
    """Send `emails` ((pk, the try it will be, a function writing the message)) one at a time.
    Returns how many were delivered.

    Each e-mail is marked as being sent, and that committed, before it is handed to the mail
    backend; its outcome is recorded in the transaction that marks the next one (one commit an
    e-mail). A worker killed mid-batch so leaves at most the one e-mail it was sending in
    flight, sent again after EMAIL_IN_FLIGHT_SECONDS: a kill doubles at most one e-mail and
    loses none (ADR 0004, docs/runbook.md). Call it outside any transaction.
    """
    delivered = 0
    outcome = None  # (pk, Attempt) of the e-mail just sent, recorded with the next claim
    for pk, tries, message in emails:
        with transaction.atomic():
            if outcome is not None:
                outbox.record(*outcome, now)
            claimed = outbox.claim(pk, now)
        outcome = None
        if not claimed:
            continue  # another worker took it
        result = _send(mail, tries, now, message)
        if result.failed_for_good:
            logger.error(
                "E-mail %s of %s failed for good: %s", pk, outbox.model.__name__, result.error
            )
        delivered += result.delivered
        outcome = (pk, result)
    if outcome is not None:
        with transaction.atomic():
            outbox.record(*outcome, now)
    return delivered


def _reminder_email(writer, facts: ReminderFacts) -> EmailMessage:
    """The reminder's own e-mail, written in its recipient's language."""
    subject, body = writer.written(facts)
    return EmailMessage(subject[:300], body, None, [facts.email])


def _deliver_reminders(mail, now: dt.datetime, writer, batch: int) -> tuple[int, int]:
    """Write and send one batch of reminders' own e-mails. Returns (taken, delivered)."""
    ids = list(
        REMINDER_EMAILS.waiting(now)
        .order_by("email_next_attempt_at", "pk")
        .values_list("pk", flat=True)[:batch]
    )
    if not ids:
        return 0, 0
    # However access went (a role removed in bulk, an account disabled by hand), an e-mail
    # whose recipient may no longer see its deadline is not sent.
    with transaction.atomic():
        REMINDER_EMAILS.waiting(now).filter(pk__in=ids).exclude(seen_by_recipient()).update(
            email_status=Email.WITHHELD, email_next_attempt_at=None
        )
    emails = [
        (
            facts.id,
            facts.attempts + 1,
            lambda facts=facts: _reminder_email(writer, facts),
        )
        for facts in messages.facts_of(
            REMINDER_EMAILS.waiting(now).filter(pk__in=ids).order_by("email_next_attempt_at", "pk")
        )
    ]
    return len(ids), _send_one_at_a_time(REMINDER_EMAILS, emails, mail, now)


def _deliver_outbox(mail, now: dt.datetime, batch: int) -> tuple[int, int]:
    """Send one batch of written e-mails (digests, decision letters). Returns (taken,
    delivered)."""
    ids = list(
        WRITTEN_EMAILS.waiting(now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:batch]
    )
    if not ids:
        return 0, 0
    # A digest naming a deadline its recipient may no longer see is written again without it.
    with transaction.atomic():
        _withhold_unseen(Reminder.objects.filter(emails__in=ids), now)
    emails = [
        (
            row.pk,
            row.attempts + 1,
            lambda row=row: EmailMessage(row.subject, row.body, None, [row.to]),
        )
        for row in WRITTEN_EMAILS.waiting(now).filter(pk__in=ids).order_by("next_attempt_at", "pk")
    ]
    return len(ids), _send_one_at_a_time(WRITTEN_EMAILS, emails, mail, now)


def deliver(*, now: dt.datetime | None = None, batch: int = DELIVERY_BATCH) -> int:
    """Send the e-mails that are due: reminders' own, then the written ones (digests, decision
    letters), each marked as being sent before it goes (`_send_one_at_a_time`). Call it
    outside any transaction, as the task does. Returns how many were delivered."""
    now = now or timezone.now()
    writer = messages.Writer(timezone.localdate(now))
    delivered = 0
    for send_batch in (
        lambda mail: _deliver_reminders(mail, now, writer, batch),
        lambda mail: _deliver_outbox(mail, now, batch),
    ):
        while True:
            mail = get_connection()  # opened at the first e-mail of the batch
            try:
                taken, sent = send_batch(mail)
            finally:
                mail.close()
            delivered += sent
            if taken < batch:
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
            {"working_days_before": _("Enter numbers of working days between 1 and 60")}
        )
    policy, __ = ReminderPolicy.objects.get_or_create(board=board)
    policy.working_days_before = days
    policy.on_due_day, policy.when_overdue = on_due_day, when_overdue
    policy.escalate_weekly = escalate_weekly
    acting_as(policy, actor).save()
    reminders_plan(
        deadline_ids=board.deadlines.filter(met_on__isnull=True).values_list("pk", flat=True)
    )
    return policy
