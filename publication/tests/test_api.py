"""The publication API (API.md): render a report, decide on publication, search the library."""

import datetime as dt

import pytest
from django.urls import reverse

from publication.models import Publication, Rendering, Report
from publication.services import publishing, reports
from publication.tests import test_publishing as shared
from reviews.models import Finding, Notification

D = dt.date
TODAY = D(2026, 6, 15)
publish = shared.publish
# Fixtures of test_publishing, found by pytest under these names.
fake_pdf, final, ready = shared.fake_pdf, shared.final, shared.ready


@pytest.fixture(autouse=True)
def today(frozen):
    return frozen


def render_url(review):
    return reverse("api:review-report-render", args=[review.pk])


def decision_url(review):
    return reverse("api:review-publication", args=[review.pk])


@pytest.fixture
def published(ready, chair, business_manager, frozen):
    return publish(
        ready.review,
        chair=chair,
        manager=business_manager,
        frozen=frozen,
        planned_on=D(2026, 6, 30),
        sent_on=TODAY,
    )


class TestRender:
    @pytest.mark.parametrize("who", ["lead", "business_manager"])
    def test_accepted_and_queued(self, request, who, api_client_for, report, pair):
        user = pair[0] if who == "lead" else request.getfixturevalue(who)
        response = api_client_for(user).post(render_url(report.review), {}, format="json")
        assert response.status_code == 202
        body = response.json()
        assert body["report_version"] == report.version
        assert body["status"] == "queued"
        assert (body["kind"], body["report_status"]) == ("report", "draft")
        rendering = Rendering.objects.get(pk=body["id"])
        assert (rendering.requested_by, rendering.state) == (user, "queued")

    def test_asking_again_while_queued_gives_the_same_rendering(self, api_client_for, report, pair):
        client = api_client_for(pair[0])
        first = client.post(render_url(report.review), {"kind": "brief"}, format="json").json()
        again = client.post(render_url(report.review), {"kind": "brief"}, format="json").json()
        assert first["id"] == again["id"]
        assert first["kind"] == "brief"
        assert report.renderings.count() == 1

    def test_the_status_follows_the_worker(self, api_client_for, report, pair, fake_pdf):
        client = api_client_for(pair[0])
        first = client.post(render_url(report.review), {}, format="json").json()
        reports.rendering_run(first["id"])
        # Ready, a new request renders again (the report may have changed since).
        again = client.post(render_url(report.review), {}, format="json").json()
        assert again["id"] != first["id"]
        assert Rendering.objects.get(pk=first["id"]).state == "ready"

    def test_a_bad_kind(self, api_client_for, report, pair):
        response = api_client_for(pair[0]).post(
            render_url(report.review), {"kind": "poster"}, format="json"
        )
        assert response.status_code == 400
        assert set(response.json()) == {"kind"}
        assert not report.renderings.exists()

    @pytest.mark.parametrize("role", ["member", "viewer", "chair", "supervisor", "lead_reviewer"])
    def test_forbidden_to_those_who_may_see_but_not_render(
        self, request, role, api_client_for, report
    ):
        # lead_reviewer holds the role on the board but is not appointed to this review.
        user = request.getfixturevalue(role)
        response = api_client_for(user).post(render_url(report.review), {}, format="json")
        assert response.status_code == 403
        assert not report.renderings.exists()

    def test_not_found_for_another_board(self, api_client_for, report, other_board_user):
        response = api_client_for(other_board_user).post(render_url(report.review), {})
        assert response.status_code == 404
        assert not report.renderings.exists()

    def test_signed_out(self, client, report):
        assert client.post(render_url(report.review)).status_code in (401, 403)
        assert not report.renderings.exists()


