"""What the tests that start real worker, beat and web processes share (test_kill_workers.py,
home/tests/test_several_processes.py): due reminders to send, the address of pytest-django's
test database for the processes, the lines a recording file holds, and a Redis left clean."""

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from reminders.models import Reminder

ROOT = Path(__file__).resolve().parents[2]
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
ON_REDIS = os.environ.get("REDIS_URL", "").startswith("redis")
# The marks of a test that starts processes: they read what the test wrote, so it commits.
STARTS_PROCESSES = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.broker,
    pytest.mark.skipif(
        not (ON_POSTGRES and ON_REDIS), reason="needs PostgreSQL and Redis: .ci/run has them"
    ),
]


def database_url() -> str:
    """DATABASE_URL, naming the database pytest-django made (test_<name>) rather than the one
    DATABASE_URL names: the processes must read and write the rows the test wrote."""
    return os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{connection.settings_dict['NAME']}"


def due_reminders(board, recipients, *, deadlines: int, send_at=None) -> set[str]:
    """One reminder a recipient for each of `deadlines` statutory clocks of `board`, due a
    minute ago (or at `send_at`), left pending for a sweep; the only reminders there are.
    Returns the keys the recording mail backend writes for their e-mails ("reminder <id>")."""
    from deadlines.models import Deadline
    from reviews.models import Incident

    today = timezone.localdate()
    incidents = Incident.objects.bulk_create(
        Incident(
            board=board,
            rulebook="partners-2018:1",
            reference=f"Due {number}",
            subject_kind="child",
            incident_on=today - dt.timedelta(days=6),
            la_aware_on=today - dt.timedelta(days=5),
            notified_on=today - dt.timedelta(days=5),
            notifier="Test",
            criteria_outcome="may_initiate",
            criteria_reason="Test",
            criteria_source="Test",
        )
        for number in range(deadlines)
    )
    made = Deadline.objects.bulk_create(
        Deadline(
            board=board,
            kind="clock",
            owner_id=incident.pk,
            case_id=incident.pk,
            rulebook="partners-2018:1",
            clock="notify_panel",
            starts_on=today - dt.timedelta(days=5),
            due_on=today + dt.timedelta(days=2),
        )
        for incident in incidents
    )
    # Only the reminders below: not those planned as these or earlier deadlines were written,
    # so that what is counted is exactly what was made due here.
    Reminder.objects.all().delete()
    due = send_at or timezone.now() - dt.timedelta(minutes=1)
    Reminder.objects.bulk_create(
        Reminder(deadline=deadline, recipient=user, kind="before:1", send_at=due)
        for deadline in made
        for user in recipients
    )
    return {f"reminder {pk}" for pk in Reminder.objects.values_list("pk", flat=True)}


def lines(record: Path) -> list[str]:
    return record.read_text().splitlines() if record.exists() else []


def forget_queue(queue: str):
    """Remove the queue and the messages of killed workers left unacknowledged in Redis."""
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    for tag, payload in client.hgetall("unacked").items():
        try:
            routing_key = json.loads(payload)[2]
        except (ValueError, IndexError):
            continue
        if routing_key == queue:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)
