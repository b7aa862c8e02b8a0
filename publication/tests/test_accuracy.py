"""Factual accuracy of a draft report: shared with chosen agencies' contributors by a date
(with reminders), commented on by section, each comment accepted or declined with a reason, the
family's view recorded by the business manager, all kept with the version shared."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from deadlines.models import Deadline
from publication.assembly import report_for
from publication.deadline_kinds import ACCURACY_CHECK
from publication.models import AccuracyComment
from publication.services import accuracy
from reminders.models import OutboxEmail, Reminder
from reviews.models import AgencyContributor
from reviews.tests.test_views import date_data, error_page

pytestmark = pytest.mark.usefixtures("agency_day")
D = dt.date


@pytest.fixture
def report(review):
    report = report_for(review)
    report.case_summary = "The police were called twice in May 2016."
    report.save()
    return report


@pytest.fixture
def shared(pair, report, officer, nurse):
    police = AgencyContributor.objects.get(user=officer)
    return accuracy.accuracy_share(
        actor=pair[0], report=report, contributors=[police], due_on=D(2026, 7, 1)
    )


def agency_page(review, accuracy_check):
    return reverse("publication:agency_accuracy", args=[review.pk, accuracy_check.pk])


class TestSharing:
    def test_the_reviewers_share_and_the_contributor_is_told_and_reminded(
        self, shared, report, officer, nurse
    ):
        assert shared.sections["case_summary"] == "The police were called twice in May 2016."
        assert shared.report_version == report.version
        email = OutboxEmail.objects.get(to=officer.email, subject__contains="factual accuracy")
        assert report.review.incident.reference in email.subject
        assert not OutboxEmail.objects.filter(to=nurse.email, subject__contains="accuracy")
        deadline = Deadline.objects.get(kind=ACCURACY_CHECK, owner_id=shared.pk)
        assert deadline.due_on == D(2026, 7, 1) and deadline.met_on is None
        assert Reminder.objects.filter(recipient=officer, deadline=deadline).exists()

    def test_the_share_page_refuses_bad_input(self, client, pair, board, review, report, officer):
        client.force_login(pair[0])
        url = reverse("publication:accuracy_share", args=[board.pk, review.pk])
        html = error_page(client.post(url, date_data("due_on", D(2026, 6, 1))))
        assert "Select at least one contributor" in html
        assert "must be in the future" in html

    def test_only_the_reviewers_share(self, business_manager, report, officer):
        police = AgencyContributor.objects.get(user=officer)
        with pytest.raises(PermissionDenied):
            accuracy.accuracy_share(
                actor=business_manager, report=report, contributors=[police], due_on=D(2026, 7, 1)
            )


class TestCommenting:
    def test_the_contributor_reads_the_draft_as_shared_and_comments(
        self, client, review, report, shared, officer
    ):
        report.case_summary = "Rewritten after sharing."
        report.save()
        client.force_login(officer)
        page = client.get(agency_page(review, shared))
        assertContains(page, "The police were called twice in May 2016.")
        assertNotContains(page, "Rewritten after sharing.")
        response = client.post(
            agency_page(review, shared), {"section": "case_summary", "comment": "Three times."}
        )
        assert response.status_code == 302
        comment = AccuracyComment.objects.get()
        assert (comment.author, comment.agency.name) == (officer, "Northshire Police")

    def test_an_empty_comment_is_refused(self, client, review, shared, officer):
        client.force_login(officer)
        html = error_page(client.post(agency_page(review, shared), {"section": "case_summary"}))
        assert "Enter the comment" in html
        assert not AccuracyComment.objects.exists()

    def test_finishing_meets_the_deadline_and_stops_the_reminders(
        self, client, review, shared, officer
    ):
        client.force_login(officer)
        client.post(agency_page(review, shared), {"finish": "yes"})
        deadline = Deadline.objects.get(kind=ACCURACY_CHECK, owner_id=shared.pk)
        assert deadline.met_on is not None
        assert not Reminder.objects.filter(recipient=officer, status="pending").exists()
        with pytest.raises(ValidationError, match="finished"):
            accuracy.accuracy_comment(
                actor=officer, accuracy_check=shared, section="appraisal", comment="Late"
            )

    def test_a_contributor_not_asked_gets_404(self, client, review, shared, nurse):
        client.force_login(nurse)
        assert client.get(agency_page(review, shared)).status_code == 404
        url = agency_page(review, shared)
        assert client.post(url, {"section": "case_summary", "comment": "x"}).status_code == 404
        assert not AccuracyComment.objects.exists()

    def test_the_home_page_lists_the_draft_to_check(self, client, review, shared, officer):
        client.force_login(officer)
        assertContains(client.get(reverse("home")), agency_page(review, shared))


class TestAnswering:
    def test_the_reviewers_accept_or_decline_each_with_a_reason(
        self, client, pair, board, review, shared, officer
    ):
        comment = accuracy.accuracy_comment(
            actor=officer, accuracy_check=shared, section="case_summary", comment="Three times."
        )
        client.force_login(pair[0])
        url = reverse(
            "publication:accuracy_decide", args=[board.pk, review.pk, shared.pk, comment.pk]
        )
        html = error_page(client.post(url, {"decision": "declined"}))
        assert "Enter the reason" in html
        client.post(url, {"decision": "declined", "reason": "Police records show two calls."})
        comment.refresh_from_db()
        assert (comment.decision, comment.decided_by) == ("declined", pair[0])
        page = client.get(
            reverse("publication:accuracy_check", args=[board.pk, review.pk, shared.pk])
        )
        assertContains(page, "Police records show two calls.")

    def test_the_business_manager_records_the_familys_view(
        self, client, business_manager, board, review, shared
    ):
        client.force_login(business_manager)
        url = reverse("publication:accuracy_family", args=[board.pk, review.pk, shared.pk])
        client.post(url, {"section": "appraisal", "comment": "The family felt unheard."})
        comment = AccuracyComment.objects.get()
        assert comment.from_family and comment.author == business_manager

    def test_outsiders_get_404(self, client, other_board_user, board, review, shared):
        client.force_login(other_board_user)
        url = reverse("publication:accuracy_check", args=[board.pk, review.pk, shared.pk])
        assert client.get(url).status_code == 404
