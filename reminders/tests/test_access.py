"""Access follows roles at once (issue 16, item 7; finding 14): someone who loses a role, an
appointment or their account no longer sees the board's case references and deadlines in
their reminders, the reminders API or their calendar, and gets no e-mail not yet sent."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from boards.models import Membership
from boards.tests.factories import MembershipFactory
from insight.models import CalendarFeed
from reminders.models import OutboxEmail, Reminder
from reminders.planning import reminders_plan
from reminders.services import deliver, digest, sweep
from reminders.tests.conftest import aware_on_2_march
from reviews.models import ReviewerAppointment

UTC = dt.UTC


def at(day, hour=9):
    return dt.datetime(2026, 3, day, hour, tzinfo=UTC)


@pytest.fixture
def leaver(board, notify, business_manager):
    """A second business manager of the board, reminded of Child Q's notification clock."""
    user = MembershipFactory(board=board, role="business_manager", user__name="Lee Ver").user
    reminders_plan(deadline_ids=[notify.pk])
    return user


def remove(client, business_manager, user, board, role="business_manager"):
    membership = Membership.objects.get(user=user, board=board, role=role)
    client.force_login(business_manager)
    response = client.post(reverse("boards:member_remove", args=[board.pk, membership.pk]))
    assert response.status_code == 302
    client.logout()


def feed_of(client, user) -> str:
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    client.logout()
    return client.get(reverse("insight:feed", args=[feed.token])).content.decode()


def test_a_removed_member_sees_no_reminder_of_the_board(
    client, api_client_for, leaver, board, business_manager, clock
):
    clock.move_to(at(6))  # "5 before" and "1 before" are sent; due day, overdue... to come
    sweep()
    mine = Reminder.objects.filter(recipient=leaver)
    sent = mine.filter(status="sent").first()
    assert mine.filter(status="pending").exists()
    client.force_login(leaver)
    assert "Child Q" in client.get(reverse("reminders:list")).content.decode()
    assert "Child Q" in feed_of(client, leaver)

    remove(client, business_manager, leaver, board)

    client.force_login(leaver)  # signed in again: the removal ended their sessions
    page = client.get(reverse("reminders:list")).content.decode()
    assert "Child Q" not in page
    assert "unread)" not in client.get(reverse("home")).content.decode()
    assert client.get(reverse("reminders:open", args=[sent.pk])).status_code == 404
    listed = api_client_for(leaver).get(reverse("api:me-reminder-list")).json()
    assert listed["count"] == 0
    assert "Child Q" not in feed_of(client, leaver)
    # Their pending reminders are cancelled; those sent stay on record, out of sight.
    assert not mine.filter(status="pending").exists()
    assert mine.filter(status="sent").count() == 2
    # Those who still hold their role see everything as before.
    client.force_login(business_manager)
    assert "Child Q" in client.get(reverse("reminders:list")).content.decode()
    assert "Child Q" in feed_of(client, business_manager)


def test_queued_emails_of_a_removed_member_are_not_sent(
    client, leaver, board, business_manager, clock
):
    clock.move_to(at(2, hour=7))
    assert sweep() == 2  # one each
    remove(client, business_manager, leaver, board)
    assert Reminder.objects.get(recipient=leaver, status="sent").email_status == "withheld"
    assert deliver() == 1
    assert [m.to for m in mail.outbox] == [[business_manager.email]]


def test_delivery_withholds_an_email_whoever_took_the_access_away(
    leaver, board, business_manager, clock
):
    """Defence in depth: a membership deleted in the database (no service, no signal)."""
    clock.move_to(at(2, hour=7))
    sweep()
    Membership.objects.filter(user=leaver, board=board)._raw_delete(connection.alias)
    assert deliver() == 1
    assert [m.to for m in mail.outbox] == [[business_manager.email]]
    assert Reminder.objects.get(recipient=leaver, status="sent").email_status == "withheld"


