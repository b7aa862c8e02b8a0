"""Renderings a worker left or the broker lost are taken up again by beat's sweep
(`publication.jobs.retry_abandoned`), once, up to the attempt limit; and every rendering task
has a time limit well inside the time after which a rendering counts as abandoned. On a frozen
clock; annual reports have theirs in insight/tests/test_annual_report.py."""

import datetime as dt
import threading

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from publication import jobs, rendering, tasks
from publication.models import Rendering
from publication.services import reports

State = Rendering.State
FAKE_PDF = rendering.Document(pdf=b"%PDF-1.7 not really", pages=2)


@pytest.fixture(autouse=True)
def today(frozen):
    return frozen


@pytest.fixture
def sent(monkeypatch):
    """The renderings handed to the worker (after their commit)."""
    handed = []
    monkeypatch.setattr(reports, "_enqueue", handed.append)
    return handed


@pytest.fixture
def fake_pdf(monkeypatch):
    monkeypatch.setattr("publication.rendering.pdf_from_html", lambda html: FAKE_PDF)


def killed_mid_rendering(report, actor) -> Rendering:
    """A rendering claimed by a worker that then died: left rendering."""
    item = reports.rendering_request(actor=actor, report=report)
    assert jobs.claim(Rendering, item.pk)
    item.refresh_from_db()
    return item


def sweep(capture) -> int:
    """One sweep, its commit's callbacks (the enqueueing) run."""
    with capture(execute=True):
        return jobs.retry_abandoned()


def later(clock, minutes: float):
    clock.move_to(timezone.now() + dt.timedelta(minutes=minutes))


def test_a_rendering_left_by_a_dead_worker_is_tried_again_once(
    report, pair, sent, today, fake_pdf, django_capture_on_commit_callbacks
):
    stuck = killed_mid_rendering(report, pair[0])
    later(today, 16)
    assert sweep(django_capture_on_commit_callbacks) == 1

    stuck.refresh_from_db()
    assert (stuck.state, stuck.failure_reason) == (State.FAILED, jobs.ABANDONED_RETRIED)
    assert stuck.finished_at == timezone.now()
    again = stuck.retried_as
    assert (again.state, again.attempt, again.retry_of) == (State.QUEUED, 2, stuck)
    same = ("report", "kind", "language", "report_version", "report_status", "requested_by")
    assert [getattr(again, name) for name in same] == [getattr(stuck, name) for name in same]
    assert sent == [again.pk]
    # Asking now gives the one queued again, not a third.
    assert reports.rendering_request(actor=pair[1], report=report).pk == again.pk

    # Once: the next sweeps find nothing, even later on.
    later(today, 1)
    assert sweep(django_capture_on_commit_callbacks) == 0
    assert sent == [again.pk]

    done = reports.rendering_run(again.pk)
    assert done.state == State.READY
    assert report.renderings.count() == 2
    assert reports.rendering_run(stuck.pk) is None  # its task, delivered again, does nothing


def test_a_rendering_under_the_time_is_left_alone(
    report, pair, sent, today, django_capture_on_commit_callbacks
):
    rendering_now = killed_mid_rendering(report, pair[0])
    queued = reports.rendering_request(actor=pair[0], report=report, kind="brief")
    later(today, 14.9)
    assert sweep(django_capture_on_commit_callbacks) == 0
    assert set(report.renderings.values_list("pk", "state")) == {
        (rendering_now.pk, State.RENDERING),
        (queued.pk, State.QUEUED),
    }
    assert sent == []  # nothing queued again (the requests' own were not committed here)


