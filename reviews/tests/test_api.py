import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from reviews.models import Decision, Incident, Notification, Review
from reviews.tests.factories import log_incident

D = dt.date
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 3, 20, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


def body(board, **overrides):
    return {
        "board": str(board.pk),
        "reference": "Child R",
        "subject_kind": "child",
        "incident_on": "2026-03-01",
        "la_aware_on": "2026-03-02",
        "notified_on": "2026-03-03",
        "notifier": "Children's services",
        "abuse_or_neglect_suspected": True,
        "died": True,
        **overrides,
    }


class TestIncidents:
    def test_business_manager_creates_an_incident_and_reads_its_deadlines(
        self, api_client_for, business_manager, board, agency
    ):
        client = api_client_for(business_manager)
        response = client.post(
            reverse("api:incident-list"), body(board, agencies=[str(agency.pk)]), format="json"
        )
        assert response.status_code == 201, response.json()
        data = response.json()
        assert data["criteria_outcome"] == "may_initiate"
        assert data["rulebook"] == "partners-2023:1"
        assert data["status"] == "awaiting_decision"
        assert data["agencies"] == [str(agency.pk)]
        assert data["deadlines"]["notify_panel"] == {
            "due": "2026-03-09",
            "status": "overdue",
            "met_on": None,
            "rule": "partners-2023.notify_panel",
        }
        assert data["deadlines"]["rapid_review"] is None  # not started: no panel notification
        assert data["deadlines"]["decision"]["status"] == "not_applicable"

    def test_list_filters_by_board_and_hides_other_boards(
        self, api_client_for, member, board, other_board, other_board_user, incident
    ):
        log_incident(actor=other_board_user, board=other_board, reference="Child Far")
        response = api_client_for(member).get(reverse("api:incident-list"))
        assert [i["reference"] for i in response.json()["results"]] == ["Child Q"]
        mine = api_client_for(member).get(reverse("api:incident-list"), {"board": str(board.pk)})
        assert mine.json()["count"] == 1
        filtered = api_client_for(member).get(reverse("api:incident-list"), {"board": "nonsense"})
        assert filtered.json()["count"] == 0

    def test_lead_reviewers_list_no_incidents(self, api_client_for, lead_reviewer, incident):
        assert api_client_for(lead_reviewer).get(reverse("api:incident-list")).json()["count"] == 0

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"notified_on": "2026-03-01"}, "notified_on"),
            ({"incident_on": "2026-03-25"}, "incident_on"),
            ({"reference": ""}, "reference"),
            ({"subject_kind": "cat"}, "subject_kind"),
            ({"la_aware_on": "yesterday"}, "la_aware_on"),
            ({"agencies": ["00000000-0000-0000-0000-000000000000"]}, "agencies"),
            # A typing error in the year, not a 500 from date sums that overflow.
            (
                {"incident_on": "0001-01-01", "la_aware_on": "0001-01-02"},
                "incident_on",
            ),
            ({"notified_on": "1899-12-31"}, "notified_on"),
        ],
    )
    def test_bad_input_is_400_naming_the_field(
        self, api_client_for, business_manager, board, change, field
    ):
        response = api_client_for(business_manager).post(
            reverse("api:incident-list"), body(board, **change), format="json"
        )
        assert response.status_code == 400
        assert field in response.json()
        assert not Incident.objects.exists()

    def test_an_agency_of_another_board_does_not_exist_for_the_caller(
        self, api_client_for, business_manager, board, other_board
    ):
        from boards.models import Agency

        foreign = Agency.objects.create(board=other_board, name="Far Police", sector="police")
        response = api_client_for(business_manager).post(
            reverse("api:incident-list"), body(board, agencies=[str(foreign.pk)]), format="json"
        )
        assert response.status_code == 400
        assert "does not exist" in response.json()["agencies"][0]

    def test_creating_on_another_board_is_400_and_on_my_board_needs_the_role(
        self, api_client_for, chair, board, other_board
    ):
        client = api_client_for(chair)
        response = client.post(reverse("api:incident-list"), body(other_board), format="json")
        assert response.status_code == 400
        assert "board" in response.json()
        assert (
            client.post(reverse("api:incident-list"), body(board), format="json").status_code == 403
        )
        assert not Incident.objects.exists()

    def test_patch_with_a_year_out_of_range_is_400(
        self, api_client_for, business_manager, incident
    ):
        response = api_client_for(business_manager).patch(
            reverse("api:incident-detail", args=[incident.pk]),
            {"incident_on": "0001-01-01"},
            format="json",
        )
        assert response.status_code == 400
        assert "incident_on" in response.json()
        incident.refresh_from_db()
        assert incident.incident_on == D(2026, 3, 1)

    def test_patch_moves_the_clocks(self, api_client_for, business_manager, incident):
        url = reverse("api:incident-detail", args=[incident.pk])
        response = api_client_for(business_manager).patch(
            url, {"la_aware_on": "2026-03-03"}, format="json"
        )
        assert response.status_code == 200
        assert response.json()["deadlines"]["notify_panel"]["due"] == "2026-03-10"

    def test_put_is_not_offered(self, api_client_for, business_manager, incident):
        url = reverse("api:incident-detail", args=[incident.pk])
        assert api_client_for(business_manager).put(url, {}, format="json").status_code == 405

    def test_viewer_may_read_not_change(self, api_client_for, viewer, incident):
        client = api_client_for(viewer)
        url = reverse("api:incident-detail", args=[incident.pk])
        assert client.get(url).status_code == 200
        assert client.patch(url, {"reference": "Child Z"}, format="json").status_code == 403
        incident.refresh_from_db()
        assert incident.reference == "Child Q"

    def test_list_queries_do_not_grow(
        self, api_client_for, business_manager, board, django_assert_max_num_queries
    ):
        for _ in range(12):
            log_incident(actor=business_manager, board=board)
        client = api_client_for(business_manager)
        # One of them reads the boards' own timescales for the clocks they may set.
        with django_assert_max_num_queries(11):
            assert client.get(reverse("api:incident-list")).json()["count"] == 12


