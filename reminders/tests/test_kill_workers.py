"""E-mail at most once per attempt, with real workers killed mid-batch (issue 16, item 8;
finding 15: seven kills over 360 due reminders had doubled 541 e-mails).

Two Celery worker processes deliver a few hundred queued e-mails (reminders' own and written
ones) through the real Redis broker and PostgreSQL, writing each message they hand over to a
file (recording_backend.py). The test kills one of them with SIGKILL several times while it
is sending, starts it again and asks for delivery as beat would, until every e-mail is
delivered; then it counts: none lost, at most one doubled per kill (the e-mail in flight,
sent again after EMAIL_IN_FLIGHT_SECONDS, here 2).
"""

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from django.utils import timezone

from reminders.models import OutboxEmail, Reminder
from reminders.services import sweep
from reminders.tests.processes import (
    ROOT,
    STARTS_PROCESSES,
    database_url,
    due_reminders,
    forget_queue,
    lines,
)

KILLS = 5
WORKERS = 2

pytestmark = STARTS_PROCESSES


@pytest.fixture
def queued(business_manager, chair, member, board):
    """300 reminders, queued for e-mail by a sweep (100 deadlines, 3 recipients each), and 30
    written e-mails (as the accreditation's decision letters are)."""
    expected = due_reminders(board, (business_manager, chair, member), deadlines=100)
    assert sweep() == 300
    due = timezone.now() - dt.timedelta(minutes=1)
    OutboxEmail.objects.bulk_create(
        OutboxEmail(
            to=f"applicant{number}@example.org",
            subject=f"Your application {number}",
            body="The decision on your application.",
            next_attempt_at=due,
        )
        for number in range(30)
    )
    return expected | {f"email Your application {number}" for number in range(30)}


class Workers:
    """Celery worker processes on a queue of their own, against the test database."""

    def __init__(self, record: Path):
        self.queue = f"kill-test-{uuid.uuid4().hex}"
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "DJANGO_SETTINGS_MODULE": "reminders.tests.worker_settings",
            "EMAIL_RECORD_FILE": str(record),
            "EMAIL_RECORD_DELAY": "0.02",
            "EMAIL_IN_FLIGHT_SECONDS": "2",
        }
        self.processes: list[subprocess.Popen] = []

    def start(self, number: int) -> subprocess.Popen:
        command = [
            *(sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo"),
            *("--queues", self.queue, "--hostname", f"{self.queue}-{number}@%h"),
            *("--without-gossip", "--without-mingle", "--without-heartbeat"),
            *("--loglevel", "WARNING"),
        ]
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and Celery
            command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL
        )
        self.processes.append(process)
        return process

    def deliver(self):
        """Ask for delivery, as beat does every minute."""
        from reminders.tasks import deliver

        deliver.apply_async(queue=self.queue)

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait()
        forget_queue(self.queue)


def wait_until(condition, seconds, workers: Workers | None = None):
    deadline = time.monotonic() + seconds
    asked = 0.0
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        if workers is not None and time.monotonic() - asked > 1:
            workers.deliver()  # beat's part: delivery again, for e-mails left in flight
            asked = time.monotonic()
        time.sleep(0.05)


def all_delivered() -> bool:
    return (
        not Reminder.objects.exclude(email_status="delivered").exists()
        and not OutboxEmail.objects.exclude(status="delivered").exists()
    )


def test_killing_workers_mid_batch_loses_nothing_and_doubles_at_most_one_per_kill(queued, tmp_path):
    record = tmp_path / "sent.log"
    workers = Workers(record)
    chance = random.Random(16)  # noqa: S311 - when to kill, not a secret
    try:
        running = [workers.start(number) for number in range(WORKERS)]
        for _ in range(WORKERS):
            workers.deliver()
        kills = 0
        while kills < KILLS:
            seen = len(lines(record))
            wait_until(lambda seen=seen: len(lines(record)) >= seen + chance.randint(10, 30), 60)
            # Mid-batch: e-mails still wait behind the one being sent.
            assert Reminder.objects.filter(email_status="queued").exists()
            victim = chance.randrange(WORKERS)
            os.kill(running[victim].pid, signal.SIGKILL)
            running[victim].wait()
            kills += 1
            running[victim] = workers.start(victim)
            workers.deliver()
        wait_until(all_delivered, 90, workers)
    finally:
        workers.stop()

    sent = Counter(lines(record))
    assert set(sent) == queued  # nothing lost
    doubled = sum(count - 1 for count in sent.values())
    assert doubled <= KILLS, f"{doubled} doubled by {KILLS} kills: {sent.most_common(KILLS + 1)}"
    assert max(sent.values()) <= 2
