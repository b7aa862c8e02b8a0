import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from boards.tests.factories import MembershipFactory
from reviews.models import Action, Finding, KeyPracticeEpisode

D = dt.date


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC), tick=False):
        yield


def api(name, review):
    return reverse(name, args=[review.pk])


class TestReview:
    def test_get_has_the_contract_fields(self, api_client_for, review, member):
        data = api_client_for(member).get(api("api:review-detail", review)).json()
        assert {
            "id",
            "incident",
            "board",
            "review_type",
            "methodology",
            "lt_option",
            "stage",
            "initiated_on",
            "deadlines",
            "paused",
            "extension_reason",
        } <= set(data)
        assert data["deadlines"]["complete"]["due"] == "2026-09-03"
        assert data["deadlines"]["panel_copy"] is None  # not started: no publication planned
        assert data["paused"] is False

    def test_list_filters(self, api_client_for, review, business_manager, lead_reviewer, pair):
        client = api_client_for(business_manager)
        assert client.get(reverse("api:review-list"), {"stage": "preparation"}).json()["count"] == 1
        assert client.get(reverse("api:review-list"), {"stage": "analysis"}).json()["count"] == 0
        assert client.get(reverse("api:review-list"), {"overdue": "true"}).json()["count"] == 0
        # A lead reviewer not appointed lists nothing; an appointed one lists the review.
        assert api_client_for(lead_reviewer).get(reverse("api:review-list")).json()["count"] == 0
        assert api_client_for(pair[0]).get(reverse("api:review-list")).json()["count"] == 1

    def test_overdue_filter(self, api_client_for, review, business_manager):
        with time_machine.travel(dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC), tick=False):
            body = (
                api_client_for(business_manager)
                .get(reverse("api:review-list"), {"overdue": "true"})
                .json()
            )
        assert body["count"] == 1

    def test_patch_setup_and_extension(self, api_client_for, review, business_manager):
        client = api_client_for(business_manager)
        response = client.patch(
            api("api:review-detail", review),
            {
                "lt_option": "focused",
                "terms_of_reference": "ToR",
                "extended_to": "2026-12-01",
                "extension_reason": "Inquest",
            },
            format="json",
        )
        assert response.status_code == 200, response.json()
        data = response.json()
        assert (data["lt_option"], data["terms_of_reference"]) == ("focused", "ToR")
        assert (data["deadlines"]["complete"]["due"], data["extension_reason"]) == (
            "2026-12-01",
            "Inquest",
        )
        bad = client.patch(
            api("api:review-detail", review), {"extended_to": "2027-01-01"}, format="json"
        )
        assert bad.status_code == 400

    def test_a_reviewer_may_not_change_the_type_of_review(self, api_client_for, review, pair):
        client = api_client_for(pair[0])
        response = client.patch(
            api("api:review-detail", review), {"review_type": "learning_review"}, format="json"
        )
        assert response.status_code == 403
        ok = client.patch(
            api("api:review-detail", review),
            {"lt_option": "full", "terms_of_reference": "ToR"},
            format="json",
        )
        assert ok.status_code == 200, ok.json()
        review.refresh_from_db()
        assert (review.review_type, review.terms_of_reference) == ("lcspr", "ToR")

    def test_transition_refusal_lists_the_unmet_conditions(self, api_client_for, review, pair):
        response = api_client_for(pair[0]).post(
            api("api:review-transition", review), {"to": "data_collection"}, format="json"
        )
        assert response.status_code == 400
        assert response.json()["to"] == [
            "This review cannot move on: no terms of reference agreed",
            "This review cannot move on: no research questions set",
        ]

    def test_pause_and_resume(self, api_client_for, review, business_manager, pair):
        client = api_client_for(business_manager)
        response = client.post(
            api("api:review-pause", review),
            {"reason": "Parallel trial", "on": "2026-06-01"},
            format="json",
        )
        assert response.status_code == 200
        assert response.json()["paused"] is True
        response = client.post(
            api("api:review-resume", review), {"on": "2026-06-11"}, format="json"
        )
        assert response.json()["deadlines"]["complete"]["due"] == "2026-09-13"
        assert (
            api_client_for(pair[0])
            .post(
                api("api:review-pause", review), {"reason": "x", "on": "2026-06-12"}, format="json"
            )
            .status_code
            == 403
        )


