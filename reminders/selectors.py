from django.db.models import Count, QuerySet

from reminders.models import OutboxEmail, Reminder, ReminderPolicy
from reminders.planning import DEFAULT_POLICY

SELECT = (
    "deadline__incident",
    "deadline__board",
    "deadline__action",
    "deadline__agency_request__agency",
)


def reminder_list_for_user(*, user) -> QuerySet:
    """The user's reminders: sent ones (newest first) and those still to come."""
    return (
        Reminder.objects.filter(recipient=user)
        .exclude(status=Reminder.Status.CANCELLED)
        .select_related(*SELECT)
        .prefetch_related("emails")
        .order_by("status", "-send_at")
    )


def unread_count(*, user) -> int:
    return Reminder.objects.filter(
        recipient=user, status=Reminder.Status.SENT, read_at__isnull=True
    ).count()


def policy_for(*, board):
    return ReminderPolicy.objects.filter(board=board).first() or ReminderPolicy(
        board=board,
        working_days_before=list(DEFAULT_POLICY.working_days_before),
        on_due_day=DEFAULT_POLICY.on_due_day,
        when_overdue=DEFAULT_POLICY.when_overdue,
        escalate_weekly=DEFAULT_POLICY.escalate_weekly,
    )


def failed_emails() -> QuerySet:
    return OutboxEmail.objects.filter(status=OutboxEmail.Status.FAILED).order_by("-created_at")


def outbox_counts() -> dict:
    rows = OutboxEmail.objects.values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}
