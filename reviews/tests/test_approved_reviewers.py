"""A single unified safeguarding review takes its reviewers from the Welsh Government's
approved list: platform admins keep the list, and an appointment of someone not on it on the
day is refused."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape

from boards.models import Board
from boards.tests.factories import MembershipFactory
from reviews.models import ApprovedReviewer, Review
from reviews.services import calendar, reviews
from reviews.tests.conftest import board_with_manager
from reviews.tests.factories import decide, log_incident
from reviews.tests.test_views import date_data, error_page

D = dt.date
WG = "Welsh Government"
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


def review_under(regime, nation="wales"):
    board, manager, chair = board_with_manager(regime, nation=nation)
    incident = log_incident(
        actor=manager,
        board=board,
        incident_on=D(2026, 3, 2),
        la_aware_on=D(2026, 3, 2),
        notified_on=D(2026, 3, 2),
        abuse_or_neglect_suspected=True,
        died=True,
    )
    decide(actor=chair, incident=incident, decided_on=D(2026, 3, 9))
    # Not Learning Together: its accreditation is another check (test_review_services.py).
    Review.objects.filter(pk=incident.review.pk).update(methodology="other")
    reviewer = MembershipFactory(board=board, role="lead_reviewer").user
    return Review.objects.get(pk=incident.review.pk), manager, reviewer


APPOINTED_ON = D(2026, 3, 20)


def appoint(manager, review, reviewer, on=APPOINTED_ON):
    return reviews.reviewer_appoint(
        actor=manager,
        review=review,
        user=reviewer,
        role="lead",
        independence_declared=True,
        appointed_on=on,
    )


@pytest.fixture
def susr_review(db):
    return review_under(Board.Regime.WALES_SUSR_2024)


class TestTheCheck:
    def test_someone_not_on_the_list_is_refused(self, susr_review):
        review, manager, reviewer = susr_review
        with pytest.raises(ValidationError) as error:
            appoint(manager, review, reviewer)
        assert "not on the Welsh Government approved list" in str(error.value)
        assert not review.appointments.exists()

    def test_someone_on_the_list_that_day_is_appointed(self, susr_review, platform_admin):
        review, manager, reviewer = susr_review
        calendar.approved_reviewer_add(
            actor=platform_admin, user=reviewer, approved_list=WG, approved_on=D(2025, 1, 6)
        )
        assert appoint(manager, review, reviewer).user == reviewer

    def test_someone_taken_off_the_list_before_the_day_is_refused(
        self, susr_review, platform_admin
    ):
        review, manager, reviewer = susr_review
        place = calendar.approved_reviewer_add(
            actor=platform_admin, user=reviewer, approved_list=WG, approved_on=D(2025, 1, 6)
        )
        calendar.approved_reviewer_end(actor=platform_admin, place=place, ended_on=D(2026, 3, 1))
        with pytest.raises(ValidationError):
            appoint(manager, review, reviewer)

    def test_other_regimes_have_no_list(self, db):
        review, manager, reviewer = review_under(Board.Regime.WALES_2016)
        assert appoint(manager, review, reviewer).user == reviewer


class TestTheList:
    def test_only_platform_admins_keep_it(self, susr_review):
        review, manager, reviewer = susr_review
        with pytest.raises(PermissionDenied):
            calendar.approved_reviewer_add(
                actor=manager, user=reviewer, approved_list=WG, approved_on=D(2026, 1, 6)
            )

    def test_one_open_place_per_list(self, susr_review, platform_admin):
        _, _, reviewer = susr_review
        values = {"user": reviewer, "approved_list": WG, "approved_on": D(2026, 1, 6)}
        calendar.approved_reviewer_add(actor=platform_admin, **values)
        with pytest.raises(ValidationError):
            calendar.approved_reviewer_add(actor=platform_admin, **values)
        assert ApprovedReviewer.objects.count() == 1

    def test_the_pages(self, client, susr_review, platform_admin):
        _, _, reviewer = susr_review
        client.force_login(platform_admin)
        assert (
            "No one is on an approved list yet"
            in client.get(reverse("approved_reviewers")).content.decode()
        )
        response = client.post(
            reverse("approved_reviewer_add"),
            {
                # As the list's letter gives it: the case of an address does not matter.
                "user": reviewer.email.upper(),
                "approved_list": WG,
                **date_data("approved_on", D(2026, 1, 6)),
                "reference": "WG list 2026/14",
            },
        )
        assert response.status_code == 302
        place = ApprovedReviewer.objects.get()
        html = client.get(reverse("approved_reviewers")).content.decode()
        assert escape(reviewer.name) in html  # a made-up name may hold an apostrophe
        assert "WG list 2026/14" in html
        response = client.post(
            reverse("approved_reviewer_end", args=[place.pk]),
            date_data("ended_on", D(2026, 11, 2)),
        )
        assert response.status_code == 302
        place.refresh_from_db()
        assert place.ended_on == D(2026, 11, 2)

    def test_bad_input_is_an_error_and_saves_nothing(self, client, susr_review, platform_admin):
        client.force_login(platform_admin)
        html = error_page(
            client.post(
                reverse("approved_reviewer_add"),
                {"approved_list": WG, **date_data("approved_on", D(2027, 1, 6))},
            )
        )
        assert "Enter an email address" in html
        assert not ApprovedReviewer.objects.exists()

    def test_someone_without_a_reviewer_role_is_an_error(self, client, susr_review, platform_admin):
        _, manager, _ = susr_review
        client.force_login(platform_admin)
        for email in (manager.email, "nobody@example.com"):
            html = error_page(
                client.post(
                    reverse("approved_reviewer_add"),
                    {"user": email, "approved_list": WG, **date_data("approved_on", D(2026, 1, 6))},
                )
            )
            assert "holds a reviewer&#x27;s role on a board" in html
        assert not ApprovedReviewer.objects.exists()

    def test_the_form_lists_no_reviewers_and_reads_few_rows(
        self, client, susr_review, platform_admin, django_assert_max_num_queries
    ):
        """Named by email address: the form does not grow with the country's reviewers."""
        _, _, reviewer = susr_review
        client.force_login(platform_admin)
        # Signing in and the navigation's counts: no query of the form's own.
        with django_assert_max_num_queries(6):
            html = client.get(reverse("approved_reviewer_add")).content.decode()
        assert 'type="email"' in html
        assert reviewer.email not in html

    def test_taken_off_before_being_added_is_refused(self, client, susr_review, platform_admin):
        _, _, reviewer = susr_review
        place = calendar.approved_reviewer_add(
            actor=platform_admin, user=reviewer, approved_list=WG, approved_on=D(2026, 1, 6)
        )
        client.force_login(platform_admin)
        html = error_page(
            client.post(
                reverse("approved_reviewer_end", args=[place.pk]),
                date_data("ended_on", D(2025, 12, 1)),
            )
        )
        assert "on or after the date added to it" in html
        place.refresh_from_db()
        assert place.ended_on is None

    def test_board_members_may_not_open_it(self, client, susr_review):
        _, manager, _ = susr_review
        client.force_login(manager)
        assert client.get(reverse("approved_reviewers")).status_code == 403
        assert client.get(reverse("approved_reviewer_add")).status_code == 403
