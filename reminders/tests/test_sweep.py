"""The sweep and delivery: each due reminder e-mailed once, late after downtime, retried on a
failing mail server, and never a real name."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains

from reminders.models import OutboxEmail, Reminder
from reminders.services import backoff, deliver, digest, sweep
from reviews.services import incidents

D = dt.date
UTC = dt.UTC


def at(day, hour=9):
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def test_a_due_reminder_is_emailed_once(notify, business_manager, clock):
    clock.move_to(at(D(2026, 3, 2), hour=7))  # on time
    assert sweep() == 1
    assert sweep() == 0
    assert deliver() == 1
    assert deliver() == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [business_manager.email]
    assert (
        message.subject
        == "Reminder: Child Q, Notify the Child Safeguarding Practice Review Panel due on "
        "9 March 2026"
    )
    assert "partners-2018.notify_panel" in message.body
    assert (
        reverse("reviews:incident_detail", args=[notify.board_id, notify.incident_id])
        in message.body
    )
    reminder = Reminder.objects.get(kind="before:5")
    assert (reminder.status, reminder.late) == ("sent", False)


def test_after_a_day_of_downtime_every_overdue_reminder_goes_out_once_marked_late(
    chair, notify, business_manager, clock
):
    # Nothing swept from Monday 2 to Wednesday 11 March: "5 before", "1 before", due day and
    # overdue all passed. The next sweep sends each once, late; the escalation waits.
    clock.move_to(at(D(2026, 3, 11)))
    assert sweep() == 4
    sent = Reminder.objects.filter(status="sent")
    assert sorted(sent.values_list("kind", flat=True)) == [
        "before:1",
        "before:5",
        "due_day",
        "overdue",
    ]
    assert all(sent.values_list("late", flat=True))
    assert sweep() == 0
    deliver()
    assert len(mail.outbox) == 4
    assert all("delayed" in m.body for m in mail.outbox)


def test_escalation_goes_to_the_chair_weekly_until_met(
    chair, notify, business_manager, incident, clock
):
    clock.move_to(at(D(2026, 3, 16)))
    sweep()
    escalation = Reminder.objects.get(kind="escalation:1")
    assert (escalation.recipient, escalation.status) == (chair, "sent")
    following = Reminder.objects.get(kind="escalation:2")
    assert (following.status, following.send_at.date()) == ("pending", D(2026, 3, 23))
    deliver()
    assert any(m.subject.startswith("Overdue, escalated: Child Q") for m in mail.outbox)
    incidents.notification_record(
        actor=business_manager,
        incident=incident,
        recipient="national_panel",
        sent_on=D(2026, 3, 16),
    )
    following.refresh_from_db()
    assert following.status == "cancelled"
    clock.move_to(at(D(2026, 3, 23)))
    assert sweep() == 0


def test_someone_who_lost_their_role_is_not_reminded(notify, business_manager, board, clock):
    business_manager.memberships.filter(board=board).delete()
    clock.move_to(at(D(2026, 3, 2)))
    assert sweep() == 0


def test_digest_users_get_one_email_a_day(notify, business_manager, clock):
    business_manager.reminder_digest = True
    business_manager.save()
    clock.move_to(at(D(2026, 3, 11)))
    assert sweep() == 4
    assert OutboxEmail.objects.count() == 0
    assert digest() == 1
    assert digest() == 0
    deliver()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Your reminders: 4 deadlines to see to"
    assert mail.outbox[0].body.count("Child Q") == 4


class FailingBackend:
    """A mail server that refuses everything."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_a_failing_mail_server_is_retried_with_backoff_then_recorded(
    notify, clock, settings, client, platform_admin, business_manager
):
    settings.EMAIL_BACKEND = "reminders.tests.test_sweep.FailingBackend"
    settings.REMINDER_MAX_ATTEMPTS = 3
    clock.move_to(at(D(2026, 3, 2)))
    sweep()
    email = OutboxEmail.objects.get()
    assert deliver() == 0
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("queued", 1)
    assert email.next_attempt_at == at(D(2026, 3, 2)) + backoff(1)
    assert "mail server down" in email.last_error
    assert deliver() == 0  # not yet due again
    for minutes in (1, 2):
        clock.shift(dt.timedelta(minutes=minutes))
        deliver()
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("failed", 3)
    client.force_login(platform_admin)
    assertContains(client.get(reverse("service_status")), "mail server down")
    client.force_login(business_manager)
    assertContains(client.get(reverse("reminders:list")), "E-mail failed")


def test_the_mail_server_recovering_delivers_the_backlog(notify, clock, settings):
    settings.EMAIL_BACKEND = "reminders.tests.test_sweep.FailingBackend"
    clock.move_to(at(D(2026, 3, 2)))
    sweep()
    deliver()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    clock.shift(dt.timedelta(minutes=5))
    assert deliver() == 1
    assert len(mail.outbox) == 1


def test_no_email_names_the_subject_or_family(chair, notify, business_manager, incident, clock):
    for role, name in [("subject", "Quentin Realname"), ("family", "Marjorie Realname")]:
        incidents.person_add(
            actor=business_manager, incident=incident, role=role, name=name, aliases="Quinny"
        )
    clock.move_to(at(D(2026, 3, 16)))
    sweep()
    deliver()
    assert len(mail.outbox) == 5
    for message in mail.outbox:
        for text in (message.subject, message.body):
            assert "Realname" not in text
            assert "Quinny" not in text
            assert "Quentin" not in text and "Marjorie" not in text


@pytest.mark.parametrize("batch", [1, 3])
def test_small_batches_still_send_everything_once(notify, business_manager, board, clock, batch):
    from reviews.tests.factories import log_incident

    for _ in range(4):
        log_incident(
            actor=business_manager,
            board=board,
            incident_on=D(2026, 3, 1),
            la_aware_on=D(2026, 3, 2),
            notified_on=D(2026, 3, 2),
        )
    clock.move_to(at(D(2026, 3, 2)))
    assert sweep(batch=batch) == 5
    assert OutboxEmail.objects.count() == 5
