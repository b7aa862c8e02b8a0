"""Two runs at once (two beats, a run by hand during the nightly one) anonymise each case once,
against the real PostgreSQL of CI: they need row locks (`skip_locked`) and real concurrency."""

import datetime as dt
import os
import threading

import pytest
import time_machine
from django.db import connections, transaction

from retention import services
from retention.models import RetentionRecord
from retention.tests.factories import at, case_without_review
from reviews.models import Incident

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL's row locks: .ci/run has it",
    ),
]
AFTER = dt.date(2041, 6, 1)


@pytest.fixture
def due_cases(board, business_manager, chair):
    return [
        case_without_review(
            board=board,
            manager=business_manager,
            chair=chair,
            reference=f"Child {n}",
            decided_on=dt.date(2026, 3, 10 + n),
        )
        for n in range(6)
    ]


def test_runs_at_once_anonymise_each_case_once(due_cases, board):
    start = threading.Barrier(3)
    runs, errors = [], []

    def run():
        try:
            start.wait()
            runs.append(services.retention_run(board=board, today=AFTER))
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    with time_machine.travel(at(AFTER), tick=False):
        threads = [threading.Thread(target=run) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert sum(r.cases_anonymised for r in runs) == 6
    assert sum(r.cases_failed for r in runs) == 0
    assert RetentionRecord.objects.count() == 6


def test_a_case_locked_by_another_run_is_left_to_it(due_cases, board):
    locked = threading.Event()
    release = threading.Event()

    def hold_the_first_case():
        try:
            with transaction.atomic():
                Incident.objects.select_for_update().get(pk=due_cases[0].pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_the_first_case)
    holder.start()
    assert locked.wait(timeout=30)
    try:
        run = services.retention_run(board=board, today=AFTER)
    finally:
        release.set()
        holder.join()
    assert (run.cases_due, run.cases_anonymised, run.cases_failed) == (6, 5, 0)
    assert not RetentionRecord.objects.filter(incident=due_cases[0]).exists()
    assert services.retention_run(board=board, today=AFTER).cases_anonymised == 1