class TestDecision:
    def test_created_by_the_chair(self, api_client_for, final, chair):
        response = api_client_for(chair).post(
            decision_url(final.review),
            {"decision": "publish", "planned_on": "2026-07-01"},
            format="json",
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["decision"] == "publish"
        assert body["planned_on"] == "2026-07-01"
        assert body["decided_on"] == "2026-06-15"
        assert body["published_on"] is None
        assert Publication.objects.get(review=final.review).decided_by == chair

    def test_do_not_publish_with_reasons(self, api_client_for, report, chair):
        client = api_client_for(chair)
        response = client.post(
            decision_url(report.review), {"decision": "do_not_publish"}, format="json"
        )
        assert response.status_code == 400
        assert response.json() == {"reasons": ["Enter the reasons for not publishing the report"]}
        response = client.post(
            decision_url(report.review),
            {"decision": "do_not_publish", "reasons": "The family's wishes."},
            format="json",
        )
        assert response.status_code == 201
        assert Notification.objects.filter(about="not_publishing").count() == 1

    @pytest.mark.parametrize("role", ["business_manager", "member", "supervisor"])
    def test_forbidden_to_all_but_the_chair(self, request, role, api_client_for, final):
        user = request.getfixturevalue(role)
        response = api_client_for(user).post(
            decision_url(final.review),
            {"decision": "publish", "planned_on": "2026-07-01"},
            format="json",
        )
        assert response.status_code == 403
        assert not Publication.objects.exists()

    def test_forbidden_to_a_lead_reviewer(self, api_client_for, final, pair):
        response = api_client_for(pair[0]).post(
            decision_url(final.review), {"decision": "do_not_publish", "reasons": "x"}
        )
        assert response.status_code == 403

    def test_not_found_for_another_board(self, api_client_for, final, other_board_user):
        response = api_client_for(other_board_user).post(
            decision_url(final.review), {"decision": "do_not_publish", "reasons": "x"}
        )
        assert response.status_code == 404
        assert not Publication.objects.exists()

    def test_refused_while_the_anonymisation_check_finds_a_name(self, api_client_for, final, chair):
        Finding.objects.filter(review=final.review).update(title="What Millie told the school")
        response = api_client_for(chair).post(
            decision_url(final.review),
            {"decision": "publish", "planned_on": "2026-07-01"},
            format="json",
        )
        assert response.status_code == 400
        assert response.json() == {
            "decision": ["The anonymisation check finds a real name in the report"]
        }
        assert not Publication.objects.exists()

    def test_refused_when_the_panel_copy_cannot_be_in_time(self, api_client_for, final, chair):
        response = api_client_for(chair).post(
            decision_url(final.review),
            {"decision": "publish", "planned_on": "2026-06-23"},
            format="json",
        )
        assert response.status_code == 400
        assert response.json() == {
            "planned_on": [
                "The national panel must have the report 7 working days before publication: "
                "plan it on or after 24 June 2026"
            ]
        }
        assert not Publication.objects.exists()

    def test_refused_for_a_draft_report(self, api_client_for, report, chair):
        response = api_client_for(chair).post(
            decision_url(report.review),
            {"decision": "publish", "planned_on": "2026-07-01"},
            format="json",
        )
        assert response.status_code == 400
        assert "decision" in response.json()

    @pytest.mark.parametrize(
        "body",
        [
            {},
            {"decision": "perhaps"},
            {"decision": "publish", "planned_on": "1 July"},
            {"decision": "publish", "planned_on": "0001-01-01"},
        ],
    )
    def test_bad_input(self, api_client_for, final, chair, body):
        response = api_client_for(chair).post(decision_url(final.review), body, format="json")
        assert response.status_code == 400
        assert not Publication.objects.exists()

    def test_refused_once_published(self, api_client_for, published, chair):
        response = api_client_for(chair).post(
            decision_url(published.review),
            {"decision": "do_not_publish", "reasons": "Changed our minds."},
            format="json",
        )
        assert response.status_code == 400
        assert response.json() == {
            "non_field_errors": ["The report has been published: the decision can no longer change"]
        }
        assert Publication.objects.get(pk=published.pk).decision == "publish"
        assert Report.objects.get(review=published.review).status == "final"


class TestLibrary:
    def test_any_signed_in_user_reads_every_boards_findings(
        self, api_client_for, published, other_board_user
    ):
        response = api_client_for(other_board_user).get(reverse("api:library-list"))
        assert response.status_code == 200
        body = response.json()
        assert {"count", "next", "previous", "results"} <= set(body)
        assert body["count"] == 3
        finding = body["results"][0]
        assert {
            "id",
            "title",
            "category",
            "board",
            "review_type",
            "case_reference",
            "published_on",
            "body",
        } <= set(finding)
        assert finding["case_reference"] == "Child Q"
        assert finding["published_on"] == "2026-06-30"
        assert finding["board"] == published.review.board.name

    def test_filters(self, api_client_for, published, member):
        client = api_client_for(member)

        def count(**params):
            response = client.get(reverse("api:library-list"), params)
            assert response.status_code == 200
            return response.json()["count"]

        assert count(q="strategy") == 3
        assert count(q="xylophone") == 0
        assert count(category="tools") == 1
        assert count(q="strategy", category="management_systems") == 1
        assert count(category="no-such-category") == 0
        assert count(review_type="lcspr", year="2026") == 3
        assert count(review_type="scr") == 0
        assert count(year="2027") == 0
        assert count(year="soon") == 3  # not a year: ignored

    def test_nothing_unpublished(self, api_client_for, final, chair, member):
        publishing.publication_decide(
            actor=chair, review=final.review, decision="publish", planned_on=D(2026, 7, 1)
        )
        assert api_client_for(member).get(reverse("api:library-list")).json()["count"] == 0

    def test_signed_out(self, client, published):
        assert client.get(reverse("api:library-list")).status_code in (401, 403)


def test_the_schema_lists_the_publication_paths(client):
    response = client.get(reverse("schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    paths = schema["paths"]
    render = paths["/api/v1/reviews/{review_id}/report/render/"]
    assert "202" in render["post"]["responses"]
    publication = paths["/api/v1/reviews/{review_id}/publication/"]
    assert "201" in publication["post"]["responses"]
    library = paths["/api/v1/library/"]["get"]
    assert {"q", "category", "review_type", "year", "page"} <= {
        parameter["name"] for parameter in library["parameters"]
    }
    rendering = schema["components"]["schemas"]["Rendering"]["properties"]
    assert {"report_version", "status"} <= set(rendering)
