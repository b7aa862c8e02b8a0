"""The sweep and delivery: each due reminder e-mailed once, late after downtime, retried on a
failing mail server, and never a real name."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.urls import reverse
from pytest_django.asserts import assertContains

from boards.tests.factories import MembershipFactory
from reminders.models import OutboxEmail, Reminder
from reminders.planning import reminders_plan
from reminders.services import backoff, deliver, digest, sweep
from reminders.tests.conftest import aware_on_2_march
from reviews.services import incidents

D = dt.date
UTC = dt.UTC


def at(day, hour=9):
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def test_a_due_reminder_is_emailed_once(notify, business_manager, clock, client):
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
    assert "Where the rule comes from: Children Act 2004 s16C" in message.body
    assert "partners-2023.notify_panel" not in message.body
    reminder = Reminder.objects.get(kind="before:5")
    assert (reminder.status, reminder.late) == ("sent", False)
    # The link is the reminder's own: it marks it read and leads on to the incident.
    link = settings.SITE_URL + reverse("reminders:open", args=[reminder.pk])
    assert link in message.body.splitlines()
    client.force_login(business_manager)
    response = client.get(link)
    assert response.url == reverse(
        "reviews:incident_detail", args=[notify.board_id, notify.case_id]
    )


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


def test_a_reminder_planned_after_its_moment_goes_out_on_time_not_late(
    chair, business_manager, board, clock
):
    """An incident logged with its notification clock already overdue: the overdue reminder
    and the chair's escalation go out on the next sweep, and were not held up by anything."""

    clock.move_to(at(D(2026, 3, 20)))
    aware_on_2_march(actor=business_manager, board=board)
    clock.shift(dt.timedelta(minutes=5))
    assert sweep() == 2
    assert not Reminder.objects.filter(status="sent", late=True).exists()
    deliver()
    assert not any("delayed" in m.body for m in mail.outbox)


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


def test_a_dropped_reminder_does_not_end_a_sweep_early(notify, business_manager, board, clock):
    """A claimed row cancelled because its recipient left still fills the batch: the sweep
    goes on to the rows behind it instead of leaving them for the next sweep."""
    leaver = MembershipFactory(board=board, role="business_manager").user
    reminders_plan(deadline_ids=[notify.pk])
    Reminder.objects.filter(recipient=leaver).update(send_at=at(D(2026, 3, 2), hour=6))
    # Removed behind the services' back (no signal), so that the sweep is what finds it.
    leaver.memberships.all()._raw_delete(connection.alias)
    clock.move_to(at(D(2026, 3, 2), hour=7))
    assert sweep(batch=1) == 1
    assert Reminder.objects.get(recipient=leaver, kind="before:5").status == "cancelled"
    assert Reminder.objects.get(recipient=business_manager, kind="before:5").status == "sent"


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
    reminder = Reminder.objects.get(status="sent")
    assert deliver() == 0
    reminder.refresh_from_db()
    assert (reminder.email_status, reminder.email_attempts) == ("queued", 1)
    assert reminder.email_next_attempt_at == at(D(2026, 3, 2)) + backoff(1)
    assert "mail server down" in reminder.email_error
    assert deliver() == 0  # not yet due again
    reminder.refresh_from_db()
    assert reminder.email_attempts == 1
    for minutes in (1, 2):
        clock.shift(dt.timedelta(minutes=minutes))
        deliver()
    reminder.refresh_from_db()
    assert (reminder.email_status, reminder.email_attempts) == ("failed", 3)
    client.force_login(platform_admin)
    response = client.get(reverse("service_status"))
    assertContains(response, "mail server down")
    assertContains(response, "Reminder: Child Q, Notify the Child Safeguarding Practice Review")
    client.force_login(business_manager)
    assertContains(client.get(reverse("reminders:list")), "E-mail failed")


def test_a_failing_digest_is_retried_and_recorded_too(
    notify, business_manager, clock, settings, client, platform_admin
):
    business_manager.reminder_digest = True
    business_manager.save()
    settings.EMAIL_BACKEND = "reminders.tests.test_sweep.FailingBackend"
    settings.REMINDER_MAX_ATTEMPTS = 2
    clock.move_to(at(D(2026, 3, 2)))
    sweep()
    digest()
    deliver()
    clock.shift(dt.timedelta(minutes=1))
    deliver()
    email = OutboxEmail.objects.get()
    assert (email.status, email.attempts) == ("failed", 2)
    client.force_login(platform_admin)
    assertContains(client.get(reverse("service_status")), "Your reminders: 1 deadline to see to")
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