def test_a_queued_digest_is_written_again_without_the_board_left(
    client, leaver, board, other_board, business_manager, clock
):
    """The digest lists a deadline of each of two boards; the person leaves one of them."""
    leaver.reminder_digest = True
    leaver.save()
    other_manager = MembershipFactory(board=other_board, role="business_manager").user
    MembershipFactory(board=other_board, role="business_manager", user=leaver)
    aware_on_2_march(actor=other_manager, board=other_board, reference="Child Z")
    clock.move_to(at(2, hour=7))
    sweep()
    assert digest() == 1
    listed = OutboxEmail.objects.get(to=leaver.email)
    assert "Child Q" in listed.body and "Child Z" in listed.body

    remove(client, business_manager, leaver, board)

    listed.refresh_from_db()
    assert listed.status == "withheld"
    rewritten = OutboxEmail.objects.get(to=leaver.email, status="queued")
    assert "Child Z" in rewritten.body and "Child Q" not in rewritten.body
    deliver()
    to_leaver = [m for m in mail.outbox if m.to == [leaver.email]]
    assert len(to_leaver) == 1
    assert "Child Q" not in to_leaver[0].body


def test_a_digest_already_sent_stays_on_record(client, leaver, board, business_manager, clock):
    leaver.reminder_digest = True
    leaver.save()
    clock.move_to(at(2, hour=7))
    sweep()
    digest()
    deliver()
    remove(client, business_manager, leaver, board)
    assert Reminder.objects.get(recipient=leaver, status="sent").email_status == "in_digest"
    assert OutboxEmail.objects.get(to=leaver.email).status == "delivered"


