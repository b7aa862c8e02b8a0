"""The accreditation lifecycle, with a frozen clock: reminders before the annual review, lapse
when it is missed or when too few network meetings were attended, suspension, reinstatement."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from accreditation.models import Accreditation
from accreditation.services import accreditations
from core.tests.factories import UserFactory
from reminders.models import Reminder
from reminders.services import deliver, sweep

D = dt.date


@pytest.fixture
def reviewer(db):
    return UserFactory(name="Lee Reviewer")


@pytest.fixture
def accredited(staff, reviewer):
    """Accredited on Monday 2 March 2026: the annual review is due on 2 March 2027."""
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC), tick=False):
        return accreditations.accreditation_grant(
            actor=staff, user=reviewer, accredited_on=D(2026, 3, 2)
        )


def meeting(staff, day, *attending):
    with time_machine.travel(dt.datetime(day.year, day.month, day.day, 18, tzinfo=dt.UTC)):
        record = accreditations.meeting_add(actor=staff, date=day, title="Network", venue="Online")
        accreditations.meeting_attendance_record(
            actor=staff, meeting=record, accreditations=list(attending)
        )
    return record


def on(day):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC))


def test_the_reviewer_is_reminded_and_when_missed_both_hear_of_the_lapse(
    staff, accredited, reviewer
):
    planned = Reminder.objects.filter(
        deadline__owner_id=accredited.pk, deadline__clock="annual_review"
    )
    # Before and on the day; the lapse the next morning replaces an overdue reminder.
    assert set(planned.values_list("recipient", "kind")) == {
        (reviewer.pk, "before:5"),
        (reviewer.pk, "before:1"),
        (reviewer.pk, "due_day"),
    }
    # Five working days before 2 March 2027, at the reminders' hour.
    with time_machine.travel(dt.datetime(2027, 2, 23, 7, 5, tzinfo=dt.UTC)):
        assert sweep() == 2  # the annual review and the network meetings, both due then
        deliver()
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        "Reminder: Accreditation of Lee Reviewer, Annual review of the accreditation due on 2 "
        "March 2027",
        "Reminder: Accreditation of Lee Reviewer, Network meetings of the accreditation year "
        "due on 2 March 2027",
    ]
    assert all(m.to == [reviewer.email] for m in mail.outbox)
    body = mail.outbox[0].body
    assert body.startswith("Accreditation of Lee Reviewer\n")
    assert "delayed" not in body
    mail.outbox.clear()
    with time_machine.travel(dt.datetime(2027, 3, 3, 1, 30, tzinfo=dt.UTC)):
        assert accreditations.accreditations_lapse() == 1
        deliver()
    assert {(m.to[0], m.subject) for m in mail.outbox} == {
        (reviewer.email, "Your accreditation as a lead reviewer has lapsed"),
        (staff.email, "The accreditation of Lee Reviewer has lapsed"),
    }
    # The reminders already sent stay in the reviewer's list; none is left to send.
    assert Reminder.objects.filter(recipient=reviewer, status="sent").count() == 2
    assert not Reminder.objects.filter(deadline__owner_id=accredited.pk, status="pending").exists()


def test_a_missed_annual_review_lapses_the_accreditation(staff, accredited):
    for day in (D(2026, 5, 5), D(2026, 9, 8), D(2027, 1, 12)):
        meeting(staff, day, accredited)
    assert accreditations.accreditations_lapse(today=D(2027, 3, 2)) == 0  # due today: not yet
    assert accreditations.accreditations_lapse(today=D(2027, 3, 3)) == 1
    accredited.refresh_from_db()
    assert accredited.status == "lapsed"
    assert accredited.status_reason == (
        "Lapsed: the annual review due on 2 March 2027 was not held."
    )
    assert accredited.status_changed_on == D(2027, 3, 3)
    deliver()
    told = {m.subject: m.body for m in mail.outbox}
    assert "was not held" in told["Your accreditation as a lead reviewer has lapsed"]
    # Its open deadlines are closed, and nothing more is sent about them.
    assert not accredited.deadlines.filter(met_on=None, paused_since=None).exists()
    assert not Reminder.objects.filter(deadline__owner_id=accredited.pk, status="pending").exists()


def test_too_few_network_meetings_mean_no_continuing_and_a_lapse(staff, accredited):
    meeting(staff, D(2026, 5, 5), accredited)
    meeting(staff, D(2026, 9, 8), accredited)
    with on(D(2027, 2, 20)), pytest.raises(ValidationError) as error:
        accreditations.annual_review_record(
            actor=staff, accreditation=accredited, reviewed_on=D(2027, 2, 20), outcome="continued"
        )
    assert error.value.message_dict["outcome"] == [
        "Lee Reviewer attended 2 of 3 network meetings this year: the accreditation cannot continue"
    ]
    accreditations.accreditations_lapse(today=D(2027, 3, 3))
    accredited.refresh_from_db()
    assert accredited.status == "lapsed"
    assert "2 of 3 network meetings were attended" in accredited.status_reason


def test_a_held_review_starts_a_new_year(staff, accredited):
    for day in (D(2026, 5, 5), D(2026, 9, 8), D(2027, 1, 12)):
        meeting(staff, day, accredited)
    network = accredited.deadlines.get(clock="network_meetings")
    assert network.met_on == D(2027, 1, 12)  # met at the third meeting
    with on(D(2027, 2, 20)):
        review = accreditations.annual_review_record(
            actor=staff, accreditation=accredited, reviewed_on=D(2027, 2, 20), outcome="continued"
        )
    assert review.meetings_attended == 3
    accredited.refresh_from_db()
    assert (accredited.year_started_on, accredited.annual_review_due_on) == (
        D(2027, 2, 20),
        D(2028, 2, 20),
    )
    assert accredited.deadlines.get(clock="annual_review", starts_on=D(2026, 3, 2)).met_on == (
        D(2027, 2, 20)
    )
    assert accredited.deadlines.get(clock="annual_review", met_on__isnull=True).due_on == (
        D(2028, 2, 20)
    )
    assert accreditations.accreditations_lapse(today=D(2027, 3, 3)) == 0


def test_meetings_of_another_year_do_not_count(staff, accredited):
    meeting(staff, D(2026, 2, 1), accredited)  # before the accreditation year
    assert accreditations.meetings_in_year(accredited) == []


def test_suspension_with_a_reason_and_reinstatement(staff, accredited, clock):
    with pytest.raises(ValidationError):
        accreditations.accreditation_suspend(actor=staff, accreditation=accredited, reason=" ")
    with on(D(2026, 6, 1)):
        accreditations.accreditation_suspend(
            actor=staff, accreditation=accredited, reason="Complaint under investigation"
        )
    accredited.refresh_from_db()
    assert (accredited.status, accredited.status_reason) == (
        "suspended",
        "Complaint under investigation",
    )
    assert not Reminder.objects.filter(deadline__owner_id=accredited.pk, status="pending").exists()
    with on(D(2026, 7, 1)):
        accreditations.accreditation_reinstate(
            actor=staff, accreditation=accredited, on=D(2026, 7, 1)
        )
    accredited.refresh_from_db()
    assert (accredited.status, accredited.annual_review_due_on) == ("accredited", D(2027, 7, 1))


def test_the_directory_lists_reviewers_in_force_by_region_and_availability(
    staff, accredited, reviewer
):
    from accreditation import selectors

    accreditations.availability_update(
        actor=reviewer,
        accreditation=accredited,
        regions=["london", "wales"],
        availability="limited",
        note="Two days a week",
    )
    assert selectors.directory(region="wales") == [accredited]
    assert selectors.directory(region="north_east") == []
    assert list(selectors.directory(availability="available")) == []
    Accreditation.objects.filter(pk=accredited.pk).update(status="lapsed")
    assert list(selectors.directory()) == []


def test_the_reviewers_regions_must_be_known(reviewer, accredited):
    with pytest.raises(ValidationError) as error:
        accreditations.availability_update(
            actor=reviewer, accreditation=accredited, regions=["atlantis"], availability="available"
        )
    assert "regions" in error.value.message_dict


def test_the_daily_task_lapses_what_is_due(staff, accredited):
    from accreditation import tasks

    with on(D(2027, 3, 2)):
        assert tasks.lapse.apply().get() == 0
    with on(D(2027, 3, 3)):
        assert tasks.lapse.apply().get() == 1
        assert tasks.lapse.apply().get() == 0  # twice is harmless


def test_accrediting_again_closes_the_old_years_deadlines(staff, accredited, reviewer):
    with on(D(2026, 6, 1)):
        accreditations.accreditation_grant(actor=staff, user=reviewer, accredited_on=D(2026, 6, 1))
        with pytest.raises(ValidationError):
            accreditations.accreditation_grant(
                actor=staff,
                user=reviewer,
                accredited_on=D(2026, 6, 2),  # tomorrow
            )
    still_open = accredited.deadlines.filter(met_on=None, paused_since=None)
    assert sorted(still_open.values_list("clock", "due_on")) == [
        ("annual_review", D(2027, 6, 1)),
        ("network_meetings", D(2027, 6, 1)),
    ]
    pending = Reminder.objects.filter(deadline__owner_id=accredited.pk, status="pending")
    assert set(pending.values_list("deadline__due_on", flat=True)) == {D(2027, 6, 1)}
