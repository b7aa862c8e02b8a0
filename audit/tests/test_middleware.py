"""A GET of each audited URL by someone allowed writes exactly one access event naming them,
the case and the URL; a refusal (403), another board's case (404), a HEAD and a POST write
none. The objects are the URL policy walk's (`objects_of_board`), so every URL is tried."""

import pytest
from django.urls import reverse

from audit.audited import AUDITED_URLS, BOARD
from audit.models import AccessEvent
from audit.tests.walk import IDS, SINGLE, open_as, split_users, url_of
from boards.models import Membership
from core.tests.factories import UserFactory
from reviews.models import Incident, Review


@pytest.mark.parametrize(("name", "kwargs"), SINGLE, ids=IDS)
def test_a_get_by_someone_allowed_writes_one_event(client, api_client_for, case, name, kwargs):
    url = url_of(case, name, kwargs)
    allowed, _ = split_users(case, name)
    assert allowed, f"nobody may open {name}"
    user = allowed[0]
    response = open_as(client, api_client_for, user, url, name)
    if response.status_code == 302:
        # The chair's decision page sends the user on to the incident once decided: no view
        # (test_views.py opens it before the decision).
        assert name == "reviews:decision", name
        assert not AccessEvent.objects.exists()
        return
    assert response.status_code == 200, name
    event = AccessEvent.objects.get()
    assert (event.user, event.url_name, event.method) == (user, name, "GET")
    assert event.board == case["board"]
    if AUDITED_URLS[name].case_from == BOARD:
        assert (event.incident, event.reference) == (None, "")
    else:
        assert event.incident == case["incident"]
        assert event.reference == case["incident"].reference
    assert event.object_id == str(list(response.wsgi_request.resolver_match.kwargs.values())[-1])


@pytest.mark.parametrize(("name", "kwargs"), SINGLE, ids=IDS)
def test_refusals_heads_and_posts_write_none(
    client, api_client_for, case, other_board_user, name, kwargs
):
    url = url_of(case, name, kwargs)
    allowed, refused = split_users(case, name)
    statuses = {open_as(client, api_client_for, user, url, name).status_code for user in refused}
    # A role of the board that may not open the page gets 403; the supervisor, who holds no
    # role on the board, gets 404 for the board's pages outside their review.
    assert statuses <= {403, 404}, name
    assert open_as(client, api_client_for, other_board_user, url, name).status_code == 404
    open_as(client, api_client_for, allowed[0], url, name, method="head")
    # A POST, whatever it does (a bad form is answered 200 with its errors), is not a view.
    open_as(client, api_client_for, allowed[0], url, name, method="post")
    assert not AccessEvent.objects.exists(), name


def test_the_decision_page_is_audited_before_the_decision(client, chair, business_manager, board):
    from reviews.tests.factories import log_incident

    incident = log_incident(actor=business_manager, board=board)
    client.force_login(chair)
    assert client.get(reverse("reviews:decision", args=[board.pk, incident.pk])).status_code == 200
    event = AccessEvent.objects.get()
    assert (event.user, event.incident, event.url_name) == (chair, incident, "reviews:decision")


def test_an_api_token_call_names_the_tokens_user(api_client_for, case, business_manager):
    review = case["review"]
    response = api_client_for(business_manager).get(
        reverse("api:review-findings", args=[review.pk])
    )
    assert response.status_code == 200
    event = AccessEvent.objects.get()
    assert (event.user, event.incident, event.url_name) == (
        business_manager,
        review.incident,
        "api:review-findings",
    )


def test_an_api_list_writes_one_event_per_case_listed(api_client_for, board, business_manager):
    from reviews.tests.factories import decide, log_incident

    chair = Membership.objects.create(board=board, role="chair", user=UserFactory()).user
    incidents = [log_incident(actor=business_manager, board=board) for _ in range(3)]
    decide(actor=chair, incident=incidents[0])
    api = api_client_for(business_manager)

    assert api.get(reverse("api:incident-list")).status_code == 200
    listed = AccessEvent.objects.filter(url_name="api:incident-list")
    assert sorted(e.incident_id for e in listed) == sorted(i.pk for i in incidents)
    assert {e.reference for e in listed} == {i.reference for i in incidents}
    assert {e.user for e in listed} == {business_manager}

    assert api.get(reverse("api:review-list")).status_code == 200
    review = Review.objects.get()
    event = AccessEvent.objects.get(url_name="api:review-list")
    assert (event.incident, event.object_id, event.reference) == (
        incidents[0],
        str(review.pk),
        incidents[0].reference,
    )


def test_an_empty_api_list_writes_nothing(api_client_for, business_manager):
    assert api_client_for(business_manager).get(reverse("api:incident-list")).status_code == 200
    assert not AccessEvent.objects.exists()


def test_a_signed_out_request_writes_nothing(client, case):
    url = reverse("reviews:incident_detail", args=[case["board"].pk, case["incident"].pk])
    assert client.get(url).status_code == 302
    assert not AccessEvent.objects.exists()


def test_events_outlive_a_deleted_case_with_its_reference(client, business_manager, board):
    from reviews.tests.factories import log_incident

    incident = log_incident(actor=business_manager, board=board, reference="Child W")
    client.force_login(business_manager)
    client.get(reverse("reviews:incident_detail", args=[board.pk, incident.pk]))
    incident.deadlines.all().delete()
    Incident.objects.filter(pk=incident.pk).delete()
    event = AccessEvent.objects.get()
    assert (event.incident, event.reference, event.board) == (None, "Child W", board)
