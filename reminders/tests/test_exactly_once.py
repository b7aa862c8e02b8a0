"""Never lost, never doubled, against the real PostgreSQL and Redis of CI.

Each test counts the outbox: every due reminder must reach its recipient in exactly one
e-mail. Each e-mail links to its own reminder, so the delivered messages (Django's test
outbox) are counted per reminder. They need row locks and real concurrency, so they run on
PostgreSQL (`.ci/run`); the Redis ones also need the Redis server of `REDIS_URL`, which one
of them restarts.
"""

import datetime as dt
import os
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection, connections

from reminders.models import Reminder
from reminders.services import deliver, sweep

ROOT = Path(__file__).resolve().parents[2]
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
ON_REDIS = os.environ.get("REDIS_URL", "").startswith("redis")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL's row locks: .ci/run has it"),
]

DUE = dt.datetime(2026, 3, 2, 7, 0, tzinfo=dt.UTC)


@pytest.fixture
def due_reminders(business_manager, chair, board):
    """60 reminders due at DUE, across 30 deadlines and two recipients."""
    from deadlines.models import Deadline
    from reviews.tests.factories import log_incident

    for number in range(30):
        log_incident(
            actor=business_manager,
            board=board,
            reference=f"Child {number}",
            incident_on=dt.date(2026, 2, 1),
            la_aware_on=dt.date(2026, 2, 2),
            notified_on=dt.date(2026, 2, 2),
        )
    Reminder.objects.all().delete()
    reminders = [
        Reminder(deadline=deadline, recipient=user, kind="due_day", send_at=DUE)
        for deadline in Deadline.objects.all()
        for user in (business_manager, chair)
    ]
    return Reminder.objects.bulk_create(reminders)


def assert_each_sent_once(count):
    """Every reminder sent, and delivered in exactly one e-mail (delivering what is queued)."""
    assert Reminder.objects.filter(status="sent").count() == count
    deliver()
    links = Counter(
        line.rsplit("/reminders/", 1)[1].strip("/")
        for message in mail.outbox
        for line in message.body.splitlines()
        if "/reminders/" in line and line.rstrip("/").rsplit("/", 1)[1].isdigit()
    )
    sent = {str(pk) for pk in Reminder.objects.filter(status="sent").values_list("pk", flat=True)}
    assert set(links) == sent
    assert set(links.values()) == {1}
    assert len(mail.outbox) == count
    assert set(Reminder.objects.values_list("email_status", flat=True)) == {"delivered"}


def test_sweeps_at_once(due_reminders):
    now = DUE + dt.timedelta(minutes=1)
    start = threading.Barrier(3)
    claimed = []

    def run():
        try:
            start.wait()
            claimed.append(sweep(now=now, batch=7))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(claimed) == len(due_reminders)
    assert_each_sent_once(len(due_reminders))


def test_a_sweep_killed_mid_transaction_loses_nothing(due_reminders):
    """A worker process claims reminders and is killed before it commits."""
    test_db = connection.settings_dict["NAME"]
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{test_db}"
    script = (
        "import datetime as dt, os, django; django.setup()\n"
        "from django.db import transaction\n"
        "from reminders.services import claim_due\n"
        f"now = dt.datetime.fromisoformat('{(DUE + dt.timedelta(minutes=1)).isoformat()}')\n"
        "with transaction.atomic():\n"
        "    print(claim_due(now=now, limit=25).sent, flush=True)\n"
        "    os._exit(9)  # killed before commit\n"
    )
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings_test"}
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 9, result.stderr
    assert result.stdout.strip() == "25"  # it had claimed 25 and queued their e-mails
    assert Reminder.objects.filter(status="sent").count() == 0  # none of it survived
    # Until PostgreSQL has noticed the dead connection, its 25 rows stay locked and a sweep
    # skips them (skip_locked): the next sweeps take them, as the beat would.
    sent = []

    def swept_all():
        sent.append(sweep(now=DUE + dt.timedelta(minutes=5)))
        return sum(sent) >= len(due_reminders)

    wait_until(swept_all, seconds=30)
    assert sum(sent) == len(due_reminders)
    assert_each_sent_once(len(due_reminders))


@pytest.fixture
def worker():
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    with start_worker(
        app, pool="threads", concurrency=2, perform_ping_check=False, shutdown_timeout=20
    ) as started:
        yield started


def wait_until(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


@pytest.mark.broker
@pytest.mark.skipif(not ON_REDIS, reason="needs Redis: .ci/run has it")
def test_two_beats_send_each_reminder_once(due_reminders, worker):
    """Two beat schedulers each send a sweep; both run at once on the worker."""
    import time_machine

    from reminders import tasks

    with time_machine.travel(DUE + dt.timedelta(minutes=1), tick=True):
        results = [tasks.sweep.delay(), tasks.sweep.delay()]
        wait_until(lambda: Reminder.objects.filter(status="pending").count() == 0)
        # each sweep task asks the worker to deliver what it queued
        wait_until(lambda: len(mail.outbox) == len(due_reminders))
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert len(results) == 2
    assert_each_sent_once(len(due_reminders))


def restart_redis():
    redis_cli, redis_server = shutil.which("redis-cli"), shutil.which("redis-server")
    url = os.environ["REDIS_URL"]
    subprocess.run([redis_cli, "-u", url, "shutdown", "nosave"], check=False)  # noqa: S603
    port = url.rsplit(":", 1)[1].split("/")[0]
    Path("/var/lib/redis").mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603 - the command .ci/run uses
        [
            redis_server,
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "-::1",
            "--port",
            port,
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            "/var/lib/redis",
        ],
        check=True,
    )
    wait_until(
        lambda: (
            subprocess.run(
                [redis_cli, "-u", url, "ping"], capture_output=True, check=False
            ).stdout.strip()
            == b"PONG"
        ),  # noqa: S603
        seconds=30,
    )


@pytest.mark.broker
@pytest.mark.skipif(
    not (ON_REDIS and shutil.which("redis-server")), reason="needs a Redis server to restart"
)
def test_a_redis_restart_loses_and_doubles_nothing(due_reminders, worker, business_manager):
    """Redis keeps nothing on disk: tasks queued when it restarts are gone. The reminders are
    rows, so the next sweep sends what the lost one would have, once."""
    import time_machine

    from reminders import tasks

    half = len(due_reminders) // 2
    Reminder.objects.filter(pk__in=[r.pk for r in due_reminders[half:]]).update(
        send_at=DUE + dt.timedelta(hours=1)
    )
    with time_machine.travel(DUE + dt.timedelta(minutes=1), tick=True) as clock:
        tasks.sweep.delay()
        wait_until(lambda: len(mail.outbox) == half)
        restart_redis()
        clock.shift(dt.timedelta(hours=1))
        tasks.sweep.delay()  # the worker reconnects and takes it
        wait_until(lambda: Reminder.objects.filter(status="pending").count() == 0, seconds=90)
        # the sweep asks the worker to deliver what it queued: wait for it to finish, or an
        # e-mail it is still sending shows as "sending" below
        wait_until(lambda: len(mail.outbox) == len(due_reminders), seconds=90)
        assert sweep() == 0  # and a later sweep finds nothing more to send
    assert_each_sent_once(len(due_reminders))
