"""Which reminders each deadline should have, kept in step with the deadlines.

`reminders_plan` is set-based: it reads everything it needs for a batch of deadlines in a
few queries, works out the wanted (deadline, recipient, kind, send_at) rows, and writes the
difference: new rows created, pending rows moved, pending rows no longer wanted cancelled.
Sent rows are never touched: each (deadline, recipient, kind) is sent at most once.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from boards import roles
from boards.models import Membership
from deadlines import kinds
from deadlines.models import BankHoliday, Deadline
from guidance import calendar
from reminders.models import Reminder, ReminderPolicy

Status = Reminder.Status
BATCH = 2000


@dataclass(frozen=True)
class Policy:
    working_days_before: tuple[int, ...] = (5, 1)
    on_due_day: bool = True
    when_overdue: bool = True
    escalate_weekly: bool = True


DEFAULT_POLICY = Policy()
# For kinds whose miss has consequences of their own (`Kind.reminds_after_due` False: an
# accreditation lapses the day after its review was due), reminders go beforehand and on the
# day; what follows replaces the rest.
UNTIL_DUE_POLICY = Policy(on_due_day=True, when_overdue=False, escalate_weekly=False)


def send_time(day: dt.date) -> dt.datetime:
    """Reminders go out at the start of the working day (REMINDER_SEND_HOUR, London time)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(settings.REMINDER_SEND_HOUR)))


def wanted_kinds(
    deadline, policy: Policy, holidays, escalations_sent: int
) -> list[tuple[str, dt.date, str]]:
    """(kind, send date, audience) of the reminders an open, running deadline should have.

    Audience "owners" are those who do the work; "chairs" get the weekly escalation.
    """
    due = deadline.due_on
    kinds = [
        (f"before:{days}", calendar.add_working_days(due, -days, holidays), "owners")
        for days in sorted(set(policy.working_days_before), reverse=True)
        if days > 0
    ]
    if policy.on_due_day:
        kinds.append(("due_day", due, "owners"))
    if policy.when_overdue:
        kinds.append(("overdue", due + dt.timedelta(days=1), "owners"))
    if policy.escalate_weekly:
        # Only the next escalation: after downtime one catch-up goes out, not one per week missed.
        week = escalations_sent + 1
        kinds.append((f"escalation:{week}", due + dt.timedelta(weeks=week), "chairs"))
    return kinds


def _ahead_or_on_time(kind: str) -> bool:
    return kind.startswith("before:") or kind == "due_day"


def _policies(board_ids) -> dict:
    return {
        p.board_id: Policy(
            tuple(p.working_days_before), p.on_due_day, p.when_overdue, p.escalate_weekly
        )
        for p in ReminderPolicy.objects.filter(board_id__in=board_ids)
    }


def _audiences(deadlines) -> dict:
    """For each deadline: {"owners": [user ids], "chairs": [user ids]}.

    Its kind says who does the work (`deadlines.kinds`); the chairs of its board hear of it
    when it is escalated.
    """
    chairs = defaultdict(set)
    for user_id, board_id in Membership.objects.filter(
        board_id__in={d.board_id for d in deadlines if d.board_id},
        role=roles.CHAIR,
        user__is_active=True,
    ).values_list("user_id", "board_id"):
        chairs[board_id].add(user_id)
    owners = kinds.owners(deadlines)
    return {
        d.pk: {"owners": sorted(owners[d.pk]), "chairs": sorted(chairs[d.board_id])}
        for d in deadlines
    }


def reminders_plan(*, deadline_ids=None, now: dt.datetime | None = None) -> int:
    """Bring the reminders of these deadlines (all open ones when None) in line. Returns the
    number of rows created, moved or cancelled."""
    now = now or timezone.now()
    deadlines = Deadline.objects.order_by("pk")
    if deadline_ids is not None:
        deadlines = deadlines.filter(pk__in=list(deadline_ids))
    else:
        deadlines = deadlines.filter(met_on__isnull=True)
    changed = 0
    batch = []
    for deadline in deadlines.iterator(chunk_size=BATCH):
        batch.append(deadline)
        if len(batch) == BATCH:
            changed += _plan_batch(batch, now)
            batch = []
    if batch:
        changed += _plan_batch(batch, now)
    return changed


def _plan_batch(deadlines, now) -> int:
    ids = [d.pk for d in deadlines]
    existing = {
        (r.deadline_id, r.recipient_id, r.kind): r
        for r in Reminder.objects.filter(deadline_id__in=ids).only(
            "pk", "deadline_id", "recipient_id", "kind", "send_at", "status"
        )
    }
    escalations = dict(
        Reminder.objects.filter(
            deadline_id__in=ids, kind__startswith="escalation:", status=Status.SENT
        )
        .values("deadline_id")
        .annotate(n=Count("pk"))
        .values_list("deadline_id", "n")
    )
    policies = _policies({d.board_id for d in deadlines})
    audiences = _audiences(deadlines)
    earliest = min(d.due_on for d in deadlines) - dt.timedelta(days=40)
    holidays = frozenset(
        BankHoliday.objects.filter(date__gte=earliest).values_list("date", flat=True)
    )
    today = timezone.localdate(now)

    wanted = {}
    for d in deadlines:
        if d.met_on is not None or d.paused_since is not None:
            continue  # met: nothing more to say; paused: reminders wait for the restart
        policy = (
            policies.get(d.board_id, DEFAULT_POLICY)
            if kinds.get(d.kind).reminds_after_due
            else UNTIL_DUE_POLICY
        )
        for kind, day, audience in wanted_kinds(d, policy, holidays, escalations.get(d.pk, 0)):
            for user_id in audiences[d.pk][audience]:
                key = (d.pk, user_id, kind)
                # A "before" or due-day reminder whose day passed before it existed would
                # only confuse: the overdue reminder says what matters.
                if key not in existing and _ahead_or_on_time(kind) and day < today:
                    continue
                wanted[key] = send_time(day)

    to_create, to_update = [], []
    for key, send_at in wanted.items():
        row = existing.get(key)
        if row is None:
            to_create.append(
                Reminder(deadline_id=key[0], recipient_id=key[1], kind=key[2], send_at=send_at)
            )
        elif row.status == Status.CANCELLED or (
            row.status == Status.PENDING and row.send_at != send_at
        ):
            row.status, row.send_at = Status.PENDING, send_at
            to_update.append(row)
    stale = [
        row.pk
        for key, row in existing.items()
        if row.status == Status.PENDING and key not in wanted
    ]
    Reminder.objects.bulk_create(to_create, batch_size=BATCH, ignore_conflicts=True)
    Reminder.objects.bulk_update(to_update, ["status", "send_at"], batch_size=BATCH)
    cancelled = Reminder.objects.filter(pk__in=stale, status=Status.PENDING).update(
        status=Status.CANCELLED
    )
    return len(to_create) + len(to_update) + cancelled


def plan_changed_deadlines(sender=None, *, deadline_ids, **kwargs) -> None:
    """Receives `deadlines.changes.deadlines_changed`, in the writer's transaction."""
    reminders_plan(deadline_ids=deadline_ids)
