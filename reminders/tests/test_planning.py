"""The reminder policy, with a frozen clock."""

import datetime as dt

import pytest

from accreditation.tests.factories import accredit
from boards.tests.factories import MembershipFactory
from reminders.models import Reminder
from reminders.planning import Policy, reminders_plan, send_time, wanted_kinds
from reminders.services import policy_update
from reminders.tests.conftest import aware_on_2_march
from reviews.services import clocks, incidents

D = dt.date


def rows(deadline, **where):
    return {
        (r.recipient_id, r.kind): (r.send_at, r.status)
        for r in Reminder.objects.filter(deadline=deadline, **where)
    }


def test_the_default_policy(notify):
    kinds = wanted_kinds(notify, Policy(), frozenset(), escalations_sent=0)
    assert kinds == [
        ("before:5", D(2026, 3, 2), "owners"),
        ("before:1", D(2026, 3, 6), "owners"),
        ("due_day", D(2026, 3, 9), "owners"),
        ("overdue", D(2026, 3, 10), "owners"),
        ("escalation:1", D(2026, 3, 16), "chairs"),
    ]
    assert wanted_kinds(notify, Policy(), frozenset(), escalations_sent=2)[-1] == (
        "escalation:3",
        D(2026, 3, 30),
        "chairs",
    )


def test_working_days_skip_bank_holidays(notify):
    easter = notify
    easter.due_on = D(2026, 4, 7)  # Tuesday after Easter Monday
    kinds = {
        k: d
        for k, d, _ in wanted_kinds(
            easter, Policy((1,), False, False, False), {D(2026, 4, 3), D(2026, 4, 6)}, 0
        )
    }
    assert kinds == {"before:1": D(2026, 4, 2)}


def test_business_managers_get_the_incident_clocks_and_chairs_the_escalation(
    chair, business_manager, notify
):
    planned = rows(notify)
    assert planned == {
        (business_manager.pk, "before:5"): (send_time(D(2026, 3, 2)), "pending"),
        (business_manager.pk, "before:1"): (send_time(D(2026, 3, 6)), "pending"),
        (business_manager.pk, "due_day"): (send_time(D(2026, 3, 9)), "pending"),
        (business_manager.pk, "overdue"): (send_time(D(2026, 3, 10)), "pending"),
        (chair.pk, "escalation:1"): (send_time(D(2026, 3, 16)), "pending"),
    }
    assert send_time(D(2026, 3, 2)).hour == 7


def test_a_met_deadline_cancels_its_pending_reminders(notify, business_manager, incident):
    incidents.notification_record(
        actor=business_manager, incident=incident, recipient="national_panel", sent_on=D(2026, 3, 2)
    )
    assert {status for _, status in rows(notify).values()} == {"cancelled"}


def test_a_pause_holds_reminders_and_the_restart_moves_them(notify, business_manager, clock):
    clocks.deadline_pause(
        actor=business_manager,
        deadline=notify,
        reason="inquest",
        details="",
        paused_on=D(2026, 3, 2),
    )
    assert {status for _, status in rows(notify).values()} == {"cancelled"}
    clock.move_to(dt.datetime(2026, 3, 4, 6, tzinfo=dt.UTC))
    clocks.deadline_resume(actor=business_manager, deadline=notify, resumed_on=D(2026, 3, 4))
    notify.refresh_from_db()
    assert notify.due_on == D(2026, 3, 11)  # 2 and 3 March stood still
    planned = rows(notify, kind="due_day")
    assert list(planned.values()) == [(send_time(D(2026, 3, 11)), "pending")]
    # "5 working days before" fell on 4 March, today: still wanted and moved.
    assert list(rows(notify, kind="before:5").values()) == [(send_time(D(2026, 3, 4)), "pending")]


def test_an_extension_moves_pending_reminders(business_manager, chair, incident, clock):
    from reviews.services import reviews
    from reviews.tests.factories import decide

    decide(actor=chair, incident=incident, decided_on=D(2026, 3, 2))
    review = incident.review
    complete = reviews.completion_deadline(review)
    assert list(rows(complete, kind="due_day").values()) == [(send_time(D(2026, 9, 2)), "pending")]
    reviews.review_extend(
        actor=business_manager,
        review=review,
        extended_to=D(2026, 12, 1),
        reason="Trial",
        agreed_on=D(2026, 3, 2),
    )
    assert list(rows(complete, kind="due_day").values()) == [(send_time(D(2026, 12, 1)), "pending")]


