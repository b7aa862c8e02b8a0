"""Reminders are rows, never long-ETA Celery tasks (DESIGN.md section 5).

A `Reminder` is one message due to one person about one deadline, unique by (deadline,
recipient, kind), and it is its own outbox: the sweep claims due reminders and marks their
e-mail queued in one set-based UPDATE; delivery writes and sends the queued e-mails after
commit, retrying with backoff. A crash before commit leaves nothing claimed; two sweeps cannot
claim one row. Daily digests, one e-mail for many reminders, go through `OutboxEmail`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from boards.models import Board
from core.models import BaseModel, ChoiceLabels


def default_working_days_before():
    return [5, 1]


class ReminderPolicy(BaseModel):
    """When a board's deadlines remind people. Boards without one use the defaults."""

    board = models.OneToOneField(Board, on_delete=models.CASCADE, related_name="reminder_policy")
    working_days_before = models.JSONField(
        default=default_working_days_before,
        help_text="Remind this many working days before, like [5, 1].",
    )
    on_due_day = models.BooleanField(default=True)
    when_overdue = models.BooleanField(default=True)
    escalate_weekly = models.BooleanField(
        "escalate to the chair weekly while overdue", default=True
    )

    board_lookup = "board_id"
    holds_case_data = False

    def __str__(self):
        return f"Reminder policy of {self.board}"


class Reminder(ChoiceLabels):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        CANCELLED = "cancelled", _("Cancelled")

    class Email(models.TextChoices):
        NONE = "", _("Not e-mailed")
        QUEUED = "queued", _("Waiting to be e-mailed")
        # Handed to the mail server, not yet confirmed (reminders.services.deliver).
        SENDING = "sending", _("Being e-mailed")
        DELIVERED = "delivered", _("E-mailed")
        FAILED = "failed", _("E-mail failed")
        DIGEST = "digest", _("Waiting for the daily digest")
        IN_DIGEST = "in_digest", _("In a daily digest")
        # Its recipient may no longer see the deadline (a role removed, an appointment ended,
        # an account disabled) before it went: never sent (core/access.py).
        WITHHELD = "withheld", _("Not e-mailed: no longer theirs to see")

    deadline = models.ForeignKey(
        "deadlines.Deadline", on_delete=models.CASCADE, related_name="reminders"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    # "before:5", "due_day", "overdue" or "escalation:N"
    kind = models.CharField(max_length=30)
    send_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Sent well after its time: after downtime, overdue reminders go out once, marked late.
    late = models.BooleanField(default=False)
    read_at = models.DateTimeField(null=True, blank=True)
    # The e-mail of a sent reminder: its own, or a line in the recipient's daily digest.
    email_status = models.CharField(max_length=20, choices=Email.choices, blank=True, default="")
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_next_attempt_at = models.DateTimeField(null=True, blank=True)
    email_error = models.TextField(blank=True)
    email_delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-send_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "recipient", "kind"], name="one_reminder_per_key"
            )
        ]
        indexes = [
            models.Index(fields=["status", "send_at"]),
            models.Index(fields=["recipient", "status", "send_at"]),
            models.Index(fields=["email_status", "email_next_attempt_at"]),
        ]

    def __str__(self):
        return f"{self.kind} to {self.recipient_id} about {self.deadline_id}"


class OutboxEmail(models.Model):
    """A written e-mail to deliver, with retries: the daily digests of reminders."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Being sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")
        # A digest naming a deadline its recipient may no longer see: replaced by one without.
        WITHHELD = "withheld", _("Withheld")

    to = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    reminders = models.ManyToManyField(Reminder, blank=True, related_name="emails")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return self.subject
