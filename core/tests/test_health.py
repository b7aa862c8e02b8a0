"""`/healthz` and `/readyz` (core/health.py): JSON for a load balancer, without a session,
that never says where the database or the cache is or what went wrong beyond a check's name."""

import datetime as dt
import json

import pytest
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone

from core import health
from core.models import Heartbeat
from core.tasks import heartbeat

pytestmark = pytest.mark.django_db

CHECKS = {"database", "migrations", "cache", "worker"}


@pytest.fixture
def worker_running():
    heartbeat()  # as the worker's beat runs it


def answer(client, name):
    response = client.get(reverse(name))
    assert response["Content-Type"] == "application/json"
    assert "sessionid" not in response.cookies
    return response.status_code, json.loads(response.content)


def assert_reveals_nothing(body: dict):
    assert set(body) <= {"status", "checks"}
    assert body["status"] in {health.OK, health.FAILING}
    assert set(body.get("checks", {})) <= CHECKS
    assert set(body.get("checks", {}).values()) <= {health.OK, health.FAILING}


def test_healthz_answers_without_reading_anything(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        status, body = answer(client, "healthz")
    assert (status, body) == (200, {"status": "ok"})


def test_healthz_answers_with_the_database_down(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("could not connect to server at db.internal:5432")

    monkeypatch.setattr(connection, "ensure_connection", unreachable)
    assert answer(client, "healthz") == (200, {"status": "ok"})


def test_readyz_is_ready_when_every_check_passes(client, worker_running):
    status, body = answer(client, "readyz")
    assert status == 200
    assert body == {"status": "ok", "checks": dict.fromkeys(CHECKS, "ok")}


def test_readyz_fails_with_a_stopped_worker(client, worker_running, time_machine):
    time_machine.move_to(timezone.now() + dt.timedelta(hours=1))
    status, body = answer(client, "readyz")
    assert status == 503
    assert body["checks"] == {
        "database": "ok",
        "migrations": "ok",
        "cache": "ok",
        "worker": "failing",
    }
    assert_reveals_nothing(body)


def test_readyz_fails_when_no_worker_ever_ran(client):
    status, body = answer(client, "readyz")
    assert (status, body["checks"]["worker"]) == (503, "failing")


def test_readyz_fails_without_a_word_of_why_when_the_database_cannot_be_reached(
    client, worker_running, monkeypatch, caplog
):
    def unreachable(*args, **kwargs):
        raise OperationalError('could not connect to server: host "db.internal" port 5432')

    monkeypatch.setattr(connection, "ensure_connection", unreachable)
    status, body = answer(client, "readyz")
    assert status == 503
    assert body["checks"]["database"] == "failing"
    # What needs the database is not tried, and fails with it.
    assert body["checks"]["migrations"] == body["checks"]["worker"] == "failing"
    assert_reveals_nothing(body)
    assert "db.internal" not in json.dumps(body)
    assert "Readiness check database failed (OperationalError)" in caplog.text
    assert "db.internal" not in caplog.text


def test_readyz_fails_when_the_cache_cannot_be_reached(client, worker_running, settings):
    # A Redis on a port where nothing listens: the real client, really refused.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    status, body = answer(client, "readyz")
    assert status == 503
    assert body["checks"] == {
        "database": "ok",
        "migrations": "ok",
        "cache": "failing",
        "worker": "ok",
    }
    assert "127.0.0.1" not in json.dumps(body)


def test_readyz_fails_while_a_migration_is_not_applied(client, worker_running):
    from django.db.migrations.recorder import MigrationRecorder

    # The database as it is before `migrate` has recorded its last migration of an app.
    last = MigrationRecorder.Migration.objects.filter(app="core").order_by("-applied").first()
    last.delete()
    status, body = answer(client, "readyz")
    assert (status, body["checks"]["migrations"]) == (503, "failing")


def test_a_signed_in_person_gets_the_same_answer(client, business_manager, worker_running):
    client.force_login(business_manager)
    assert answer(client, "readyz")[0] == 200
    assert Heartbeat.objects.filter(name="heartbeat").exists()