def test_reviewers_get_the_review_work(business_manager, chair, incident, board):
    from reviews.services import reviews
    from reviews.tests.factories import decide

    decide(actor=chair, incident=incident, decided_on=D(2026, 3, 2))
    review = incident.review
    lead = MembershipFactory(board=board, role="lead_reviewer").user
    accredit(lead)
    reviews.reviewer_appoint(
        actor=business_manager,
        review=review,
        user=lead,
        role="lead",
        independence_declared=True,
        appointed_on=D(2026, 3, 2),
    )
    reminders_plan()
    complete = reviews.completion_deadline(review)
    assert {recipient for recipient, _ in rows(complete, kind="due_day")} == {
        lead.pk,
        business_manager.pk,
    }


def test_the_owner_agencys_contact_gets_the_action(
    business_manager, chair, incident, board, agency
):
    from reviews.services import actions
    from reviews.tests.factories import decide

    decide(actor=chair, incident=incident, decided_on=D(2026, 3, 2))
    action = actions.action_add(
        actor=business_manager,
        review=incident.review,
        description="Audit",
        owner_agency=agency,
        due_on=D(2026, 6, 1),
    )
    deadline = incident.deadlines.get(owner_id=action.pk)
    assert {r for r, _ in rows(deadline, kind="due_day")} == {business_manager.pk}  # no contact yet
    contact = MembershipFactory(board=board, role="member", agency=agency).user
    reminders_plan(deadline_ids=[deadline.pk])
    assert {r for r, _ in rows(deadline, kind="due_day", status="pending")} == {contact.pk}
    assert (
        rows(deadline, recipient=business_manager, kind="due_day")[
            (business_manager.pk, "due_day")
        ][1]
        == "cancelled"
    )


def test_a_reminder_whose_moment_passed_before_it_existed_is_not_created(
    business_manager, chair, board, clock
):
    from reviews.tests.factories import log_incident

    clock.move_to(dt.datetime(2026, 3, 6, 9, tzinfo=dt.UTC))
    late = log_incident(
        actor=business_manager,
        board=board,
        incident_on=D(2026, 3, 1),
        la_aware_on=D(2026, 3, 2),
        notified_on=D(2026, 3, 5),
    )
    kinds = {kind for _, kind in rows(late.deadlines.get(clock="notify_panel"))}
    assert "before:5" not in kinds
    assert {"before:1", "due_day", "overdue", "escalation:1"} <= kinds


def test_a_clock_overdue_when_logged_gets_only_the_overdue_reminders(
    business_manager, chair, board, clock
):
    """Logged on Friday 20 March, aware on 2 March: the notification was due on 9 March."""

    clock.move_to(dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC))
    overdue = aware_on_2_march(actor=business_manager, board=board)
    assert rows(overdue.deadlines.get(clock="notify_panel")) == {
        (business_manager.pk, "overdue"): (send_time(D(2026, 3, 10)), "pending"),
        (chair.pk, "escalation:1"): (send_time(D(2026, 3, 16)), "pending"),
    }


def test_the_policy_is_the_boards_and_moves_pending_reminders(notify, business_manager, board):
    policy_update(
        actor=business_manager,
        board=board,
        working_days_before=[3],
        on_due_day=False,
        when_overdue=True,
        escalate_weekly=False,
    )
    pending = {kind for (_, kind), (_, status) in rows(notify).items() if status == "pending"}
    assert pending == {"before:3", "overdue"}


@pytest.mark.parametrize("days", [[0], [61], [-1]])
def test_the_policy_refuses_silly_numbers(business_manager, board, days):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        policy_update(
            actor=business_manager,
            board=board,
            working_days_before=days,
            on_due_day=True,
            when_overdue=True,
            escalate_weekly=True,
        )


def test_only_the_business_manager_sets_the_policy(chair, board):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        policy_update(
            actor=chair,
            board=board,
            working_days_before=[5],
            on_due_day=True,
            when_overdue=True,
            escalate_weekly=True,
        )


def test_planning_queries_do_not_grow_with_deadlines(
    business_manager, board, clock, django_assert_max_num_queries
):

    for _ in range(30):
        aware_on_2_march(actor=business_manager, board=board)
    Reminder.objects.all().delete()
    with django_assert_max_num_queries(12):
        created = reminders_plan()
    # Logged on 2 March for 2 March: "5 before" is today, due day and overdue follow.
    assert created == Reminder.objects.count() == 30 * 4
