"""Upgrading keeps every deadline (issue 17): a database at the schema before the deadlines app,
with a deadline of every kind, their pauses, extensions, reminders, bank holidays and change
history, migrates forward with `migrate` alone and every row is found, with its owner."""

import datetime as dt
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# The schema of main before the deadlines moved (reviews 0010, reminders 0005).
BEFORE = [
    ("reviews", "0010_incident_withdrawable"),
    ("reminders", "0005_emails_in_flight"),
    ("accreditation", "0003_withdrawable_records"),
    ("boards", "0005_end_appointments_without_the_role"),
    ("deadlines", None),  # not yet there
]

D = dt.date


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The state of every app as the database now stands: migrating back also unapplies the later
    # migrations of other apps that depend on the targets (publication's on reviews', say).
    executor.loader.build_graph()
    applied = set(executor.loader.applied_migrations)
    graph = executor.loader.graph
    latest = [
        node
        for node in applied
        if not any(child in applied for child in graph.node_map[node].children)
    ]
    return executor.loader.project_state(latest).apps


def _leaves():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def _filled(apps) -> dict:
    """Rows of every kind at the old schema, made with the old models."""
    User = apps.get_model("core", "User")
    Board = apps.get_model("boards", "Board")
    Agency = apps.get_model("boards", "Agency")
    Incident = apps.get_model("reviews", "Incident")
    Review = apps.get_model("reviews", "Review")
    Action = apps.get_model("reviews", "Action")
    AgencyRequest = apps.get_model("reviews", "AgencyRequest")
    Accreditation = apps.get_model("accreditation", "Accreditation")
    Deadline = apps.get_model("reviews", "Deadline")
    HistoricalDeadline = apps.get_model("reviews", "HistoricalDeadline")
    ClockPause = apps.get_model("reviews", "ClockPause")
    ClockExtension = apps.get_model("reviews", "ClockExtension")
    BankHoliday = apps.get_model("reviews", "BankHoliday")
    Reminder = apps.get_model("reminders", "Reminder")

    user = User.objects.create(email="manager@example.org", name="Bea Manager")
    reviewer = User.objects.create(email="reviewer@example.org", name="Rhys Reviewer")
    board = Board.objects.create(
        name="Northshire", kind="children", nation="england", regime="wt2023"
    )
    agency = Agency.objects.create(board=board, name="Northshire Police", sector="police")
    incident = Incident.objects.create(
        board=board,
        rulebook="wt2023",
        reference="NS-2026-001",
        subject_kind="child",
        incident_on=D(2026, 3, 1),
        la_aware_on=D(2026, 3, 2),
        notified_on=D(2026, 3, 2),
        notifier="Police",
        criteria_outcome="must_initiate",
        criteria_reason="Died",
        criteria_source="WT2023",
    )
    review = Review.objects.create(
        board=board, incident=incident, review_type="cspr", initiated_on=D(2026, 3, 20)
    )
    action = Action.objects.create(
        review=review, description="Audit", owner_agency=agency, due_on=D(2026, 9, 1)
    )
    request = AgencyRequest.objects.create(
        review=review, agency=agency, requested_on=D(2026, 4, 1), due_on=D(2026, 4, 30)
    )
    accreditation = Accreditation.objects.create(
        user=reviewer,
        accredited_on=D(2026, 1, 5),
        year_started_on=D(2026, 1, 5),
        annual_review_due_on=D(2027, 1, 5),
    )
    common = {"starts_on": D(2026, 3, 2), "due_on": D(2026, 3, 9)}
    clock = Deadline.objects.create(
        board=board, incident=incident, rulebook="wt2023", clock="notify_panel", **common
    )
    of_action = Deadline.objects.create(
        board=board, incident=incident, action=action, rulebook="wt2023", clock="action", **common
    )
    of_request = Deadline.objects.create(
        board=board,
        incident=incident,
        agency_request=request,
        rulebook="wt2023",
        clock="agency_request",
        **common,
    )
    of_accreditation = Deadline.objects.create(
        accreditation=accreditation, rulebook="accreditation", clock="annual_review", **common
    )
    for deadline in (clock, of_action, of_request, of_accreditation):
        HistoricalDeadline.objects.create(
            id=deadline.pk,
            board_id=deadline.board_id,
            incident_id=deadline.incident_id,
            action_id=deadline.action_id,
            agency_request_id=deadline.agency_request_id,
            accreditation_id=deadline.accreditation_id,
            rulebook=deadline.rulebook,
            clock=deadline.clock,
            created_at=timezone.now(),
            updated_at=timezone.now(),
            history_date=timezone.now(),
            history_type="+",
            **common,
        )
    pause = ClockPause.objects.create(
        deadline=clock, reason="inquest", paused_on=D(2026, 3, 4), resumed_on=D(2026, 3, 6)
    )
    extension = ClockExtension.objects.create(
        deadline=clock, extended_to=D(2026, 3, 20), reason="Agreed", agreed_on=D(2026, 3, 5)
    )
    holiday = BankHoliday.objects.create(date=D(2031, 7, 7), name="A one-off holiday")
    reminder = Reminder.objects.create(
        deadline=clock, recipient=user, kind="due_day", send_at=timezone.now()
    )
    return {
        "board": board.pk,
        "incident": incident.pk,
        "action": action.pk,
        "request": request.pk,
        "accreditation": accreditation.pk,
        "clock": clock.pk,
        "of_action": of_action.pk,
        "of_request": of_request.pk,
        "of_accreditation": of_accreditation.pk,
        "pause": pause.pk,
        "extension": extension.pk,
        "holiday": holiday.pk,
        "holidays": BankHoliday.objects.count(),
        "reminder": reminder.pk,
    }


@pytest.mark.django_db(transaction=True)
def test_upgrading_keeps_every_deadline_its_owner_and_its_history():
    latest = _leaves()
    rows = _filled(_migrate(BEFORE))
    ContentType.objects.clear_cache()

    _migrate(latest)

    from deadlines.models import BankHoliday, ClockExtension, ClockPause, Deadline
    from reminders.models import Reminder

    expected = {
        rows["clock"]: ("clock", rows["incident"], rows["incident"], rows["board"]),
        rows["of_action"]: ("action", rows["action"], rows["incident"], rows["board"]),
        rows["of_request"]: ("agency_request", rows["request"], rows["incident"], rows["board"]),
        rows["of_accreditation"]: ("accreditation", rows["accreditation"], None, None),
    }
    found = {
        pk: (kind, owner, case, board)
        for pk, kind, owner, case, board in Deadline.objects.values_list(
            "pk", "kind", "owner_id", "case_id", "board_id"
        )
    }
    assert found == expected
    history = {
        pk: (kind, owner, case)
        for pk, kind, owner, case in Deadline.history.values_list(
            "id", "kind", "owner_id", "case_id"
        )
    }
    assert history == {pk: row[:3] for pk, row in expected.items()}
    assert ClockPause.objects.get().deadline_id == rows["clock"]
    assert ClockExtension.objects.get().deadline_id == rows["clock"]
    assert BankHoliday.objects.filter(pk=rows["holiday"], date=D(2031, 7, 7)).exists()
    assert BankHoliday.objects.count() == rows["holidays"]
    assert Reminder.objects.get().deadline_id == rows["clock"]
    # The permissions and history of the moved models follow them.
    assert not ContentType.objects.filter(app_label="reviews", model="deadline").exists()
    assert isinstance(rows["clock"], uuid.UUID)
