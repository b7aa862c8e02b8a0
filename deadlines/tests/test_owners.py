"""A deadline names its owner by id (the owner lives in an app above), so the owning app
removes a record's deadlines, and their reminders, with the record: what a foreign key's
cascade did before the deadlines had an app of their own."""

import datetime as dt

import pytest

from deadlines.models import Deadline
from reminders.models import Reminder
from reviews.models import Action, Incident
from reviews.tests.factories import decide, log_incident


@pytest.mark.django_db
def test_a_case_deleted_takes_its_deadlines_and_their_reminders(business_manager, board):
    incident = log_incident(actor=business_manager, board=board)
    assert Reminder.objects.filter(deadline__case_id=incident.pk).exists()
    Incident.all_objects.filter(pk=incident.pk).delete()
    assert not Deadline.objects.filter(case_id=incident.pk).exists()
    assert not Reminder.objects.filter(deadline__case_id=incident.pk).exists()


@pytest.mark.django_db
def test_an_action_deleted_takes_its_deadline_and_no_other(business_manager, chair, board, agency):
    from reviews.services import actions

    incident = log_incident(actor=business_manager, board=board)
    decide(actor=chair, incident=incident, decided_on=incident.notified_on)
    action = actions.action_add(
        actor=business_manager,
        review=incident.review,
        description="Audit",
        owner_agency=agency,
        due_on=incident.notified_on + dt.timedelta(days=90),
    )
    clocks = set(incident.deadlines.filter(kind="clock").values_list("pk", flat=True))
    assert incident.deadlines.filter(kind="action", owner_id=action.pk).exists()
    Action.all_objects.filter(pk=action.pk).delete()
    assert not incident.deadlines.filter(kind="action").exists()
    assert set(incident.deadlines.filter(kind="clock").values_list("pk", flat=True)) == clocks


@pytest.mark.django_db
def test_a_deadline_whose_owner_is_gone_outside_the_orm_still_shows_by_its_kind(
    business_manager, board
):
    import uuid

    from deadlines import kinds
    from reminders import messages

    incident = log_incident(actor=business_manager, board=board)
    orphan = Deadline.objects.create(
        board=board,
        kind="action",
        owner_id=uuid.uuid4(),
        case_id=incident.pk,
        rulebook=incident.rulebook,
        clock="action",
        starts_on=incident.notified_on,
        due_on=incident.notified_on,
    )
    [described] = kinds.describe([Deadline.objects.get(pk=orphan.pk)])
    assert (described.about.title, described.about.reference) == ("Action", "")
    assert messages.deadline_path(described) == "/reminders/"
