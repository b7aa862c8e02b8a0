"""What the service holds, read from the review's records: numbers and dates, late shown as
late, in a bounded number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from boards.tests.factories import AgencyFactory
from guidance import quality_markers as qm
from publication.models import Publication, Report
from quality import selectors
from reviews.models import FindingCategory

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 9, 1)


@pytest.fixture
def recorded(review, agency, board, chair):
    """Requests to three agencies (one late, one on time, one overdue), involvement, two
    conversations, two findings (one quality-assured), actions, a report and its publication."""
    health = AgencyFactory(board=board, name="Northshire Health")
    school = AgencyFactory(board=board, name="Northshire Academy")
    review.agency_requests.create(
        agency=agency,
        details="Records",
        requested_on=D(2026, 4, 1),
        due_on=D(2026, 4, 15),
        received_on=D(2026, 4, 20),
    )
    review.agency_requests.create(
        agency=health,
        details="Records",
        requested_on=D(2026, 4, 1),
        due_on=D(2026, 4, 15),
        received_on=D(2026, 4, 14),
    )
    review.agency_requests.create(
        agency=school, details="Records", requested_on=D(2026, 4, 1), due_on=D(2026, 5, 1)
    )
    review.involvements.create(
        kind="family", who="mother", offered_on=D(2026, 4, 2), response="accepted"
    )
    review.involvements.create(
        kind="family", who="father", offered_on=D(2026, 4, 2), response="declined"
    )
    review.involvements.create(kind="practitioner", who="health visitor", offered_on=D(2026, 4, 2))
    review.conversations.create(held_on=D(2026, 5, 4))
    review.conversations.create(held_on=D(2026, 6, 8))
    category = FindingCategory.objects.first()
    review.findings.create(
        category=category, title="A", quality_assured_on=D(2026, 7, 1), responded_on=D(2026, 7, 20)
    )
    review.findings.create(category=category, title="B")
    review.actions.create(description="Train", owner_agency=agency, due_on=D(2026, 8, 1))
    review.actions.create(
        description="Audit",
        owner_agency=health,
        due_on=D(2026, 10, 1),
        status="completed",
        completed_on=D(2026, 8, 20),
    )
    Report.objects.create(
        review=review,
        status="final",
        quality_assured_on=D(2026, 7, 10),
        approved_on=D(2026, 7, 15),
        signed_off_on=D(2026, 7, 20),
    )
    Publication.objects.create(
        review=review,
        decision="publish",
        decided_on=D(2026, 7, 21),
        decided_by=chair,
        planned_on=D(2026, 8, 1),
        published_on=D(2026, 8, 4),
    )
    return review


def test_agency_returns_count_on_time_and_name_the_late(recorded):
    lines = selectors.evidence_held(recorded, today=TODAY)[qm.AGENCY_RETURNS]
    assert lines[0] == "1 of 3 agency returns came in by their due date."
    assert "Northshire Constabulary: due 15 April 2026, received 20 April 2026, late." in lines
    assert "Northshire Academy: due 1 May 2026, not received: overdue." in lines
    assert not any("Northshire Health" in line for line in lines)


def test_involvement_conversations_findings_actions_report_publication(recorded):
    held = selectors.evidence_held(recorded, today=TODAY)
    assert held[qm.FAMILY] == [
        "Involvement offered to 2 family members: 1 accepted, 1 declined, 0 yet to answer."
    ]
    assert held[qm.PRACTITIONERS][1] == (
        "2 conversations with practitioners held, from 4 May 2026 to 8 June 2026."
    )
    assert held[qm.ANALYSIS] == [
        "1 of 2 findings quality-assured by the review's supervisor. The last on 1 July 2026."
    ]
    assert held[qm.BOARD_RESPONSE][0].startswith(
        "The board has responded in writing to 1 of 2 findings."
    )
    assert held[qm.ACTIONS][0].startswith("2 actions in the plan")
    assert held[qm.ACTIONS][1] == (
        "1 completed (0 after their due date), 1 open (1 overdue), 0 cancelled."
    )
    assert any("Signed off on 20 July 2026" in line for line in held[qm.REPORT])
    assert held[qm.PUBLICATION][1] == (
        "Published on 4 August 2026, 3 days after the planned 1 August 2026."
    )


def test_the_statutory_clocks_and_the_referral(review):
    held = selectors.evidence_held(review, today=TODAY)
    assert held[qm.REFERRAL] == [
        "The board was told on 3 March 2026, 1 day after the local authority became aware "
        "on 2 March 2026."
    ]
    assert held[qm.DECISION][0].startswith("The decision (")
    assert held[qm.DECISION][0].endswith("7 days after the board was told.")
    assert held[qm.CLOCKS]  # the case's clocks, each with its due date


def test_nothing_recorded_is_said_so(review):
    held = selectors.evidence_held(review, today=TODAY)
    assert held[qm.AGENCY_RETURNS] == ["No request to an agency is recorded."]
    assert held[qm.REPORT] == ["No report has been started."]


def test_the_evidence_is_read_in_a_bounded_number_of_queries(recorded):
    def read():
        # As the pages read it (quality.selectors.review_get): its one-row records with it.
        review = (
            type(recorded)
            .objects.select_related("incident__decision", "report", "publication")
            .get(pk=recorded.pk)
        )
        with CaptureQueriesContext(connection) as queries:
            selectors.evidence_held(review, today=TODAY)
        return len(queries)

    few = read()
    for _ in range(5):
        recorded.agency_requests.create(
            agency=AgencyFactory(board=recorded.board),
            details="More",
            requested_on=D(2026, 4, 1),
            due_on=D(2026, 4, 15),
        )
        recorded.conversations.create(held_on=D(2026, 6, 9))
        recorded.involvements.create(kind="family", who="aunt", offered_on=D(2026, 4, 2))
    assert read() == few <= 10
