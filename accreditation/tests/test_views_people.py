"""The pages of the people the programme is for: applicants, trainees, accredited reviewers,
and the boards that commission them. Each sees their own records and nobody else's."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from accreditation.models import Application
from accreditation.services import accreditations
from accreditation.tests.factories import ApplicationFactory, SessionFactory, TraineeFactory
from accreditation.tests.test_uploads import EXE, PDF
from boards.models import Membership
from core.tests.factories import UserFactory

D = dt.date


def error_page(response) -> str:
    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="govuk-error-summary"' in html
    assert "<title>Error: " in html
    return html


class TestApplying:
    def test_someone_without_an_account_asks_for_one(self, client, db, mailoutbox):
        url = reverse("accreditation:account_request")
        html = error_page(client.post(url, {"name": "", "email": "not an address"}))
        assert "Enter your full name" in html
        assert "Enter an email address in the correct format" in html
        response = client.post(url, {"name": "Nia New", "email": "nia@example.org"})
        assert response.url == reverse("accreditation:account_requested")
        assertContains(client.get(response.url), "Check your email")

    def test_the_open_cohorts_and_the_application_form(
        self, client, applicant, cohort, private_files
    ):
        client.force_login(applicant)
        start = client.get(reverse("accreditation:apply_start"))
        assertContains(start, "Apply to Spring 2026")
        url = reverse("accreditation:apply", args=[cohort.pk])
        form = client.get(url)
        assertContains(form, 'enctype="multipart/form-data"')
        assertContains(form, "Applications close on 27 February 2026")
        questions = list(cohort.questions.all())
        answers = {f"answer_{q.pk}": "Because." for q in questions}

        html = error_page(client.post(url, answers))
        assert "Select your CV" in html
        assert "Because." in html  # the answers are kept
        bad = SimpleUploadedFile("cv.pdf", EXE)
        html = error_page(client.post(url, {**answers, "cv": bad}))
        assert "The selected file is a program, not a document: it cannot be uploaded" in html
        assert not Application.objects.exists()

        good = SimpleUploadedFile("Ann's CV.pdf", PDF)
        response = client.post(url, {**answers, "cv": good})
        application = Application.objects.get()
        assert response.url == reverse("accreditation:application_detail", args=[application.pk])
        page = client.get(response.url)
        assertContains(page, "Ann&#x27;s CV.pdf")
        assertNotContains(page, "Score the application")  # the staff's, not hers
        download = client.get(reverse("accreditation:cv_download", args=[application.pk]))
        assert b"".join(download.streaming_content) == PDF
        assert "attachment" in download["Content-Disposition"]

    def test_a_cv_kept_in_a_bucket_is_the_applicants_and_staffs_only(
        self, s3_private_storage, client, applicant, cohort, staff, business_manager
    ):
        client.force_login(applicant)
        answers = {f"answer_{q.pk}": "Because." for q in cohort.questions.all()}
        url = reverse("accreditation:apply", args=[cohort.pk])
        client.post(url, {**answers, "cv": SimpleUploadedFile("Ann's CV.pdf", PDF)})
        application = Application.objects.get()
        assert s3_private_storage.keys() == {application.cv.name}
        assert "Ann" not in application.cv.name  # stored under a random name

        download = reverse("accreditation:cv_download", args=[application.pk])
        for allowed in (applicant, staff):
            client.force_login(allowed)
            assert b"".join(client.get(download).streaming_content) == PDF
        for someone in (UserFactory(), business_manager):
            client.force_login(someone)
            assert client.get(download).status_code == 404

    def test_an_application_and_its_cv_are_the_applicants_and_staffs_only(
        self, client, cohort, staff, board, business_manager
    ):
        application = ApplicationFactory(cohort=cohort)
        for url in (
            reverse("accreditation:application_detail", args=[application.pk]),
            reverse("accreditation:cv_download", args=[application.pk]),
        ):
            for someone in (UserFactory(), business_manager):
                client.force_login(someone)
                assert client.get(url).status_code == 404
            client.force_login(staff)
            assert client.get(url).status_code == 200

    def test_the_applicant_withdraws(self, client, cohort):
        application = ApplicationFactory(cohort=cohort)
        client.force_login(application.applicant)
        url = reverse("accreditation:application_withdraw", args=[application.pk])
        assert client.post(url).status_code == 302
        application.refresh_from_db()
        assert application.status == "withdrawn"


class TestTrainees:
    @pytest.fixture
    def trainee(self, cohort):
        return TraineeFactory(application__cohort=cohort, application__applicant__name="Tia")

    def test_the_progress_page_says_what_is_still_needed_and_books_a_place(
        self, client, trainee, staff, django_assert_max_num_queries
    ):
        session = SessionFactory(date=D(2026, 3, 24), capacity=1, facilitator=staff)
        client.force_login(trainee.user)
        url = reverse("accreditation:trainee_detail", args=[trainee.pk])
        with django_assert_max_num_queries(22):
            page = client.get(url)
        assertContains(page, "0 of 4 group sessions attended")
        assertContains(page, "4 more group supervision sessions (0 of 4 attended)")
        assertContains(page, "Book<span")
        book = reverse("accreditation:session_book", args=[session.pk])
        response = client.post(book, {"trainee": trainee.pk}, follow=True)
        assertContains(response, "Place booked")
        again = client.post(book, {"trainee": trainee.pk}, follow=True)
        assertContains(again, "There is a problem")
        assertContains(again, "You already have a place at this session")

    def test_a_trainee_sees_nobody_elses_record(self, client, trainee, cohort, staff):
        other = TraineeFactory(application__cohort=cohort)
        client.force_login(other.user)
        assert (
            client.get(reverse("accreditation:trainee_detail", args=[trainee.pk])).status_code
            == 404
        )
        session = SessionFactory(date=D(2026, 3, 24), facilitator=staff)
        book = reverse("accreditation:session_book", args=[session.pk])
        assert client.post(book, {"trainee": trainee.pk}).status_code == 404
        assert not session.bookings.exists()


class TestAccreditedReviewers:
    @pytest.fixture
    def accreditation(self, staff, clock):
        reviewer = UserFactory(name="Lee Reviewer")
        return accreditations.accreditation_grant(
            actor=staff, user=reviewer, accredited_on=D(2026, 1, 12)
        )

    def test_the_reviewer_sees_their_accreditation_and_says_where_they_work(
        self, client, accreditation
    ):
        client.force_login(accreditation.user)
        page = client.get(reverse("accreditation:accreditation_detail", args=[accreditation.pk]))
        assertContains(page, "0 of 3 attended")
        assertContains(page, "12 January 2027")
        assertNotContains(page, "Record the annual review")
        url = reverse("accreditation:availability", args=[accreditation.pk])
        html = error_page(client.post(url, {"availability": "available", "note": "Kept"}))
        assert "Select the regions where you take reviews" in html
        assert "Kept" in html
        data = {"regions": ["london"], "availability": "limited", "note": "Mondays"}
        assert client.post(url, data).status_code == 302
        accreditation.refresh_from_db()
        assert (accreditation.regions, accreditation.availability) == (["london"], "limited")

    def test_nobody_else_sees_an_accreditation(self, client, accreditation, business_manager):
        client.force_login(business_manager)
        url = reverse("accreditation:accreditation_detail", args=[accreditation.pk])
        assert client.get(url).status_code == 404

    def test_staff_forms_refuse_bad_input(self, client, accreditation, staff):
        client.force_login(staff)
        review_url = reverse("accreditation:annual_review", args=[accreditation.pk])
        html = error_page(
            client.post(
                review_url,
                {
                    "reviewed_on_0": "10",
                    "reviewed_on_1": "2",
                    "reviewed_on_2": "2026",
                    "outcome": "continued",
                },
            )
        )
        assert "attended 0 of 3 network meetings this year" in html
        suspend_url = reverse("accreditation:suspend", args=[accreditation.pk])
        html = error_page(client.post(suspend_url, {"reason": ""}))
        assert "Enter the reason for the suspension" in html
        accreditation.refresh_from_db()
        assert accreditation.status == "accredited"
        assert client.post(suspend_url, {"reason": "A complaint"}).status_code == 302
        accreditation.refresh_from_db()
        assert accreditation.status == "suspended"


class TestDirectory:
    @pytest.fixture
    def reviewer(self, staff, clock):
        user = UserFactory(name="Dee Directory")
        accreditation = accreditations.accreditation_grant(
            actor=staff, user=user, accredited_on=D(2026, 1, 12)
        )
        accreditations.availability_update(
            actor=user, accreditation=accreditation, regions=["london"], availability="available"
        )
        return accreditation

    def test_boards_see_accredited_reviewers_by_region(
        self, client, reviewer, business_manager, member, django_assert_max_num_queries
    ):
        client.force_login(business_manager)
        url = reverse("accreditation:directory")
        # The page's own queries, and the count of the directory's rows for its pages.
        with django_assert_max_num_queries(11):
            page = client.get(url)
        assertContains(page, "Dee Directory")
        assertNotContains(client.get(url, {"region": "wales"}), "Dee Directory")
        client.force_login(member)
        assert client.get(url).status_code == 403

    def test_proposing_a_reviewer_leads_to_appointing_them(
        self, client, reviewer, review, business_manager, board
    ):
        client.force_login(business_manager)
        url = reverse("accreditation:propose", args=[reviewer.pk])
        assertContains(client.get(url), review.incident.reference)
        html = error_page(client.post(url, {}))
        assert "Select the review" in html
        response = client.post(url, {"review": review.pk})
        appoint = reverse("reviews:appointment_add", args=[board.pk, review.pk])
        assert response.url == f"{appoint}?user={reviewer.user_id}"
        assert Membership.objects.filter(
            user=reviewer.user, board=board, role="lead_reviewer"
        ).exists()
        form = client.get(response.url).content.decode()
        chosen = form.split(f'value="{reviewer.user_id}"', 1)[1].split(">", 1)[0]
        assert "selected" in chosen

    def test_a_lapsed_reviewer_cannot_be_proposed(self, client, reviewer, business_manager):
        reviewer.status = "lapsed"
        reviewer.save()
        client.force_login(business_manager)
        assert client.get(reverse("accreditation:propose", args=[reviewer.pk])).status_code == 404


def test_the_home_page_shows_each_person_their_part_of_the_programme(client, cohort, staff):
    trainee = TraineeFactory(application__cohort=cohort)
    client.force_login(trainee.user)
    page = client.get(reverse("home"))
    assertContains(page, "Your training: Spring 2026")
    assertContains(page, "Apply to the lead reviewer programme")
    assertNotContains(page, "Run the programme")
    client.force_login(staff)
    assertContains(client.get(reverse("home")), "Run the programme")
