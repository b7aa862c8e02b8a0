"""Access follows roles at once (issue 16, item 7; finding 13): a lead reviewer whose role on
the board is removed, or whose appointment ends, can no longer read or change the review, by
page or API, and the appointment says why it ended."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from pytest_django.asserts import assertContains

from boards.models import Membership
from boards.tests.factories import MembershipFactory
from reviews.models import KeyPracticeEpisode, ReviewerAppointment
from reviews.services.reviews import reviewer_appoint, reviewer_end

D = dt.date
TODAY = D(2026, 6, 15)
EPISODE = {"occurred_on": "2026-01-05", "title": "Visit", "what_happened": "Ended early"}
SETUP = {"lt_option": "full", "terms_of_reference": "Ours"}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC), tick=False):
        yield


def api(name, review):
    return reverse(name, args=[review.pk])


def page(name, review):
    return reverse(name, args=[review.board_id, review.pk])


def remove_role(client, business_manager, user, board):
    membership = Membership.objects.get(user=user, board=board, role="lead_reviewer")
    client.force_login(business_manager)
    response = client.post(reverse("boards:member_remove", args=[board.pk, membership.pk]))
    assert response.status_code == 302


def assert_shut_out(api_client, client, user, review, refused=404):
    """The probe's sequence: review, change, new episode by API; review pages. Refused with
    404 when the person has no role left on the board, 403 when they still hold one."""
    assert api_client.get(api("api:review-detail", review)).status_code == refused
    patched = api_client.patch(api("api:review-detail", review), SETUP, format="json")
    assert patched.status_code == refused
    posted = api_client.post(api("api:review-episodes", review), EPISODE, format="json")
    assert posted.status_code == refused
    assert not KeyPracticeEpisode.objects.exists()
    review.refresh_from_db()
    assert review.terms_of_reference != "Ours"
    client.force_login(user)  # signed in again: the removal ended their sessions
    for name in ("reviews:review_detail", "reviews:episodes", "reviews:episode_add"):
        assert client.get(page(name, review)).status_code == refused
    assert client.post(page("reviews:episode_add", review), EPISODE).status_code == refused
    home = client.get(reverse("home"))
    assert review.incident.reference not in home.content.decode()


def test_the_reviewer_works_on_the_review_while_appointed(api_client_for, review, pair):
    client = api_client_for(pair[0])
    assert client.get(api("api:review-detail", review)).status_code == 200
    assert client.patch(api("api:review-detail", review), SETUP, format="json").status_code == 200
    assert client.post(api("api:review-episodes", review), EPISODE, format="json").status_code == (
        201
    )


def test_removing_the_lead_reviewer_role_ends_the_appointment_and_all_access(
    client, api_client_for, review, pair, board, business_manager
):
    lena = pair[0]
    lena_api = api_client_for(lena)
    remove_role(client, business_manager, lena, board)

    assert_shut_out(lena_api, client, lena, review)
    appointment = ReviewerAppointment.objects.get(user=lena)
    assert appointment.ended_on == TODAY
    change = appointment.history.first()
    assert change.history_user == business_manager
    assert change.history_change_reason == "Their lead reviewer role on the board was removed"
    # The other reviewer of the pair is untouched.
    assert ReviewerAppointment.objects.get(user=pair[1]).ended_on is None
    # The review's page of reviewers shows the appointment ended, and why.
    client.force_login(business_manager)
    response = client.get(page("reviews:appointments", review))
    assertContains(response, "15 Jun 2026")
    assertContains(response, "Ended")
    assertContains(response, "Their lead reviewer role on the board was removed")
    detail = client.get(page("reviews:review_detail", review)).content.decode()
    assert "Lena Lead" not in detail.split("Reviewers", 1)[1].split("</dd>", 1)[0]


def test_the_confirmation_page_says_the_appointments_end(
    client, review, pair, board, business_manager
):
    membership = Membership.objects.get(user=pair[0], board=board, role="lead_reviewer")
    client.force_login(business_manager)
    response = client.get(reverse("boards:member_remove", args=[board.pk, membership.pk]))
    assertContains(response, "Their appointment to 1 review of this board will end today")


def test_ending_an_appointment_takes_access_at_once(
    client, api_client_for, review, pair, business_manager
):
    lena = pair[0]
    reviewer_end(
        actor=business_manager,
        appointment=ReviewerAppointment.objects.get(user=lena),
        ended_on=TODAY,
    )
    # Still a lead reviewer of the board, so the review answers 403 rather than 404.
    assert_shut_out(api_client_for(lena), client, lena, review, refused=403)


def test_an_appointment_counts_only_while_its_holder_holds_the_role(
    client, api_client_for, review, pair, board
):
    """Defence in depth: a membership gone some other way (here deleted in the database, with
    no signal) leaves the appointment open, but it opens nothing."""
    lena = pair[0]
    gone = Membership.objects.filter(user=lena, board=board)
    gone._raw_delete(connection.alias)
    assert ReviewerAppointment.objects.get(user=lena).ended_on is None
    assert_shut_out(api_client_for(lena), client, lena, review)


def test_the_appointments_in_force_are_read_afresh_each_time(review, pair, business_manager):
    """`appointments_in_force()` copies one queryset built once: each copy reads the table as
    it is now, and reading a copy leaves nothing behind in the one they are copied from."""
    from reviews.appointments import appointments_in_force

    lena = pair[0]
    assert lena.pk in set(appointments_in_force().values_list("user_id", flat=True))
    assert list(appointments_in_force().filter(user=lena))  # read
    reviewer_end(
        actor=business_manager,
        appointment=ReviewerAppointment.objects.get(user=lena),
        ended_on=TODAY,
    )
    assert not appointments_in_force().filter(user=lena).exists()
    assert lena.pk not in {a.user_id for a in appointments_in_force()}


def test_a_lead_reviewer_of_another_board_gets_404(
    client, api_client_for, review, pair, other_board
):
    """Someone appointed (by a record made behind the service's back) who holds the lead
    reviewer role on another board only: the review does not exist for them."""
    outsider = MembershipFactory(board=other_board, role="lead_reviewer").user
    ReviewerAppointment.objects.create(
        review=review,
        user=outsider,
        role="lead",
        independence_declared=True,
        appointed_on=review.initiated_on,
    )
    assert_shut_out(api_client_for(outsider), client, outsider, review)


@pytest.fixture
def trainee_pair(review, board, business_manager, pair):
    """A Learning Together review led by a trainee (lead reviewer role on the board, in
    training) with an accredited reviewer; the first pair's appointments ended."""
    from accreditation.tests.factories import enrol
    from reviews.services.reviews import review_setup

    for appointment in ReviewerAppointment.objects.filter(user__in=pair):
        reviewer_end(actor=business_manager, appointment=appointment, ended_on=TODAY)
    review_setup(
        actor=business_manager,
        review=review,
        review_type=review.review_type,
        methodology="learning_together",
        lt_option="focused",
    )
    trainee = MembershipFactory(board=board, role="lead_reviewer", user__name="Tia Trainee").user
    enrol(trainee)
    reviewer_appoint(
        actor=business_manager,
        review=review,
        user=trainee,
        role="trainee",
        independence_declared=True,
        appointed_on=TODAY,
    )
    return trainee


def test_a_trainee_keeps_working_and_loses_access_with_the_role(
    client, api_client_for, review, trainee_pair, board, business_manager
):
    trainee_api = api_client_for(trainee_pair)
    posted = trainee_api.post(api("api:review-episodes", review), EPISODE, format="json")
    assert posted.status_code == 201
    KeyPracticeEpisode.objects.all().delete()
    remove_role(client, business_manager, trainee_pair, board)
    assert ReviewerAppointment.objects.get(user=trainee_pair).ended_on == TODAY
    assert_shut_out(trainee_api, client, trainee_pair, review)
