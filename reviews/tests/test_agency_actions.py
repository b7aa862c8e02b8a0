"""Agencies update their own actions with evidence of impact; the board tracks every action of
its reviews in one place and marks a recommendation that repeats an earlier one."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from reviews.models import Action, ActionUpdate, Document
from reviews.services import actions
from reviews.tests.factories import decide, log_incident
from reviews.tests.test_contributions import agency_url
from reviews.tests.test_documents import EXE, PDF, a_file
from reviews.tests.test_views import date_data, error_page

pytestmark = pytest.mark.usefixtures("agency_day")
D = dt.date


@pytest.fixture
def police_action(review, police):
    return review.actions.create(
        description="Train call handlers on neglect", owner_agency=police, due_on=D(2026, 9, 1)
    )


@pytest.fixture
def health_action(review, health):
    return review.actions.create(
        description="Audit missed appointments", owner_agency=health, due_on=D(2026, 5, 1)
    )


def progress(**values):
    return {
        "status": "in_progress",
        "note": "Half trained",
        **date_data("on", D(2026, 6, 12)),
        **values,
    }


class TestAnAgencyUpdatesItsActions:
    def test_with_a_note_and_a_file_of_evidence(
        self, client, business_manager, board, review, officer, police_action
    ):
        client.force_login(officer)
        page = client.get(agency_url("review", review.pk))
        assertContains(page, "Train call handlers on neglect")
        url = agency_url("action", review.pk, police_action.pk)
        response = client.post(url, progress(evidence_file=a_file("audit.pdf", PDF)))
        assert response.status_code == 302
        police_action.refresh_from_db()
        assert police_action.status == "in_progress"
        assert ActionUpdate.objects.get().actor == officer
        evidence = Document.objects.get(action=police_action)
        assert (evidence.kind, evidence.agency) == ("evidence", police_action.owner_agency)

        client.force_login(business_manager)
        plan = client.get(reverse("reviews:actions", args=[board.pk, review.pk]))
        assertContains(plan, evidence.title)

    def test_a_bad_file_is_refused_and_nothing_changes(
        self, client, review, officer, police_action
    ):
        client.force_login(officer)
        url = agency_url("action", review.pk, police_action.pk)
        html = error_page(client.post(url, progress(evidence_file=a_file("audit.pdf", EXE))))
        assert "is a program" in html
        police_action.refresh_from_db()
        assert police_action.status == "planned"
        assert not ActionUpdate.objects.exists() and not Document.objects.exists()

    def test_another_agencys_action_is_404(self, client, review, officer, health_action):
        client.force_login(officer)
        url = agency_url("action", review.pk, health_action.pk)
        assert client.get(url).status_code == 404
        assert client.post(url, progress()).status_code == 404
        assertNotContains(client.get(agency_url("review", review.pk)), "Audit missed appointments")


class TestTheTracker:
    def url(self, board, query=""):
        return reverse("reviews:action_tracker", args=[board.pk]) + query

    def test_every_review_filtered(
        self, client, business_manager, board, review, police, police_action, health_action
    ):
        client.force_login(business_manager)
        everything = client.get(self.url(board))
        assertContains(everything, "Train call handlers")
        assertContains(everything, "Audit missed appointments")
        by_agency = client.get(self.url(board, f"?agency={police.pk}"))
        assertNotContains(by_agency, "Audit missed appointments")
        overdue = client.get(self.url(board, "?overdue=yes"))
        assertContains(overdue, "Audit missed appointments")
        assertNotContains(overdue, "Train call handlers")
        completed = client.get(self.url(board, "?status=completed"))
        assertContains(completed, "No actions match")
        by_review = client.get(self.url(board, f"?review={review.pk}"))
        assertContains(by_review, "2 actions")

    def test_outsiders_404_and_a_lead_reviewer_403(
        self, client, other_board_user, lead_reviewer, board
    ):
        client.force_login(other_board_user)
        assert client.get(self.url(board)).status_code == 404
        client.force_login(lead_reviewer)
        assert client.get(self.url(board)).status_code == 403


class TestRepeats:
    @pytest.fixture
    def earlier(self, business_manager, board, police):
        incident = log_incident(actor=business_manager, board=board)
        from boards.tests.factories import MembershipFactory

        decide(actor=MembershipFactory(board=board, role="chair").user, incident=incident)
        incident.refresh_from_db()
        return incident.review.actions.create(
            description="Train call handlers (2024)", owner_agency=police, due_on=D(2024, 9, 1)
        )

    def test_the_board_marks_a_repeat_and_the_tracker_shows_it(
        self, client, business_manager, board, review, earlier, police
    ):
        later = review.actions.create(
            description="Train call handlers again", owner_agency=police, due_on=D(2026, 9, 1)
        )
        client.force_login(business_manager)
        url = reverse("reviews:action_repeat", args=[board.pk, review.pk, later.pk])
        assertContains(client.get(url), "Train call handlers (2024)")
        assert client.post(url, {"repeats": str(earlier.pk)}).status_code == 302
        assert Action.objects.get(pk=later.pk).repeats == earlier
        tracker = client.get(reverse("reviews:action_tracker", args=[board.pk]))
        assertContains(tracker, f"Repeats {earlier.review.incident.reference}")

    def test_an_action_of_the_same_review_is_refused(
        self, business_manager, review, police_action, health_action
    ):
        with pytest.raises(ValidationError) as refused:
            actions.action_mark_repeat(
                actor=business_manager, action=health_action, repeats=police_action
            )
        assert "repeats" in refused.value.message_dict
