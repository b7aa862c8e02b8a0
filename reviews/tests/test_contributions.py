"""Agencies take part: contributors invited to one review for one agency, requests sent to
them, reminded and chased, answered in the service and sent back (docs/permissions.md,
"Agency contributors")."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from boards.tests.factories import AgencyFactory, MembershipFactory
from core.tests.factories import UserFactory
from deadlines.models import Deadline
from guidance.methodologies import CLOSED_STAGE
from reminders.models import OutboxEmail, Reminder
from reminders.services import sweep
from reviews.deadline_kinds import AGENCY_REQUEST
from reviews.models import AgencyContributor, AgencyRequest, AgencyReturn
from reviews.services import contributions, engagement
from reviews.services.incidents import person_add
from reviews.tests.factories import TODAY, ask, decide, invite, log_incident
from reviews.tests.test_views import date_data, error_page

D = dt.date
pytestmark = pytest.mark.usefixtures("agency_day")


def agency_url(name, *args):
    return reverse(f"agency:{name}", args=args)


class TestInviting:
    def test_the_invitation_names_the_case_by_its_reference_only(
        self, business_manager, review, police
    ):
        person_add(
            actor=business_manager, incident=review.incident, role="subject", name="Amy Tate"
        )
        contributor = invite(business_manager, review, police, "PC.Jones@Police.example", "Pat")

        assert contributor.user.email == "pc.jones@police.example"
        assert not contributor.user.has_usable_password()
        (email,) = OutboxEmail.objects.filter(to="pc.jones@police.example")
        assert review.incident.reference in email.subject
        assert "Northshire Police" in email.body
        assert "/accounts/reset/" in email.body or "reset" in email.body
        assert "Amy Tate" not in email.subject + email.body
        assert "second factor" in email.body

    def test_someone_with_an_account_is_invited_without_a_new_password(
        self, business_manager, review, police
    ):
        existing = UserFactory(email="known@police.example")
        contributor = invite(business_manager, review, police, "known@police.example")
        assert contributor.user == existing
        (email,) = OutboxEmail.objects.filter(to="known@police.example")
        assert "Set your password" not in email.body

    def test_an_appointed_reviewer_may_invite_and_the_chair_may_not(
        self, pair, chair, review, police
    ):
        invite(pair[0], review, police, "a@police.example", "A Person")
        with pytest.raises(PermissionDenied):
            invite(chair, review, police, "b@police.example", "B Person")

    @pytest.mark.parametrize(
        ("values", "field", "message"),
        [
            ({"email": "new@police.example", "name": ""}, "name", "Enter the person's full name"),
            ({"job": "mayor"}, "job", "Select their job in the review"),
            ({"email": ""}, "email", "Enter their email address"),
        ],
    )
    def test_bad_invitations_are_refused_and_save_nothing(
        self, business_manager, review, police, values, field, message
    ):
        arguments = {"email": "x@police.example", "name": "X", "job": "return_author", **values}
        with pytest.raises(ValidationError) as refused:
            invite(business_manager, review, police, **arguments)
        assert refused.value.message_dict[field] == [message]
        assert not AgencyContributor.objects.exists()
        assert not OutboxEmail.objects.exists()

    def test_an_agency_of_another_board_is_refused(self, business_manager, review, other_board):
        stranger = AgencyFactory(board=other_board)
        with pytest.raises(ValidationError) as refused:
            invite(business_manager, review, stranger, "x@elsewhere.example", "X")
        assert refused.value.message_dict == {"agency": ["Select an agency of this board"]}

    def test_the_same_person_for_the_same_agency_twice_is_refused(
        self, business_manager, review, police, officer
    ):
        with pytest.raises(ValidationError) as refused:
            invite(business_manager, review, police, officer.email)
        assert "already invited" in refused.value.message_dict["email"][0]
        assert AgencyContributor.objects.count() == 1

    def test_the_invite_page_shows_its_errors_and_keeps_the_answers(
        self, client, business_manager, board, review, police
    ):
        client.force_login(business_manager)
        url = reverse("reviews:contributor_invite", args=[board.pk, review.pk])
        html = error_page(client.post(url, {"agency": str(police.pk), "email": "not-an-email"}))
        assert "Enter an email address in the correct format" in html
        assert "Select their job in the review" in html
        assert 'value="not-an-email"' in html
        assert not AgencyContributor.objects.exists()

    def test_the_invite_page_invites(self, client, business_manager, board, review, police):
        client.force_login(business_manager)
        url = reverse("reviews:contributor_invite", args=[board.pk, review.pk])
        response = client.post(
            url,
            {
                "agency": str(police.pk),
                "email": "pc@police.example",
                "name": "Pat Jones",
                "job": "safeguarding_lead",
            },
            follow=True,
        )
        assertContains(response, "pc@police.example has been invited to contribute")
        assertContains(response, "Safeguarding lead".lower())


class TestWhatAContributorSees:
    def test_their_review_shows_what_is_shared_and_nothing_else(
        self, client, business_manager, review, officer, police_request
    ):
        review.terms_of_reference = "Terms kept private"
        review.save()
        review.research_questions.create(question="Shared question?", shared_with_agencies=True)
        review.research_questions.create(question="Private question?")
        client.force_login(officer)

        response = client.get(agency_url("review", review.pk))

        assertContains(response, review.incident.reference)
        assertContains(response, review.board.name)
        assertContains(response, "Shared question?")
        assertNotContains(response, "Private question?")
        assertNotContains(response, "Terms kept private")
        assertContains(response, agency_url("request", review.pk, police_request.pk))

    def test_shared_terms_of_reference_show(self, client, review, officer):
        review.terms_of_reference = "Terms for all"
        review.terms_shared_with_agencies = True
        review.save()
        client.force_login(officer)
        assertContains(client.get(agency_url("review", review.pk)), "Terms for all")

    def test_their_home_page_lists_the_review(self, client, review, officer):
        client.force_login(officer)
        response = client.get(reverse("home"))
        assertContains(response, "Reviews you contribute to for your agency")
        assertContains(response, agency_url("review", review.pk))
        assertNotContains(response, "You do not hold a role on any board")

    def test_another_agencys_request_on_the_same_review_is_404(
        self, client, review, officer, health_request
    ):
        client.force_login(officer)
        assert client.get(agency_url("request", review.pk, health_request.pk)).status_code == 404
        response = client.post(
            agency_url("request", review.pk, health_request.pk), {"answer": "Ours"}
        )
        assert response.status_code == 404
        assert not AgencyReturn.objects.exists()
        assertNotContains(client.get(agency_url("review", review.pk)), "Northshire Health")

    def test_a_request_not_yet_sent_is_not_theirs_to_see(
        self, client, business_manager, review, police, officer
    ):
        draft = ask(business_manager, review, police)
        client.force_login(officer)
        assert client.get(agency_url("request", review.pk, draft.pk)).status_code == 404

    @pytest.mark.parametrize(
        "name",
        [
            "reviews:review_detail",
            "reviews:agency_requests",
            "reviews:chronology",
            "reviews:contributors",
            "reviews:research_questions",
        ],
    )
    def test_the_boards_pages_of_their_review_are_404(self, client, board, review, officer, name):
        client.force_login(officer)
        assert client.get(reverse(name, args=[board.pk, review.pk])).status_code == 404

    def test_the_board_itself_is_404(self, client, board, officer):
        client.force_login(officer)
        assert client.get(reverse("boards:detail", args=[board.pk])).status_code == 404

    def test_a_contributor_of_another_review_gets_404(
        self, client, business_manager, board, review, police, police_request
    ):
        other_incident = log_incident(actor=business_manager, board=board)
        decide(actor=MembershipFactory(board=board, role="chair").user, incident=other_incident)
        other_incident.refresh_from_db()
        outsider = invite(business_manager, other_incident.review, police, "o@police.example", "O")
        client.force_login(outsider.user)
        assert client.get(agency_url("review", review.pk)).status_code == 404
        assert client.get(agency_url("request", review.pk, police_request.pk)).status_code == 404

    def test_someone_of_another_board_gets_404(self, client, other_board_user, review):
        client.force_login(other_board_user)
        assert client.get(agency_url("review", review.pk)).status_code == 404

    def test_ended_access_is_404_and_stops_their_reminders(
        self, client, business_manager, review, officer, police_request
    ):
        assert Reminder.objects.filter(recipient=officer, status="pending").exists()
        contributor = AgencyContributor.objects.get(user=officer)
        contributions.contributor_end(
            actor=business_manager, contributor=contributor, reason="Moved to another team"
        )
        client.force_login(officer)
        assert client.get(agency_url("review", review.pk)).status_code == 404
        assert client.get(agency_url("request", review.pk, police_request.pk)).status_code == 404
        assert not Reminder.objects.filter(recipient=officer, status="pending").exists()

    def test_closing_the_review_ends_every_contributors_access(
        self, client, review, officer, police_request
    ):
        review.stage = CLOSED_STAGE.code
        review.save()
        client.force_login(officer)
        assert client.get(agency_url("review", review.pk)).status_code == 404


class TestSendingARequest:
    def test_sending_tells_the_agencys_contributors_and_reminds_them(
        self, business_manager, review, police, officer, nurse
    ):
        request = ask(business_manager, review, police, due_on=D(2026, 7, 1))
        assert not Reminder.objects.filter(recipient=officer).exists()

        contributions.agency_request_send(actor=business_manager, request=request)

        (email,) = OutboxEmail.objects.filter(to=officer.email, subject__contains="a request")
        assert review.incident.reference in email.subject
        assert "1 July 2026" in email.body
        assert not OutboxEmail.objects.filter(to=nurse.email, subject__contains="request")
        kinds = set(
            Reminder.objects.filter(recipient=officer, deadline__owner_id=request.pk).values_list(
                "kind", flat=True
            )
        )
        assert {"before:1", "due_day", "overdue"} <= kinds
        # The business manager sees the escalation of a missed request too.
        assert Reminder.objects.filter(
            recipient=business_manager, deadline__owner_id=request.pk, kind="overdue"
        ).exists()

    def test_the_sweep_chases_the_contributors_when_the_due_date_passes(
        self, business_manager, review, police, officer, nurse
    ):
        request = ask(business_manager, review, police, due_on=D(2026, 7, 1))
        contributions.agency_request_send(actor=business_manager, request=request)
        about_it = Reminder.objects.filter(deadline__owner_id=request.pk)

        with time_machine.travel(dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC), tick=False):
            sweep()
        sent = set(about_it.filter(status="sent").values_list("recipient_id", "kind"))
        assert (officer.pk, "before:1") in sent
        assert not {kind for _, kind in sent} & {"due_day", "overdue"}

        with time_machine.travel(dt.datetime(2026, 7, 2, 12, 0, tzinfo=dt.UTC), tick=False):
            sweep()
        sent = set(about_it.filter(status="sent").values_list("recipient_id", "kind"))
        assert {(officer.pk, "overdue"), (business_manager.pk, "overdue")} <= sent
        assert nurse.pk not in {user for user, _ in sent}  # not her agency's request

        # The answer stops the chasing.
        with time_machine.travel(dt.datetime(2026, 7, 3, 9, 0, tzinfo=dt.UTC), tick=False):
            contributions.agency_return_submit(
                actor=officer, request=request, answer="Three contacts."
            )
        assert not about_it.filter(recipient=officer, status="pending").exists()

    def test_a_request_to_an_agency_with_no_contributor_cannot_be_sent(
        self, business_manager, review, health
    ):
        request = ask(business_manager, review, health)
        with pytest.raises(ValidationError, match="invite someone of the agency first"):
            contributions.agency_request_send(actor=business_manager, request=request)
        request.refresh_from_db()
        assert request.sent_at is None

    def test_a_sent_request_cannot_be_sent_twice(self, business_manager, police_request):
        with pytest.raises(ValidationError, match="already been sent"):
            contributions.agency_request_send(actor=business_manager, request=police_request)

    def test_the_send_page_sends(self, client, business_manager, board, review, police, officer):
        request = ask(business_manager, review, police)
        client.force_login(business_manager)
        url = reverse("reviews:agency_request_send", args=[board.pk, review.pk, request.pk])
        assertContains(client.get(url), "Pat Jones")
        response = client.post(url, {}, follow=True)
        assertContains(response, "Request sent")
        request.refresh_from_db()
        assert request.sent_by == business_manager

    def test_the_send_page_explains_a_refusal(
        self, client, business_manager, board, review, health
    ):
        request = ask(business_manager, review, health)
        client.force_login(business_manager)
        url = reverse("reviews:agency_request_send", args=[board.pk, review.pk, request.pk])
        html = error_page(client.post(url, {}))
        assert "invite someone of the agency first" in html

    def test_the_contributors_reminder_opens_their_page(
        self, client, business_manager, board, review, officer, police_request
    ):
        client.force_login(officer)
        response = client.get(agency_url("request_open", police_request.pk))
        assert response.url == agency_url("request", review.pk, police_request.pk)
        client.force_login(business_manager)
        response = client.get(agency_url("request_open", police_request.pk))
        assert response.url == reverse("reviews:agency_requests", args=[board.pk, review.pk])

    def test_a_requests_address_is_404_to_others(
        self, client, other_board_user, nurse, police_request
    ):
        for user in (other_board_user, nurse):
            client.force_login(user)
            assert client.get(agency_url("request_open", police_request.pk)).status_code == 404


class TestAnswering:
    def test_a_contributor_submits_and_the_receipt_is_recorded(
        self, client, review, officer, police_request
    ):
        client.force_login(officer)
        url = agency_url("request", review.pk, police_request.pk)
        response = client.post(url, {"answer": "Three contacts: see below."}, follow=True)

        assertContains(response, "The agency&#x27;s answer has been submitted")
        (answer,) = AgencyReturn.objects.all()
        assert (answer.submitted_by, answer.submitted_at.date()) == (officer, TODAY)
        police_request.refresh_from_db()
        assert police_request.received_on == TODAY
        deadline = Deadline.objects.get(kind=AGENCY_REQUEST, owner_id=police_request.pk)
        assert deadline.met_on == TODAY
        assert not Reminder.objects.filter(recipient=officer, status="pending").exists()

    def test_an_empty_answer_is_refused_and_nothing_is_saved(
        self, client, review, officer, police_request
    ):
        client.force_login(officer)
        html = error_page(client.post(agency_url("request", review.pk, police_request.pk), {}))
        assert "Enter the agency&#x27;s answer, or upload a document first" in html
        assert not AgencyReturn.objects.exists()

    def test_a_lockdown_needs_its_date_and_not_one_in_the_future(
        self, client, business_manager, review, police, officer
    ):
        request = ask(business_manager, review, police, asks="lockdown")
        contributions.agency_request_send(actor=business_manager, request=request)
        client.force_login(officer)
        url = agency_url("request", review.pk, request.pk)
        html = error_page(client.post(url, {"answer": "Done"}))
        assert "Enter the date the case files were locked down" in html
        html = error_page(
            client.post(url, {"answer": "Done", **date_data("files_locked_on", D(2026, 7, 1))})
        )
        assert "must be today or in the past" in html
        assert "Done</textarea>" in html
        assert not AgencyReturn.objects.exists()
        client.post(url, {**date_data("files_locked_on", D(2026, 6, 12))})
        request.refresh_from_db()
        assert request.files_locked_on == D(2026, 6, 12)

    def test_a_second_submission_is_refused(self, officer, police_request):
        contributions.agency_return_submit(actor=officer, request=police_request, answer="One")
        with pytest.raises(ValidationError, match="already been submitted"):
            contributions.agency_return_submit(actor=officer, request=police_request, answer="Two")
        assert AgencyReturn.objects.count() == 1

    def test_a_contributor_of_another_agency_cannot_submit(self, nurse, police_request):
        with pytest.raises(PermissionDenied):
            contributions.agency_return_submit(actor=nurse, request=police_request, answer="X")

    def test_the_reviewers_send_it_back_with_a_reason_the_email_does_not_carry(
        self, client, business_manager, board, review, officer, police_request
    ):
        answer = contributions.agency_return_submit(
            actor=officer, request=police_request, answer="Partial"
        )
        client.force_login(business_manager)
        url = reverse(
            "reviews:agency_return_send_back",
            args=[board.pk, review.pk, police_request.pk, answer.pk],
        )
        assert "Enter why it is sent back" in error_page(client.post(url, {"reason": " "}))
        client.post(url, {"reason": "The 2025 contacts with Amy are missing"})

        police_request.refresh_from_db()
        assert police_request.received_on is None
        email = OutboxEmail.objects.get(to=officer.email, subject__contains="sent back")
        assert "Amy" not in email.body + email.subject
        assert Reminder.objects.filter(recipient=officer, status="pending").exists()
        client.force_login(officer)
        page = client.get(agency_url("request", review.pk, police_request.pk))
        assertContains(page, "The 2025 contacts with Amy are missing")
        assertContains(page, "Submit the agency")
        contributions.agency_return_submit(actor=officer, request=police_request, answer="All")
        assert AgencyReturn.objects.count() == 2

    def test_the_board_sees_every_answer_with_who_and_when(
        self, client, business_manager, board, review, officer, police_request
    ):
        contributions.agency_return_submit(actor=officer, request=police_request, answer="Ours")
        client.force_login(business_manager)
        response = client.get(reverse("reviews:agency_requests", args=[board.pk, review.pk]))
        assertContains(response, "Answer submitted 15 Jun 2026")
        assertContains(response, "by Pat Jones")


class TestContributorsPage:
    def test_the_page_lists_them_and_ending_needs_a_reason(
        self, client, business_manager, board, review, officer
    ):
        client.force_login(business_manager)
        response = client.get(reverse("reviews:contributors", args=[board.pk, review.pk]))
        assertContains(response, "Pat Jones")
        contributor = AgencyContributor.objects.get(user=officer)
        url = reverse("reviews:contributor_end", args=[board.pk, review.pk, contributor.pk])
        assert "Enter why their access ends" in error_page(client.post(url, {"reason": ""}))
        client.post(url, {"reason": "Left the force"})
        contributor.refresh_from_db()
        assert contributor.ended_on == TODAY and contributor.ended_by == business_manager

    def test_a_reviewer_may_not_end_access(self, pair, review, officer):
        contributor = AgencyContributor.objects.get(user=officer)
        with pytest.raises(PermissionDenied):
            contributions.contributor_end(actor=pair[0], contributor=contributor, reason="No")

    def test_an_agency_request_keeps_its_agency_once_sent(
        self, business_manager, police_request, health
    ):
        with pytest.raises(ValidationError) as refused:
            engagement.agency_request_update(
                actor=business_manager,
                request=police_request,
                agency=health,
                details="x",
                requested_on=TODAY,
                due_on=TODAY,
            )
        assert "agency" in refused.value.message_dict
        assert AgencyRequest.objects.get(pk=police_request.pk).agency.name == "Northshire Police"