def test_no_email_names_the_subject_or_family(
    chair, notify, business_manager, incident, agency, clock
):
    from reviews.services import actions
    from reviews.tests.factories import decide

    for role, name in [("subject", "Quentin Realname"), ("family", "Marjorie Realname")]:
        incidents.person_add(
            actor=business_manager, incident=incident, role=role, name=name, aliases="Quinny"
        )
    decide(actor=chair, incident=incident, decided_on=D(2026, 3, 2))
    # Free text written by people may name them: an action whose description does.
    actions.action_add(
        actor=business_manager,
        review=incident.review,
        description="Visit Quentin Realname's mother Marjorie weekly",
        owner_agency=agency,
        due_on=D(2026, 3, 13),
    )
    clock.move_to(at(D(2026, 3, 16)))
    sweep()
    deliver()
    subjects = [m.subject for m in mail.outbox]
    assert any("Action for Northshire Constabulary" in s for s in subjects)
    assert any("Notify the Child Safeguarding Practice Review Panel" in s for s in subjects)
    chair.reminder_digest = True
    chair.save()
    clock.move_to(at(D(2026, 3, 23)))  # the weekly escalations, in the chair's digest
    assert sweep() == 2
    assert digest() == 1
    deliver()
    assert "Your reminders" in mail.outbox[-1].subject
    for message in mail.outbox:
        for text in (message.subject, message.body):
            assert "Realname" not in text
            assert "Quinny" not in text
            assert "Quentin" not in text and "Marjorie" not in text


@pytest.mark.parametrize("batch", [1, 3])
def test_small_batches_still_send_everything_once(notify, business_manager, board, clock, batch):

    for _ in range(4):
        aware_on_2_march(actor=business_manager, board=board)
    clock.move_to(at(D(2026, 3, 2)))
    assert sweep(batch=batch) == 5
    assert Reminder.objects.filter(email_status="queued").count() == 5
    assert deliver(batch=batch) == 5
    assert len(mail.outbox) == 5


def test_a_reminder_to_someone_who_chose_welsh_is_written_in_welsh(notify, business_manager, clock):
    business_manager.language = "cy"
    business_manager.save(update_fields=["language"])
    clock.move_to(at(D(2026, 3, 2), hour=7))
    assert sweep() == 1
    assert deliver() == 1
    (message,) = mail.outbox
    assert message.subject.startswith("Nodyn atgoffa: Child Q, ")
    assert "Hysbysu’r Panel Adolygu Ymarfer Diogelu Plant" in message.subject
    assert "9 Mawrth 2026" in message.subject
    assert "Rheoli adolygiadau achosion diogelu" in message.body
    assert "Manage safeguarding case reviews" not in message.body


def test_in_one_batch_each_email_names_its_deadline_in_its_recipients_language(
    chair, notify, business_manager, incident, agency, clock
):
    """A kind of deadline describes it in the language active: the titles are described once
    for each language the batch's e-mails are in."""
    from reviews.services import actions
    from reviews.tests.factories import decide

    decide(actor=chair, incident=incident, decided_on=D(2026, 3, 2))
    actions.action_add(
        actor=business_manager,
        review=incident.review,
        description="Audit the plans",
        owner_agency=agency,
        due_on=D(2026, 3, 13),
    )
    chair.language = "cy"
    chair.save(update_fields=["language"])
    clock.move_to(at(D(2026, 3, 23)))  # overdue: the manager reminded, the chair escalated to
    sweep()
    deliver()
    to_chair = [m.subject for m in mail.outbox if m.to == [chair.email]]
    to_manager = [m.subject for m in mail.outbox if m.to == [business_manager.email]]
    assert any("Cam gweithredu i Northshire Constabulary" in s for s in to_chair)
    assert any("Action for Northshire Constabulary" in s for s in to_manager)
    assert not any("Action for" in s for s in to_chair)