class TestReviewers:
    def test_appoint_and_refuse(self, api_client_for, review, business_manager, board, member):
        from accreditation.tests.factories import accredit

        reviewer = MembershipFactory(board=board, role="lead_reviewer").user
        accredit(reviewer)
        client = api_client_for(business_manager)
        response = client.post(
            api("api:review-reviewers", review),
            {"user": str(reviewer.pk), "role": "lead", "independence_declared": True},
            format="json",
        )
        assert response.status_code == 201, response.json()
        MembershipFactory(board=board, role="lead_reviewer", user=member)
        refused = client.post(
            api("api:review-reviewers", review),
            {"user": str(member.pk), "role": "co_lead", "independence_declared": True},
            format="json",
        )
        assert refused.status_code == 400
        assert "member of the board" in refused.json()["user"][0]

    def test_a_user_of_another_board_does_not_exist(
        self, api_client_for, review, business_manager, other_board_user
    ):
        response = api_client_for(business_manager).post(
            api("api:review-reviewers", review),
            {"user": str(other_board_user.pk), "role": "lead", "independence_declared": True},
            format="json",
        )
        assert response.status_code == 400
        assert "does not exist" in response.json()["user"][0]


class TestRecords:
    def test_episodes_and_findings(self, api_client_for, review, pair, agency):
        entry = review.chronology.create(agency=agency, occurred_on=D(2026, 1, 5), entry="Visit")
        client = api_client_for(pair[0])
        episode = client.post(
            api("api:review-episodes", review),
            {
                "occurred_on": "2026-01-05",
                "title": "Visit",
                "what_happened": "Ended early",
                "factors": {"own_team": "Short-staffed"},
                "chronology_entries": [str(entry.pk)],
            },
            format="json",
        )
        assert episode.status_code == 201, episode.json()
        finding = client.post(
            api("api:review-findings", review),
            {
                "category": "human_reasoning",
                "title": "First impressions stick",
                "manifested": "The early view was never revisited.",
                "episodes": [episode.json()["id"]],
            },
            format="json",
        )
        assert finding.status_code == 201, finding.json()
        listed = client.get(api("api:review-findings", review)).json()
        assert listed["results"][0]["episodes"] == [episode.json()["id"]]
        assert listed["results"][0]["quality_assured_on"] is None

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"category": "astrology", "title": "x", "manifested": "x"}, "category"),
            ({"category": "tools", "title": "", "manifested": "x"}, "title"),
            (
                {
                    "category": "tools",
                    "title": "x",
                    "manifested": "x",
                    "episodes": ["00000000-0000-0000-0000-000000000000"],
                },
                "episodes",
            ),
        ],
    )
    def test_bad_findings_are_400(self, api_client_for, review, pair, payload, field):
        response = api_client_for(pair[0]).post(
            api("api:review-findings", review), payload, format="json"
        )
        assert response.status_code == 400
        assert field in response.json()
        assert not Finding.objects.exists()

    def test_the_business_manager_may_not_write_episodes(
        self, api_client_for, review, business_manager
    ):
        response = api_client_for(business_manager).post(
            api("api:review-episodes", review),
            {"occurred_on": "2026-01-05", "title": "x", "what_happened": "x"},
            format="json",
        )
        assert response.status_code == 403
        assert not KeyPracticeEpisode.objects.exists()

    def test_actions(self, api_client_for, review, business_manager, agency, other_board):
        from boards.tests.factories import AgencyFactory

        client = api_client_for(business_manager)
        response = client.post(
            api("api:review-actions", review),
            {
                "description": "Audit",
                "owner_agency": str(agency.pk),
                "due_on": "2026-09-01",
                "status": "planned",
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        foreign = AgencyFactory(board=other_board)
        bad = client.post(
            api("api:review-actions", review),
            {"description": "x", "owner_agency": str(foreign.pk), "due_on": "2026-09-01"},
            format="json",
        )
        assert bad.status_code == 400
        far = client.post(
            api("api:review-actions", review),
            {"description": "x", "owner_agency": str(agency.pk), "due_on": "9999-12-31"},
            format="json",
        )
        assert far.status_code == 400
        assert "due_on" in far.json()
        done = client.post(
            api("api:review-actions", review),
            {
                "description": "Already done",
                "owner_agency": str(agency.pk),
                "due_on": "2026-06-30",
                "status": "completed",
                "completed_on": "2026-06-10",
                "evidence_of_impact": "Audit shows it.",
            },
            format="json",
        )
        assert done.status_code == 201, done.json()
        assert done.json()["completed_on"] == "2026-06-10"
        Action.objects.filter(description="Already done").delete()
        assert Action.objects.count() == 1
        assert client.get(api("api:review-actions", review)).json()["count"] == 1