class TestNotificationsAndDecision:
    def test_panel_notification_meets_the_clock(self, api_client_for, business_manager, incident):
        url = reverse("api:incident-notifications", args=[incident.pk])
        response = api_client_for(business_manager).post(
            url,
            {"recipient": "national_panel", "sent_on": "2026-03-04", "summary": "SIN"},
            format="json",
        )
        assert response.status_code == 201
        detail = api_client_for(business_manager).get(
            reverse("api:incident-detail", args=[incident.pk])
        )
        deadlines = detail.json()["deadlines"]
        assert deadlines["notify_panel"]["status"] == "met"
        assert deadlines["rapid_review"]["due"] == "2026-03-25"

    def test_notification_before_awareness_is_400(self, api_client_for, business_manager, incident):
        url = reverse("api:incident-notifications", args=[incident.pk])
        response = api_client_for(business_manager).post(
            url, {"recipient": "ofsted", "sent_on": "2026-03-01"}, format="json"
        )
        assert response.status_code == 400
        assert "sent_on" in response.json()
        assert not Notification.objects.exists()

    def test_chair_decides_and_the_review_is_created(self, api_client_for, chair, incident):
        url = reverse("api:incident-decision", args=[incident.pk])
        response = api_client_for(chair).post(
            url,
            {
                "outcome": "initiate_review",
                "review_type": "lcspr",
                "rationale": "Criteria met.",
                "decided_on": "2026-03-10",
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        review = Review.objects.get(incident=incident)
        assert response.json()["review"] == str(review.pk)
        again = api_client_for(chair).post(
            url,
            {"outcome": "no_review", "rationale": "x", "decided_on": "2026-03-11"},
            format="json",
        )
        assert again.status_code == 400
        assert "non_field_errors" in again.json()

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"outcome": "no_review", "rationale": "", "decided_on": "2026-03-10"}, "rationale"),
            ({"outcome": "no_review", "rationale": "x", "decided_on": "2026-03-02"}, "decided_on"),
            ({"outcome": "maybe", "rationale": "x", "decided_on": "2026-03-10"}, "outcome"),
        ],
    )
    def test_bad_decisions_are_400(self, api_client_for, chair, incident, payload, field):
        url = reverse("api:incident-decision", args=[incident.pk])
        response = api_client_for(chair).post(url, payload, format="json")
        assert response.status_code == 400
        assert field in response.json()
        assert not Decision.objects.exists()

    def test_a_business_manager_may_not_decide(self, api_client_for, business_manager, incident):
        url = reverse("api:incident-decision", args=[incident.pk])
        response = api_client_for(business_manager).post(
            url,
            {"outcome": "no_review", "rationale": "x", "decided_on": "2026-03-10"},
            format="json",
        )
        assert response.status_code == 403
        assert not Decision.objects.exists()
