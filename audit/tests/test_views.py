"""The "who has looked at this case" page of an incident: for the business manager and the
chair; newest first, paged; the review's and the report's pages show on their case's page."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from audit.models import AccessEvent
from core import paging
from reviews.tests.factories import decide, log_incident


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def incident(business_manager, board):
    return log_incident(actor=business_manager, board=board, reference="Child Q")


def access_url(incident):
    return reverse("audit:incident_access", args=[incident.board_id, incident.pk])


def incident_url(incident):
    return reverse("reviews:incident_detail", args=[incident.board_id, incident.pk])


def test_the_business_manager_sees_who_looked_newest_first(
    client, incident, business_manager, member, chair
):
    client.force_login(member)
    with time_machine.travel(dt.datetime(2026, 6, 15, 9, 5, tzinfo=dt.UTC), tick=False):
        client.get(incident_url(incident))
    decide(actor=chair, incident=incident)
    review = incident.review
    client.force_login(chair)
    with time_machine.travel(dt.datetime(2026, 6, 15, 10, 30, tzinfo=dt.UTC), tick=False):
        client.get(reverse("reviews:findings", args=[incident.board_id, review.pk]))
        client.get(reverse("publication:report", args=[incident.board_id, review.pk]))

    client.force_login(business_manager)
    response = client.get(access_url(incident))
    assert response.status_code == 200
    assertContains(response, "Who has looked at this case")
    html = response.content.decode()
    # Newest first: the chair's report page, the chair's findings, then the member at 10:05
    # (British Summer Time).
    assert (
        html.index("Report and publication") < html.index("Findings") < html.index("Incident page")
    )
    assertContains(response, "Charles Chair")
    assertContains(response, '<td class="govuk-table__cell">Chair</td>', html=True)
    assertContains(response, "Mo Member")
    assertContains(response, "Board member")
    assertContains(response, "15 Jun 2026, 10:05")
    # Opening the page is itself recorded, after it is shown.
    latest = AccessEvent.objects.first()
    assert (latest.user, latest.url_name) == (business_manager, "audit:incident_access")


def test_the_chair_may_see_it_too(client, incident, chair):
    client.force_login(chair)
    assert client.get(access_url(incident)).status_code == 200


@pytest.mark.parametrize("role", ["member", "viewer", "lead_reviewer"])
def test_other_roles_of_the_board_are_refused(request, client, incident, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(access_url(incident)).status_code == 403
    assert not AccessEvent.objects.exists()


def test_another_boards_user_and_a_platform_admin_get_404(
    client, incident, other_board_user, platform_admin
):
    for user in (other_board_user, platform_admin):
        client.force_login(user)
        assert client.get(access_url(incident)).status_code == 404


def test_an_incident_of_another_board_under_this_board_is_404(
    client, incident, business_manager, other_board
):
    client.force_login(business_manager)
    wrong = reverse("audit:incident_access", args=[other_board.pk, incident.pk])
    assert client.get(wrong).status_code == 404


def test_the_incident_page_links_to_it_only_for_those_allowed(
    client, incident, business_manager, member
):
    client.force_login(business_manager)
    assertContains(client.get(incident_url(incident)), access_url(incident))
    client.force_login(member)
    assertNotContains(client.get(incident_url(incident)), access_url(incident))


def test_someone_without_a_role_now_is_said_so(client, incident, business_manager, member):
    client.force_login(member)
    client.get(incident_url(incident))
    member.memberships.all().delete()
    client.force_login(business_manager)
    assertContains(client.get(access_url(incident)), "No role on the board now")


def test_other_cases_events_are_not_shown(client, incident, business_manager, board, member):
    other = log_incident(actor=business_manager, board=board, reference="Child R")
    client.force_login(member)
    client.get(incident_url(other))
    client.force_login(business_manager)
    response = client.get(access_url(incident))
    assertNotContains(response, "Mo Member")
    assertContains(response, "No one has looked at this case yet")


def test_the_page_is_paged_and_its_queries_do_not_grow(
    client, incident, business_manager, member, viewer, django_assert_max_num_queries
):
    users = [business_manager, member, viewer]
    AccessEvent.objects.bulk_create(
        AccessEvent(
            user=users[i % 3],
            board=incident.board,
            incident=incident,
            reference=incident.reference,
            url_name="reviews:incident_detail",
            object_id=str(incident.pk),
        )
        for i in range(paging.PAGE_SIZE + 5)
    )
    client.force_login(business_manager)
    # Session, user, device, board, incident, count, page, roles, and the page's own event;
    # the navigation's count of the user's work (its roles and the bank holidays ahead).
    with django_assert_max_num_queries(14):
        response = client.get(access_url(incident))
    assertContains(response, "govuk-pagination")
    assertContains(response, 'rel="next"')
    assert response.content.decode().count("Incident page") == paging.PAGE_SIZE
    response = client.get(access_url(incident) + "?page=2")
    assert response.status_code == 200
    assertContains(response, 'rel="prev"')
    # The first visit's own event now heads the list, so page 2 holds the last 6.
    assert response.content.decode().count("Incident page") == 6
    # A page number that is not one shows the nearest page rather than failing.
    assert client.get(access_url(incident) + "?page=x").status_code == 200


def test_labels_name_the_page_not_its_address(client, incident, business_manager):
    AccessEvent.objects.create(
        user=business_manager,
        board=incident.board,
        incident=incident,
        reference=incident.reference,
        url_name="reviews:people",
    )
    client.force_login(business_manager)
    response = client.get(access_url(incident))
    assertContains(response, "People involved (real names)")
    assertNotContains(response, "reviews:people")
