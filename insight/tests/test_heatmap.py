"""The heat maps of late deadlines (insight/heatmap.py): by agency and month on a board's
dashboard, by board and month on every board at a glance; each a table holding its numbers."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from boards.tests.factories import AgencyFactory
from core.tests.factories import UserFactory
from insight import heatmap
from reviews.services import actions
from reviews.tests.factories import ask, decide, log_incident

D = dt.date


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def late(business_manager, chair, board):
    """An action of the police overdue since May, a request to the health trust met late in
    April, and a health trust action due next month (not late)."""
    police = AgencyFactory(board=board, name="Northshire Police", sector="police")
    health = AgencyFactory(board=board, name="Northshire Health", sector="health")
    AgencyFactory(board=board, name="Northshire Schools", sector="education")
    incident = log_incident(
        actor=business_manager,
        board=board,
        incident_on=D(2026, 3, 1),
        la_aware_on=D(2026, 3, 2),
        notified_on=D(2026, 3, 3),
    )
    decide(actor=chair, incident=incident, decided_on=D(2026, 3, 10))
    incident.refresh_from_db()
    review = incident.review
    actions.action_add(
        actor=business_manager,
        review=review,
        description="Train the response team",
        owner_agency=police,
        due_on=D(2026, 5, 20),
    )
    actions.action_add(
        actor=business_manager,
        review=review,
        description="Audit the visits",
        owner_agency=health,
        due_on=D(2026, 7, 20),
    )
    request = ask(
        business_manager, review, health, requested_on=D(2026, 3, 20), due_on=D(2026, 4, 10)
    )
    from reviews.services import engagement

    engagement.agency_request_receive(
        actor=business_manager, request=request, received_on=D(2026, 4, 17)
    )
    return police, health


def cells(row) -> dict:
    return {
        month: count
        for month, (count, _) in zip(heatmap.months_back(D(2026, 6, 15)), row.cells, strict=True)
    }


def test_late_deadlines_are_counted_by_agency_and_the_month_they_fell_due(board, late):
    found = {row.label: row for row in heatmap.late_by_agency(board=board).rows}
    assert cells(found["Northshire Police"])[D(2026, 5, 1)] == 1
    assert found["Northshire Police"].total == 1
    assert cells(found["Northshire Health"])[D(2026, 4, 1)] == 1
    assert found["Northshire Health"].total == 1  # next month's action is not late
    assert "Northshire Schools" not in found  # none late: no row
    # The darkest shade goes to the most; every late cell has a shade.
    assert {shade for row in found.values() for count, shade in row.cells if count} == {4}


def test_the_dashboard_shows_the_map_as_a_table_and_leaves_out_agencies_with_none(
    client, business_manager, board, late
):
    client.force_login(business_manager)
    page = client.get(reverse("insight:dashboard", args=[board.pk]))
    assertContains(page, "Late deadlines by agency and the month they fell due")
    assertContains(page, '<th scope="row" class="govuk-table__header">Northshire Police</th>')
    assertContains(page, "May 2026")
    assertNotContains(page, "Northshire Schools</th>")


def test_every_board_at_a_glance_maps_each_boards_late_deadlines(client, board, late, other_board):
    staff = UserFactory(is_accreditation_staff=True)
    found = {row.label: row for row in heatmap.late_by_board().rows}
    assert found[board.name].total >= 2
    assert other_board.name not in found
    client.force_login(staff)
    page = client.get(reverse("insight:overview"))
    assertContains(page, "Late deadlines by board and the month they fell due")
    assertContains(page, f'<th scope="row" class="govuk-table__header">{board.name}</th>')