def test_a_disabled_account_loses_its_reminders_and_emails(client, leaver, platform_admin, clock):
    clock.move_to(at(2, hour=7))
    sweep()
    client.force_login(platform_admin)
    response = client.post(
        reverse("admin:core_user_change", args=[leaver.pk]),
        {
            "email": leaver.email,
            "name": leaver.name,
            "is_active": "",
            "date_joined_0": "2026-03-01",
            "date_joined_1": "09:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    leaver.refresh_from_db()
    assert not leaver.is_active
    mine = Reminder.objects.filter(recipient=leaver)
    assert not mine.filter(status="pending").exists()
    assert mine.get(status="sent").email_status == "withheld"
    deliver()
    assert all(m.to != [leaver.email] for m in mail.outbox)


@pytest.fixture
def reviewer(board, business_manager, chair, incident, clock):
    """A lead reviewer appointed to Child Q's review, reminded of its completion clock."""
    from accreditation.tests.factories import accredit
    from reviews.services.reviews import reviewer_appoint
    from reviews.tests.factories import decide

    decide(actor=chair, incident=incident, decided_on=dt.date(2026, 3, 2))
    incident.refresh_from_db()
    user = MembershipFactory(board=board, role="lead_reviewer", user__name="Rae Viewer").user
    accredit(user)
    reviewer_appoint(
        actor=business_manager,
        review=incident.review,
        user=user,
        role="lead",
        independence_declared=True,
        appointed_on=dt.date(2026, 3, 2),
    )
    reminders_plan(deadline_ids=incident.deadlines.values_list("pk", flat=True))
    assert Reminder.objects.filter(recipient=user, deadline__clock="complete").exists()
    return user


@pytest.mark.parametrize("how", ["appointment ended", "role removed"])
def test_an_ex_reviewer_sees_no_deadline_of_the_review(
    client, api_client_for, reviewer, incident, board, business_manager, how
):
    from reviews.services.reviews import reviewer_end

    assert "Child Q" in feed_of(client, reviewer)
    if how == "appointment ended":
        reviewer_end(
            actor=business_manager,
            appointment=ReviewerAppointment.objects.get(user=reviewer),
            ended_on=dt.date(2026, 3, 2),
        )
    else:
        remove(client, business_manager, reviewer, board, role="lead_reviewer")
    assert "Child Q" not in feed_of(client, reviewer)
    assert api_client_for(reviewer).get(reverse("api:me-reminder-list")).json()["count"] == 0
    assert not Reminder.objects.filter(recipient=reviewer, status="pending").exists()


def test_another_boards_user_sees_none_of_it(client, api_client_for, other_board_user, notify):
    reminder = Reminder.objects.filter(deadline=notify).first()
    client.force_login(other_board_user)
    assert client.get(reverse("reminders:open", args=[reminder.pk])).status_code == 404
    assert "Child Q" not in client.get(reverse("reminders:list")).content.decode()
    assert api_client_for(other_board_user).get(reverse("api:me-reminder-list")).json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }
    assert "Child Q" not in feed_of(client, other_board_user)


def test_deleting_a_person_takes_their_reminders_and_digest_with_them(leaver, clock):
    """A cascade from the person (or the board) is not a role removed: nothing is withheld or
    written again, everything of theirs goes."""
    leaver.reminder_digest = True
    leaver.save()
    clock.move_to(at(2, hour=7))
    sweep()
    assert digest() == 1
    leaver.delete()
    assert not Reminder.objects.filter(recipient_id=leaver.pk).exists()
    assert OutboxEmail.objects.get(to=leaver.email).status == "queued"  # not written again


def test_the_rule_for_one_known_person_agrees_with_the_rule_for_every_recipient(
    client, reviewer, leaver, board, business_manager
):
    """The pages of one person (their reminders, their work, their calendar) apply the rule
    for that person (`seen_by`), the sweep applies it for every recipient at once
    (`seen_by_recipient`): the two give the same reminders, whoever has lost what."""
    from core.models import User
    from reminders.access import seen_by, seen_by_recipient
    from reviews.services.reviews import reviewer_end

    remove(client, business_manager, leaver, board)
    reviewer_end(
        actor=business_manager,
        appointment=ReviewerAppointment.objects.get(user=reviewer),
        ended_on=dt.date(2026, 3, 2),
    )
    for_every_recipient = set(
        Reminder.objects.filter(seen_by_recipient()).values_list("pk", flat=True)
    )
    one_person_at_a_time = set()
    for user in User.objects.filter(reminders__isnull=False).distinct():
        one_person_at_a_time |= set(
            Reminder.objects.filter(recipient=user)
            .filter(seen_by(user, "deadline__"))
            .values_list("pk", flat=True)
        )
    assert one_person_at_a_time == for_every_recipient
    # Both kinds of person are there: some reminders still seen, the leaver's and the
    # former reviewer's not.
    assert for_every_recipient
    assert not Reminder.objects.filter(pk__in=for_every_recipient, recipient=leaver).exists()
    assert not Reminder.objects.filter(pk__in=for_every_recipient, recipient=reviewer).exists()
    assert Reminder.objects.filter(recipient__in=[leaver, reviewer]).exists()


def test_the_rule_for_one_person_asks_only_the_ways_they_have(
    reviewer, business_manager, incident, django_assert_num_queries
):
    """A business manager sees deadlines through their roles only, and the rule put to the
    database for them leaves out every kind's owning records (building and compiling those
    cost more than the query: bench/README.md); a lead reviewer's leaves out the roles that
    read cases, which they do not hold, and keeps the kinds of their review. What each finds
    is the rule's (the test above)."""
    from core.models import User
    from deadlines.models import Deadline
    from reminders.access import seen_by

    manager = User.objects.get(pk=business_manager.pk)
    with django_assert_num_queries(1):  # the ways they have, read once for the request
        rule = seen_by(manager) & seen_by(manager)
    sql = str(Deadline.objects.filter(rule).query)
    assert "boards_membership" in sql
    assert "reviews_reviewerappointment" not in sql
    assert "accreditation_accreditation" not in sql
    assert Deadline.objects.filter(rule).exists()

    lead = User.objects.get(pk=reviewer.pk)
    sql = str(Deadline.objects.filter(seen_by(lead)).query)
    assert "reviews_reviewerappointment" in sql  # appointed, and accredited
    assert "accreditation_accreditation" in sql
    cases = set(Deadline.objects.filter(seen_by(lead)).values_list("case_id", flat=True))
    assert cases - {None} == {incident.pk}  # their review's case (and their accreditation)


def test_someone_with_no_way_in_is_asked_nothing_and_sees_nothing(reviewer, board):
    from core.tests.factories import UserFactory
    from deadlines.models import Deadline
    from reminders.access import seen_by

    stranger = UserFactory()
    assert Deadline.objects.exists()
    assert not Deadline.objects.filter(seen_by(stranger)).exists()
