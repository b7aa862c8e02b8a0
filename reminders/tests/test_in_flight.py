"""E-mail at most once per attempt (issue 16, item 8; finding 15): each e-mail is marked as
being sent before it is handed to the mail server and as sent after, so a worker that dies
mid-batch leaves one e-mail in flight, sent again after EMAIL_IN_FLIGHT_SECONDS, and the rest
of the batch delivered or still waiting. The same for written e-mails (digests, decision
letters). test_kill_workers.py kills real workers on PostgreSQL and Redis."""

import datetime as dt
import re

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from pytest_django.asserts import assertContains

from reminders.models import OutboxEmail, Reminder
from reminders.services import REMINDER_EMAILS, deliver, sweep
from reminders.tests.conftest import aware_on_2_march

UTC = dt.UTC
DUE = dt.datetime(2026, 3, 2, 7, tzinfo=UTC)
LINK = re.compile(r"/reminders/(\d+)/")


class WorkerKilled(BaseException):
    """The worker process dies: not an error of the mail server, so nothing catches it."""


class Backend(BaseEmailBackend):
    """A mail server that takes every message, noting the state of its row as it arrives;
    `dies_after` messages taken, the worker dies just after handing over the next one."""

    taken: list = []
    rows_seen: list = []
    dies_after: int | None = None

    def send_messages(self, messages):
        for message in messages:
            found = LINK.search(message.body)
            if found:
                row = Reminder.objects.get(pk=found.group(1))
                Backend.rows_seen.append((row.email_status, row.email_attempts))
            else:
                row = OutboxEmail.objects.get(subject=message.subject)
                Backend.rows_seen.append((row.status, row.attempts))
            Backend.taken.append(message)
            if Backend.dies_after is not None and len(Backend.taken) > Backend.dies_after:
                raise WorkerKilled
        return len(messages)


@pytest.fixture(autouse=True)
def backend(settings):
    settings.EMAIL_BACKEND = "reminders.tests.test_in_flight.Backend"
    settings.EMAIL_IN_FLIGHT_SECONDS = 600
    Backend.taken, Backend.rows_seen, Backend.dies_after = [], [], None
    return Backend


@pytest.fixture
def five_due(notify, business_manager, board, clock):
    for _ in range(4):
        aware_on_2_march(actor=business_manager, board=board)
    clock.move_to(DUE)
    assert sweep() == 5


def reminders_in(messages) -> list[str]:
    return [LINK.search(m.body).group(1) for m in messages]


def test_each_email_is_marked_being_sent_before_it_goes_and_sent_after(five_due, backend):
    assert deliver() == 5
    assert backend.rows_seen == [("sending", 1)] * 5
    assert set(Reminder.objects.filter(status="sent").values_list("email_status", flat=True)) == {
        "delivered"
    }
    assert deliver() == 0


def test_a_worker_dying_mid_batch_leaves_one_email_in_flight(five_due, backend, clock):
    backend.dies_after = 2  # the third e-mail reached the mail server, then the worker died
    with pytest.raises(WorkerKilled):
        deliver()
    rows = Reminder.objects.filter(status="sent")
    assert sorted(rows.values_list("email_status", flat=True)) == [
        "delivered",
        "delivered",
        "queued",
        "queued",
        "sending",
    ]
    in_flight = rows.get(email_status="sending")
    assert in_flight.email_next_attempt_at == DUE + dt.timedelta(seconds=600)

    backend.dies_after = None
    assert deliver() == 2  # the two still queued; the one in flight waits
    clock.shift(dt.timedelta(seconds=599))
    assert deliver() == 0
    clock.shift(dt.timedelta(seconds=1))
    assert deliver() == 1  # sent again: its recipient may get it twice, never not at all
    in_flight.refresh_from_db()
    assert (in_flight.email_status, in_flight.email_attempts) == ("delivered", 2)
    sent = reminders_in(backend.taken)
    assert len(sent) == 6 and set(sent) == {str(pk) for pk in rows.values_list("pk", flat=True)}
    assert sent.count(str(in_flight.pk)) == 2  # the one double of the one crash


def test_another_worker_does_not_take_an_email_in_flight(five_due, clock):
    reminder = Reminder.objects.filter(email_status="queued").first()
    assert REMINDER_EMAILS.claim(reminder.pk, DUE)
    assert not REMINDER_EMAILS.claim(reminder.pk, DUE)
    clock.shift(dt.timedelta(seconds=600))
    later = DUE + dt.timedelta(seconds=600)
    assert REMINDER_EMAILS.claim(reminder.pk, later)  # abandoned: taken again, once
    assert not REMINDER_EMAILS.claim(reminder.pk, later)


def test_written_emails_go_the_same_way(db, backend, clock):
    clock.move_to(DUE)
    for number in range(3):
        OutboxEmail.objects.create(
            to=f"person{number}@example.org",
            subject=f"Decision on your application {number}",
            body="Body",
            next_attempt_at=DUE,
        )
    backend.dies_after = 1
    with pytest.raises(WorkerKilled):
        deliver()
    assert backend.rows_seen == [("sending", 1), ("sending", 1)]
    assert sorted(OutboxEmail.objects.values_list("status", flat=True)) == [
        "delivered",
        "queued",
        "sending",
    ]
    backend.dies_after = None
    assert deliver() == 1
    clock.shift(dt.timedelta(seconds=600))
    assert deliver() == 1
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {"delivered"}
    assert len(backend.taken) == 4  # three e-mails, one of them twice


def test_the_service_status_page_shows_emails_in_flight(five_due, backend, client, platform_admin):
    backend.dies_after = 0
    with pytest.raises(WorkerKilled):
        deliver()
    client.force_login(platform_admin)
    response = client.get(reverse("service_status"))
    assertContains(response, "E-mails handed to the mail server and not yet confirmed")
    assertContains(response, "2 Mar 2026 07:10:00")  # sent again from
    assertContains(response, "Reminder: Child Q")
