#!/usr/bin/env python
"""Time one full reminder sweep over 100k deadlines on 150 boards (target: at most 10 s on
2 cores with PostgreSQL), and count its queries: they must grow only with the number of
batches, never with each reminder.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/case_reviews \
        .venv/bin/python bench/reminder_sweep.py

It creates its own throw-away database (test_<name>), seeds it, and drops it at the end.
Options: --deadlines N (default 100000), --boards N (default 150), --deliver N (how many of
the e-mails to deliver, default 10000: one commit an e-mail makes all 100,000 take minutes),
--keep (keep the database).
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("EMAIL_URL", "dummymail://")  # delivery hands over and discards

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

NOW = timezone.now().replace(microsecond=0)
UNUSABLE = "!"  # Django's mark of an unusable password: nobody signs in as these users


def seed(boards: int, deadlines: int) -> None:
    from boards.models import Board, Membership
    from core.models import User
    from deadlines import changes
    from deadlines.models import Deadline
    from reminders.models import Reminder
    from reviews.models import Incident

    today = timezone.localdate()
    board_rows = Board.objects.bulk_create(
        Board(name=f"Bench board {n}", kind="children", nation="england", regime="partners-2018")
        for n in range(boards)
    )
    users = User.objects.bulk_create(
        User(email=f"manager{n}@bench.example", name=f"Manager {n}", password=UNUSABLE)
        for n in range(boards)
    )
    Membership.objects.bulk_create(
        Membership(user=user, board=board, role="business_manager")
        for user, board in zip(users, board_rows, strict=True)
    )
    per_board = deadlines // boards + 1
    incidents, deadline_rows, reminders = [], [], []
    made = 0
    for board, manager in zip(board_rows, users, strict=True):
        for n in range(per_board):
            if made == deadlines:
                break
            incident = Incident(
                id=uuid.uuid4(),
                board=board,
                rulebook="partners-2018:1",
                reference=f"Child {n}",
                subject_kind="child",
                incident_on=today - dt.timedelta(days=6),
                la_aware_on=today - dt.timedelta(days=5),
                notified_on=today - dt.timedelta(days=5),
                notifier="Bench",
                criteria_outcome="may_initiate",
                criteria_reason="Bench",
                criteria_source="Bench",
            )
            deadline = Deadline(
                id=uuid.uuid4(),
                board=board,
                kind="clock",
                owner_id=incident.pk,
                case_id=incident.pk,
                rulebook="partners-2018:1",
                clock="notify_panel",
                starts_on=today - dt.timedelta(days=5),
                due_on=today + dt.timedelta(days=2),
            )
            incidents.append(incident)
            deadline_rows.append(deadline)
            reminders.append(
                Reminder(
                    deadline=deadline,
                    recipient=manager,
                    kind="before:1",
                    send_at=NOW - dt.timedelta(minutes=1),
                )
            )
            made += 1
    Incident.objects.bulk_create(incidents, batch_size=5000)
    with changes.unannounced():  # their reminders are the rows below
        Deadline.objects.bulk_create(deadline_rows, batch_size=5000)
    Reminder.objects.bulk_create(reminders, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would have, on a database in use


def timed(label, function, **kwargs):
    connection.queries_log.clear()  # Django keeps the last 9,000: count from empty
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = function(**kwargs)
        seconds = time.perf_counter() - started
    print(f"{label}: {seconds:.2f} s, {len(queries)} queries, result {result}")
    return seconds, len(queries), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deadlines", type=int, default=100_000)
    parser.add_argument("--boards", type=int, default=150)
    parser.add_argument("--deliver", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    if connection.vendor != "postgresql":
        print("The target is for PostgreSQL: set DATABASE_URL to a PostgreSQL server.")
        return 2
    from reminders import services
    from reminders.models import Reminder
    from reminders.planning import reminders_plan
    from reminders.services import SWEEP_BATCH

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        started = time.perf_counter()
        seed(args.boards, args.deadlines)
        print(
            f"Seeded {args.deadlines} deadlines on {args.boards} boards, each with a due "
            f"reminder, in {time.perf_counter() - started:.1f} s ({os.cpu_count()} cores)."
        )
        sweep_s, sweep_q, sent = timed("Sweep", services.sweep, now=NOW)
        queued = Reminder.objects.filter(status="sent", email_status="queued").count()
        assert sent == args.deadlines == queued
        assert not Reminder.objects.filter(status="pending", send_at__lte=NOW).exists()
        batches = -(-sent // SWEEP_BATCH)
        print(
            f"  {sweep_q / batches:.1f} queries per batch of {SWEEP_BATCH}, "
            f"{sent / sweep_s:,.0f} reminders a second"
        )
        again = [timed("Empty sweep", services.sweep, now=NOW)[0] for _ in range(3)]
        print(f"  empty sweep median {statistics.median(again) * 1000:.0f} ms")
        # Not under the target: writing and handing over the e-mails (to a mail backend that
        # discards them), which the worker does after the sweep, one committed claim an e-mail.
        wanted = min(args.deliver, sent)
        later = Reminder.objects.filter(email_status="queued").order_by("pk")[wanted:]
        Reminder.objects.filter(pk__in=later.values("pk")).update(
            email_next_attempt_at=NOW + dt.timedelta(days=1)
        )
        deliver_s, deliver_q, delivered = timed(
            f"Delivery of {wanted} e-mails", services.deliver, now=NOW
        )
        assert delivered == wanted
        # (The query count above stops at Django's 9,000: it is 2 UPDATEs an e-mail, in one
        # transaction, and 3 queries a batch of 200.)
        print(f"  {delivered / deliver_s:,.0f} e-mails a second")
        timed("Nightly re-plan of every open deadline", reminders_plan)
        verdict = "met" if sweep_s <= 10 else "MISSED"
        print(f"Target: one full sweep of {args.deadlines} in at most 10 s: {verdict}.")
        return 0 if sweep_s <= 10 else 1
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