def test_a_rendering_the_broker_lost_is_queued_again(
    report, pair, sent, today, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lost = reports.rendering_request(actor=pair[0], report=report)
    assert sent == [lost.pk]
    later(today, 16)
    assert sweep(django_capture_on_commit_callbacks) == 1
    lost.refresh_from_db()
    assert (lost.state, lost.failure_reason) == (State.FAILED, jobs.ABANDONED_RETRIED)
    assert sent == [lost.pk, lost.retried_as.pk]
    # Its first message, delivered at last, finds it failed and renders nothing.
    assert reports.rendering_run(lost.pk) is None


def test_two_sweeps_queue_one_replacement(
    report, pair, sent, today, django_capture_on_commit_callbacks
):
    stuck = killed_mid_rendering(report, pair[0])
    later(today, 16)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.retry_abandoned() + jobs.retry_abandoned() == 1
    assert Rendering.objects.filter(retry_of=stuck).count() == 1
    assert len(sent) == 1
    # And the database holds to it: a job has one replacement at most.
    with pytest.raises(IntegrityError), transaction.atomic():
        Rendering.objects.create(
            report=report,
            report_version=stuck.report_version,
            report_status=stuck.report_status,
            requested_by=pair[0],
            retry_of=stuck,
        )


def test_a_request_failing_it_first_leaves_the_sweep_nothing(
    report, pair, sent, today, django_capture_on_commit_callbacks
):
    stuck = killed_mid_rendering(report, pair[0])
    later(today, 16)
    asked = reports.rendering_request(actor=pair[0], report=report)
    assert asked.pk != stuck.pk
    assert sweep(django_capture_on_commit_callbacks) == 0
    stuck.refresh_from_db()
    assert (stuck.state, stuck.failure_reason) == (State.FAILED, jobs.ABANDONED)
    assert report.renderings.count() == 2


def test_after_the_last_attempt_it_is_failed_for_good_with_its_reason(
    report, pair, sent, today, django_capture_on_commit_callbacks
):
    assert jobs.MAX_ATTEMPTS == 3
    current = killed_mid_rendering(report, pair[0])
    for attempt in (2, 3):
        later(today, 16)
        assert sweep(django_capture_on_commit_callbacks) == 1
        current = Rendering.objects.get(retry_of=current)
        assert current.attempt == attempt
        assert jobs.claim(Rendering, current.pk)  # and its worker dies too
    later(today, 16)
    assert sweep(django_capture_on_commit_callbacks) == 0
    current.refresh_from_db()
    assert (current.state, current.failure_reason) == (State.FAILED, jobs.ABANDONED_GIVEN_UP)
    assert not Rendering.objects.filter(retry_of=current).exists()
    assert sorted(report.renderings.values_list("attempt", "failure_reason")) == [
        (1, jobs.ABANDONED_RETRIED),
        (2, jobs.ABANDONED_RETRIED),
        (3, jobs.ABANDONED_GIVEN_UP),
    ]
    assert len(sent) == 2


def test_a_rendering_of_a_version_since_changed_is_not_tried_again(
    report, pair, sent, today, django_capture_on_commit_callbacks
):
    stuck = killed_mid_rendering(report, pair[0])
    reports.report_section_save(actor=pair[0], report=report, code="further_work", text="v2")
    later(today, 16)
    assert sweep(django_capture_on_commit_callbacks) == 0
    stuck.refresh_from_db()
    assert (stuck.state, stuck.failure_reason) == (State.FAILED, jobs.ABANDONED_OUTDATED)
    assert report.renderings.count() == 1
    assert sent == []


def test_a_rendering_past_its_soft_time_limit_fails_saying_so(report, pair, sent, monkeypatch):
    def too_slow(html):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr("publication.rendering.pdf_from_html", too_slow)
    item = reports.rendering_request(actor=pair[0], report=report)
    done = reports.rendering_run(item.pk)
    assert (done.state, done.failure_reason) == (State.FAILED, rendering.TOO_LONG)


def test_every_rendering_task_stops_well_before_it_counts_as_abandoned():
    from insight.tasks import render_annual_report

    for task in (tasks.render, render_annual_report):
        assert (task.time_limit, task.soft_time_limit) == (jobs.TIME_LIMIT, jobs.SOFT_TIME_LIMIT)
    assert 0 < jobs.SOFT_TIME_LIMIT < jobs.TIME_LIMIT
    assert dt.timedelta(seconds=2 * jobs.TIME_LIMIT) <= jobs.ABANDONED_AFTER
    assert "renderings-retry-abandoned" in settings.CELERY_BEAT_SCHEDULE


def test_the_page_shows_each_try(
    client, report, pair, sent, today, django_capture_on_commit_callbacks
):
    stuck = killed_mid_rendering(report, pair[0])
    later(today, 16)
    sweep(django_capture_on_commit_callbacks)
    client.force_login(pair[0])
    page = client.get(
        reverse("publication:report", args=[report.review.board_id, report.review_id])
    )
    assert "(try 2: an earlier try was not finished)" in page.content.decode()
    assert stuck.retried_as.state == State.QUEUED


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_rendering_another_sweep_holds_is_skipped_on_postgres(report, pair, sent, today):
    stuck = killed_mid_rendering(report, pair[0])
    later(today, 16)
    locked, release = threading.Event(), threading.Event()

    def another_sweep_holding_it():
        try:
            with transaction.atomic():
                Rendering.objects.select_for_update().get(pk=stuck.pk)
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    holder = threading.Thread(target=another_sweep_holding_it)
    holder.start()
    try:
        assert locked.wait(10)
        assert jobs.retry_abandoned() == 0  # skipped, not waited for
    finally:
        release.set()
        holder.join()
    assert jobs.retry_abandoned() == 1
    assert jobs.retry_abandoned() == 0
    assert Rendering.objects.filter(retry_of=stuck).count() == 1
