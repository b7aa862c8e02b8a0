"""The agencies' part through the JSON API (API.md): the same services, rules and scoping as the
pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.models import AgencyContributor, AgencyRequest, ChronologyEntry, Document
from reviews.tests.test_chronology_import import csv_bytes, row
from reviews.tests.test_documents import PDF

pytestmark = pytest.mark.usefixtures("agency_day")


def api(path):
    return f"/api/v1/{path}"


def a_csv(rows):
    return SimpleUploadedFile("c.csv", csv_bytes(rows), content_type="text/csv")


class TestContributors:
    def test_the_business_manager_invites_and_ends_access(
        self, api_client_for, business_manager, review, police
    ):
        client = api_client_for(business_manager)
        url = api(f"reviews/{review.pk}/contributors/")
        created = client.post(
            url,
            {"email": "pc@police.example", "name": "Pat", "agency": str(police.pk)},
            format="json",
        )
        assert created.status_code == 201, created.content
        assert created.json()["in_force"] is True
        listed = client.get(url).json()
        assert [c["email"] for c in listed["results"]] == ["pc@police.example"]
        ended = client.delete(
            f"{url}{created.json()['id']}/", {"reason": "Left the force"}, format="json"
        )
        assert ended.status_code == 204
        assert AgencyContributor.objects.get().ended_on is not None

    def test_bad_input_is_400_and_saves_nothing(self, api_client_for, business_manager, review):
        client = api_client_for(business_manager)
        response = client.post(
            api(f"reviews/{review.pk}/contributors/"), {"email": "nope"}, format="json"
        )
        assert response.status_code == 400
        assert set(response.json()) >= {"email", "agency"}
        assert not AgencyContributor.objects.exists()

    def test_the_chair_may_look_not_invite_and_outsiders_get_404(
        self, api_client_for, chair, other_board_user, review, police
    ):
        url = api(f"reviews/{review.pk}/contributors/")
        body = {"email": "x@police.example", "name": "X", "agency": str(police.pk)}
        assert api_client_for(chair).get(url).status_code == 200
        assert api_client_for(chair).post(url, body, format="json").status_code == 403
        assert api_client_for(other_board_user).get(url).status_code == 404


class TestRequests:
    def test_made_and_sent_then_each_contributor_reads_their_agencys_own(
        self, api_client_for, business_manager, review, police, officer, nurse, health_request
    ):
        url = api(f"reviews/{review.pk}/agency-requests/")
        made = api_client_for(business_manager).post(
            url,
            {
                "agency": str(police.pk),
                "asks": "chronology",
                "period_from": "2024-01-01",
                "period_to": "2026-03-01",
                "due_on": "2026-07-01",
                "details": "Every contact",
            },
            format="json",
        )
        assert made.status_code == 201, made.content
        assert made.json()["sent_at"] is not None
        officers = api_client_for(officer).get(url).json()["results"]
        assert [r["agency"] for r in officers] == [str(police.pk)]
        nurses = api_client_for(nurse).get(url).json()["results"]
        assert [r["id"] for r in nurses] == [str(health_request.pk)]
        assert len(api_client_for(business_manager).get(url).json()["results"]) == 2

    def test_an_event_request_and_one_to_an_agency_with_no_contributor(
        self, api_client_for, business_manager, review, health
    ):
        response = api_client_for(business_manager).post(
            api(f"reviews/{review.pk}/agency-requests/"),
            {"agency": str(health.pk), "asks": "event", "due_on": "2026-07-01", "details": "Come"},
            format="json",
        )
        assert response.status_code == 400
        assert "invite someone of the agency first" in str(response.json())
        assert not AgencyRequest.objects.exists()

    def test_a_contributor_uploads_the_chronology_and_submits(
        self, api_client_for, officer, police_request
    ):
        client = api_client_for(officer)
        url = api(f"agency-requests/{police_request.pk}/chronology/")
        bad = client.post(url, {"file": a_csv([row("32/01/2016"), row("03/05/2016", "")])})
        assert bad.status_code == 400
        assert [(r["row"], r["field"]) for r in bad.json()["rows"]] == [
            (2, "Date"),
            (3, "What happened"),
        ]
        assert not ChronologyEntry.objects.exists()
        good = client.post(url, {"file": a_csv([row("03/05/2016"), row("04/05/2016")])})
        assert (good.status_code, good.json()) == (201, {"rows": 2})

        submitted = client.post(
            api(f"agency-requests/{police_request.pk}/submit/"), {"answer": "Done"}, format="json"
        )
        assert submitted.status_code == 201
        again = client.post(
            api(f"agency-requests/{police_request.pk}/submit/"), {"answer": "Again"}, format="json"
        )
        assert again.status_code == 400

    def test_another_agencys_contributor_gets_404(self, api_client_for, nurse, police_request):
        client = api_client_for(nurse)
        url = api(f"agency-requests/{police_request.pk}/chronology/")
        assert client.post(url, {"file": a_csv([row("03/05/2016")])}).status_code == 404
        submit = api(f"agency-requests/{police_request.pk}/submit/")
        assert client.post(submit, {"answer": "x"}, format="json").status_code == 404


class TestMergedChronologyAndDocuments:
    def test_the_merged_chronology_with_its_filters(
        self, api_client_for, business_manager, officer, review, police_request, police
    ):
        api_client_for(officer).post(
            api(f"agency-requests/{police_request.pk}/chronology/"),
            {"file": a_csv([row("03/05/2016", "Police visit"), row("May 2017", "Call")])},
        )
        client = api_client_for(business_manager)
        url = api(f"reviews/{review.pk}/chronology/")
        results = client.get(url).json()["results"]
        assert [(r["what_happened"], r["certainty"]) for r in results] == [
            ("Police visit", "exact"),
            ("Call", "month"),
        ]
        assert client.get(url + "?from=2017-01-01").json()["count"] == 1
        assert client.get(url + "?q=visit").json()["count"] == 1
        assert client.get(url + f"?agency={police.pk}").json()["count"] == 2
        assert client.get(url + "?from=01-2017").status_code == 400
        assert api_client_for(officer).get(url).status_code == 404

    def test_documents_by_their_audience(
        self, api_client_for, business_manager, officer, nurse, review, police_request
    ):
        url = api(f"reviews/{review.pk}/documents/")
        board = api_client_for(business_manager)
        minutes = board.post(
            url, {"file": SimpleUploadedFile("m.pdf", PDF), "kind": "minutes", "title": "Minutes"}
        )
        assert minutes.status_code == 201, minutes.content
        refused = api_client_for(officer).post(
            url, {"file": SimpleUploadedFile("r.pdf", PDF), "kind": "agency_report"}
        )
        assert refused.status_code == 400 and "request" in refused.json()
        ours = api_client_for(officer).post(
            url,
            {
                "file": SimpleUploadedFile("r.pdf", PDF),
                "kind": "agency_report",
                "request": str(police_request.pk),
            },
        )
        assert ours.status_code == 201, ours.content
        assert {d["title"] for d in board.get(url).json()["results"]} == {"Minutes", "r.pdf"}
        assert [d["title"] for d in api_client_for(officer).get(url).json()["results"]] == ["r.pdf"]
        assert api_client_for(nurse).get(url).json()["count"] == 0
        file_url = f"{url}{ours.json()['id']}/file"
        download = api_client_for(officer).get(file_url)
        assert b"".join(download.streaming_content) == PDF
        assert api_client_for(nurse).get(file_url).status_code == 404
        minutes_file = f"{url}{minutes.json()['id']}/file"
        assert api_client_for(officer).get(minutes_file).status_code == 404
        assert Document.objects.count() == 2

    def test_an_executable_is_400(self, api_client_for, business_manager, review):
        response = api_client_for(business_manager).post(
            api(f"reviews/{review.pk}/documents/"),
            {"file": SimpleUploadedFile("r.pdf", b"MZ" + b"\x00" * 64), "kind": "other"},
        )
        assert response.status_code == 400
        assert "program" in str(response.json())
        assert not Document.objects.exists()
