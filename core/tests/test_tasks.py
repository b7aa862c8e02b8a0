import datetime as dt
import os
import time

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from pytest_django.asserts import assertContains

from config.celery import app
from core import selectors, tasks
from core.models import Heartbeat

UTC = dt.UTC


@time_machine.travel(dt.datetime(2026, 11, 23, 9, 0, tzinfo=UTC), tick=False)
def test_heartbeat_records_each_run(db):
    tasks.heartbeat()
    tasks.heartbeat()
    beat = Heartbeat.objects.get(name="heartbeat")
    assert beat.runs == 2
    assert beat.last_run_at == dt.datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_status_is_unhealthy_after_three_missed_beats(db):
    interval = dt.timedelta(seconds=settings.HEARTBEAT_INTERVAL_SECONDS)
    with time_machine.travel(dt.datetime(2026, 11, 23, 9, 0, tzinfo=UTC), tick=False) as clock:
        assert not selectors.heartbeat_status().healthy  # never ran
        tasks.heartbeat()
        clock.shift(3 * interval)
        assert selectors.heartbeat_status().healthy
        clock.shift(dt.timedelta(seconds=1))
        assert not selectors.heartbeat_status().healthy


def test_status_page_shows_the_worker_state_to_platform_admins(client, platform_admin):
    client.force_login(platform_admin)
    assertContains(client.get(reverse("service_status")), "Not run yet")
    tasks.heartbeat()
    response = client.get(reverse("service_status"))
    assertContains(response, "Running")
    assertContains(response, '<dd class="govuk-summary-list__value">1</dd>', html=False)


def test_beat_schedule_runs_the_heartbeat():
    assert app.conf.beat_schedule["heartbeat"]["task"] == "core.tasks.heartbeat"
    assert "core.tasks.heartbeat" in app.tasks


@pytest.mark.broker
@pytest.mark.django_db(transaction=True)
def test_heartbeat_goes_through_the_real_broker_and_a_worker():
    """Sent through the configured broker (Redis in CI, the filesystem locally), not eagerly."""
    from celery.contrib.testing.worker import start_worker

    assert not app.conf.task_always_eager
    if os.environ.get("REDIS_URL"):
        assert app.conf.broker_url.startswith("redis://")
    else:
        assert app.conf.broker_url == "filesystem://"

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        tasks.heartbeat.delay()
        deadline = time.monotonic() + 30
        while not Heartbeat.objects.filter(name="heartbeat").exists():
            assert time.monotonic() < deadline, "the worker never ran the task"
            time.sleep(0.1)
    assert Heartbeat.objects.get(name="heartbeat").runs == 1
