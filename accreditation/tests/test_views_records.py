"""The pages that correct and withdraw the programme's records, and the supervision pages that
say which step the session's date allows: every form refuses bad input with a GOV.UK error
summary and saves nothing; withdrawing asks for a reason on a confirmation page; only staff."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from accreditation.models import (
    Cohort,
    CohortQuestion,
    NetworkMeeting,
    SelectionCriterion,
    SupervisionBooking,
    SupervisionSession,
    TrainingDay,
)
from accreditation.services import accreditations, applications, training
from accreditation.tests.factories import ApplicationFactory, SessionFactory, TraineeFactory

D = dt.date


def dates(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def error_page(response) -> str:
    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="govuk-error-summary"' in html
    assert "<title>Error: " in html
    return html


def followed(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def as_staff(client, staff, clock):
    client.force_login(staff)
    return client


@pytest.fixture
def trainee(cohort):
    return TraineeFactory(application__cohort=cohort, application__applicant__name="Tia Trainee")


class TestCohortPages:
    def cohort_form(self, cohort, **changes):
        return {
            "name": cohort.name,
            "venue": cohort.venue,
            "trainers": cohort.trainers,
            "places": str(cohort.places),
            "fee": "3500",
            "vat_applies": "on",
            **dates("applications_open_on", cohort.applications_open_on),
            **dates("applications_close_on", cohort.applications_close_on),
            **changes,
        }

    def test_a_cohort_is_changed_and_a_rule_it_breaks_is_said_on_its_field(
        self, as_staff, cohort, staff
    ):
        applications.application_decide(
            actor=staff, application=ApplicationFactory(cohort=cohort), decision="offered"
        )
        url = reverse("accreditation:cohort_edit", args=[cohort.pk])
        assertContains(as_staff.get(url), 'value="Spring 2026"')
        html = error_page(as_staff.post(url, self.cohort_form(cohort, places="0", venue="Kept")))
        assert "Enter the number of places of 1 or more" in html
        assert 'value="Kept"' in html
        html = error_page(as_staff.post(url, self.cohort_form(cohort, fee="4000", venue="Kept")))
        assert "the fee can no longer change" in html
        assert 'href="#id_fee"' in html  # on its field, not only above the form
        cohort.refresh_from_db()
        assert (cohort.venue, cohort.fee_pence) == ("SCIE, London", 350_000)
        response = as_staff.post(url, self.cohort_form(cohort, venue="Leeds"), follow=True)
        assertContains(response, "Saved the changes")
        cohort.refresh_from_db()
        assert cohort.venue == "Leeds"

    def test_withdrawing_asks_for_a_reason_and_the_page_stays_to_say_why(self, as_staff, cohort):
        detail = reverse("accreditation:cohort_detail", args=[cohort.pk])
        url = reverse("accreditation:cohort_withdraw", args=[cohort.pk])
        assertContains(as_staff.get(detail), url)
        page = as_staff.get(url)
        assertContains(page, "Withdraw the cohort?")
        assertContains(page, "govuk-button--warning")
        html = error_page(as_staff.post(url, {"reason": ""}))
        assert "Enter why you are withdrawing it" in html
        assert Cohort.objects.exists()
        response = as_staff.post(url, {"reason": "Too few applicants"})
        assert response.url == reverse("accreditation:overview")
        overview = followed(as_staff.get(response.url))
        assert "Withdrawn (1)" in overview
        assert "Too few applicants" in overview
        page = followed(as_staff.get(detail))
        assert "Withdrawn on 10 February 2026 by Alex Staff: Too few applicants" in page
        assert reverse("accreditation:cohort_edit", args=[cohort.pk]) not in page
        assert as_staff.get(reverse("accreditation:cohort_edit", args=[cohort.pk])).status_code == (
            404
        )

    def test_the_page_says_why_a_cohort_cannot_be_withdrawn(self, as_staff, cohort):
        ApplicationFactory(cohort=cohort)
        page = followed(as_staff.get(reverse("accreditation:cohort_detail", args=[cohort.pk])))
        assert "It cannot be withdrawn now. 1 applications are waiting for a decision" in page
        assert reverse("accreditation:cohort_withdraw", args=[cohort.pk]) not in page

    def test_training_days_are_changed_and_withdrawn(self, as_staff, cohort):
        day = cohort.training_days.first()
        url = reverse("accreditation:training_day_edit", args=[cohort.pk, day.pk])
        html = error_page(as_staff.post(url, {**dates("date", D(2026, 2, 1)), "block": "1"}))
        assert "Training days come after applications close" in html
        day.refresh_from_db()
        assert day.date == D(2026, 3, 3)
        assert as_staff.post(url, {**dates("date", D(2026, 3, 2)), "block": "1"}).status_code == (
            302
        )
        withdraw = reverse("accreditation:training_day_withdraw", args=[cohort.pk, day.pk])
        error_page(as_staff.post(withdraw, {"reason": ""}))
        assert as_staff.post(withdraw, {"reason": "Did not run"}).status_code == 302
        assert TrainingDay.all_objects.get(pk=day.pk).is_withdrawn
        page = followed(as_staff.get(reverse("accreditation:cohort_detail", args=[cohort.pk])))
        assert "Withdrawn (1)" in page
        assert "Did not run" in page

    def test_questions_change_until_someone_applies(self, as_staff, cohort):
        question = cohort.questions.first()
        url = reverse("accreditation:question_edit", args=[cohort.pk, question.pk])
        detail = reverse("accreditation:cohort_detail", args=[cohort.pk])
        assertContains(as_staff.get(detail), url)
        error_page(as_staff.post(url, {"text": ""}))
        assert as_staff.post(url, {"text": "Why lead reviews?"}).status_code == 302
        ApplicationFactory(cohort=cohort)
        assertNotContains(as_staff.get(detail), url)
        html = error_page(as_staff.post(url, {"text": "Kept"}))
        assert "People have applied already" in html
        assert "Kept" in html
        withdraw = reverse("accreditation:question_withdraw", args=[cohort.pk, question.pk])
        assertContains(as_staff.get(withdraw), "New applicants are not asked it.")
        assert as_staff.post(withdraw, {"reason": "Asked twice"}).status_code == 302
        assert CohortQuestion.all_objects.get(pk=question.pk).text == "Why lead reviews?"
        assert as_staff.get(url).status_code == 404

    def test_criteria_change_until_scored_and_are_withdrawn(self, as_staff, cohort, staff):
        criterion = cohort.criteria.first()
        url = reverse("accreditation:criterion_edit", args=[cohort.pk, criterion.pk])
        html = error_page(as_staff.post(url, {"text": "Kept", "max_score": "11"}))
        assert "Enter the top score of 10 or less" in html
        applications.application_score(
            actor=staff,
            application=ApplicationFactory(cohort=cohort),
            scores={criterion.pk: (3, "")},
        )
        html = error_page(as_staff.post(url, {"text": "Other", "max_score": "5"}))
        assert "Applications have been scored against this criterion" in html
        withdraw = reverse("accreditation:criterion_withdraw", args=[cohort.pk, criterion.pk])
        assertContains(as_staff.get(withdraw), "Its 1 score leave the applications")
        assert as_staff.post(withdraw, {"reason": "Unfair"}).status_code == 302
        assert SelectionCriterion.all_objects.get(pk=criterion.pk).is_withdrawn


class TestSupervisionPages:
    def test_a_session_ahead_is_booked_and_says_from_when_attendance_is_recorded(
        self, as_staff, staff, trainee
    ):
        session = SessionFactory(date=D(2026, 3, 3), facilitator=staff)
        page = followed(as_staff.get(reverse("accreditation:session_detail", args=[session.pk])))
        assert "This session is on 3 March 2026: attendance can be recorded from that day" in page
        assert reverse("accreditation:session_attendance", args=[session.pk]) not in page
        assert "Book a place</button>" in page

    def test_a_session_entered_afterwards_records_who_attended(self, as_staff, staff, trainee):
        session = SessionFactory(date=D(2026, 2, 3), capacity=1, facilitator=staff)
        detail = reverse("accreditation:session_detail", args=[session.pk])
        page = followed(as_staff.get(detail))
        assert "This session took place on 3 February 2026: places can no longer be booked" in page
        url = reverse("accreditation:session_attendance", args=[session.pk])
        assert url in page
        assertContains(as_staff.get(url), "Tia Trainee")
        gone = TraineeFactory(application__cohort=trainee.cohort, status="withdrawn")
        html = error_page(as_staff.post(url, {"people": [trainee.pk, gone.pk]}))
        assert "Select a valid choice" in html
        assert not SupervisionBooking.objects.exists()
        response = as_staff.post(url, {"people": [trainee.pk]})
        assert response.url == detail
        assert SupervisionBooking.objects.get().status == "attended"
        progress = followed(
            as_staff.get(reverse("accreditation:trainee_detail", args=[trainee.pk]))
        )
        assert "1 of 4 group sessions attended" in progress

    def test_a_session_ahead_refuses_attendance_on_the_form_too(self, as_staff, staff, trainee):
        session = SessionFactory(date=D(2026, 3, 3), facilitator=staff)
        url = reverse("accreditation:session_attendance", args=[session.pk])
        html = error_page(as_staff.post(url, {"people": [trainee.pk]}))
        assert "attendance can be recorded from that day" in html
        assert not SupervisionBooking.objects.exists()

    def test_a_session_is_changed_and_withdrawn(self, as_staff, staff, trainee, mailoutbox):
        session = SessionFactory(date=D(2026, 3, 3), capacity=2, facilitator=staff)
        training.session_book(actor=staff, session=session, trainee=trainee)
        url = reverse("accreditation:session_edit", args=[session.pk])
        data = {
            **dates("date", session.date),
            "title": "Kept",
            "venue": "Online",
            "capacity": "0",
            "facilitator": staff.pk,
        }
        html = error_page(as_staff.post(url, data))
        assert "Enter the number of places of 1 or more" in html
        assert 'value="Kept"' in html
        assert as_staff.post(url, {**data, "capacity": "3"}).status_code == 302
        session.refresh_from_db()
        assert (session.title, session.capacity) == ("Kept", 3)

        withdraw = reverse("accreditation:session_withdraw", args=[session.pk])
        assertContains(
            as_staff.get(withdraw), "1 booked place are cancelled and the trainees are e-mailed"
        )
        error_page(as_staff.post(withdraw, {"reason": ""}))
        assert as_staff.post(withdraw, {"reason": "The room is lost"}).status_code == 302
        listing = followed(as_staff.get(reverse("accreditation:session_list")))
        assert "Withdrawn (1)" in listing
        assert SupervisionBooking.all_objects.get().status == "cancelled"
        detail = followed(as_staff.get(reverse("accreditation:session_detail", args=[session.pk])))
        assert "The room is lost" in detail
        assert as_staff.get(url).status_code == 404

    def test_attendance_recorded_in_error_is_withdrawn(self, as_staff, staff, trainee):
        session = SessionFactory(date=D(2026, 2, 3), facilitator=staff)
        training.session_attendance_record(actor=staff, session=session, trainees=[trainee])
        booking = SupervisionBooking.objects.get()
        url = reverse("accreditation:booking_withdraw", args=[session.pk, booking.pk])
        assertContains(as_staff.get(url), "no longer counts toward the group sessions")
        error_page(as_staff.post(url, {"reason": ""}))
        assert as_staff.post(url, {"reason": "The wrong trainee"}).status_code == 302
        assert not SupervisionBooking.objects.exists()
        assert SupervisionBooking.all_objects.get().withdrawal_reason == "The wrong trainee"

    def test_the_list_has_sessions_ahead_soonest_first_and_past_ones_latest_first(
        self, as_staff, staff
    ):
        for day, month in [(20, 3), (5, 3), (12, 3), (2, 2), (9, 2)]:
            SessionFactory(
                date=D(2026, month, day), title=f"Session {month}-{day}", facilitator=staff
            )
        page = followed(as_staff.get(reverse("accreditation:session_list")))
        order = ["Session 3-5", "Session 3-12", "Session 3-20", "Session 2-9", "Session 2-2"]
        assert [page.index(title + ",") for title in order] == sorted(
            page.index(title + ",") for title in order
        )


class TestTheTraineesPage:
    def test_a_booked_session_shows_booked_with_a_way_to_cancel_not_book(
        self, client, staff, trainee, clock
    ):
        booked = SessionFactory(date=D(2026, 3, 3), title="Booked one", facilitator=staff)
        full = SessionFactory(date=D(2026, 3, 10), title="Full one", capacity=1, facilitator=staff)
        SessionFactory(date=D(2026, 3, 17), title="Open one", facilitator=staff)
        training.session_book(actor=trainee.user, session=booked, trainee=trainee)
        training.session_book(
            actor=staff, session=full, trainee=TraineeFactory(application__cohort=trainee.cohort)
        )
        client.force_login(trainee.user)
        page = followed(client.get(reverse("accreditation:trainee_detail", args=[trainee.pk])))
        rows = page.split("Sessions that have taken place")[0].split(
            '<tr class="govuk-table__row">'
        )
        row = {
            title: next(r for r in rows if title in r)
            for title in ("Booked one", "Full one", "Open one")
        }
        assert ">Booked<" in row["Booked one"]
        assert "Cancel<span" in row["Booked one"]
        assert "Book<span" not in row["Booked one"]
        assert "Full" in row["Full one"]
        assert "Book<span" not in row["Full one"]
        assert "Book<span" in row["Open one"]


class TestMeetingPages:
    def test_a_meeting_is_changed_and_withdrawn(self, as_staff, staff):
        meeting = accreditations.meeting_add(
            actor=staff, date=D(2026, 1, 20), title="Network", venue="Online"
        )
        url = reverse("accreditation:meeting_edit", args=[meeting.pk])
        html = error_page(as_staff.post(url, {"title": "", "venue": "Kept"}))
        assert "Enter the title" in html
        data = {**dates("date", D(2026, 1, 21)), "title": "Network: winter", "venue": "Leeds"}
        assert as_staff.post(url, data).status_code == 302
        meeting.refresh_from_db()
        assert (meeting.title, meeting.date) == ("Network: winter", D(2026, 1, 21))
        withdraw = reverse("accreditation:meeting_withdraw", args=[meeting.pk])
        error_page(as_staff.post(withdraw, {"reason": ""}))
        assert as_staff.post(withdraw, {"reason": "Did not take place"}).status_code == 302
        assert NetworkMeeting.all_objects.get().is_withdrawn
        assertContains(as_staff.get(reverse("accreditation:meeting_list")), "Withdrawn (1)")


def test_nobody_but_staff_corrects_or_withdraws(client, cohort, trainee, business_manager, staff):
    session = SessionFactory(date=D(2026, 2, 3), facilitator=staff)
    meeting = NetworkMeeting.objects.create(date=D(2026, 1, 5), title="Network", venue="Online")
    day, question, criterion = (
        cohort.training_days.first(),
        cohort.questions.first(),
        cohort.criteria.first(),
    )
    urls = [
        reverse("accreditation:cohort_edit", args=[cohort.pk]),
        reverse("accreditation:cohort_withdraw", args=[cohort.pk]),
        reverse("accreditation:training_day_edit", args=[cohort.pk, day.pk]),
        reverse("accreditation:training_day_withdraw", args=[cohort.pk, day.pk]),
        reverse("accreditation:question_edit", args=[cohort.pk, question.pk]),
        reverse("accreditation:question_withdraw", args=[cohort.pk, question.pk]),
        reverse("accreditation:criterion_edit", args=[cohort.pk, criterion.pk]),
        reverse("accreditation:criterion_withdraw", args=[cohort.pk, criterion.pk]),
        reverse("accreditation:session_edit", args=[session.pk]),
        reverse("accreditation:session_withdraw", args=[session.pk]),
        reverse("accreditation:session_attendance", args=[session.pk]),
        reverse("accreditation:meeting_edit", args=[meeting.pk]),
        reverse("accreditation:meeting_withdraw", args=[meeting.pk]),
    ]
    for someone in (trainee.user, business_manager):
        client.force_login(someone)
        for url in urls:
            assert client.get(url).status_code == 403, url
            assert client.post(url, {"reason": "No", "people": [trainee.pk]}).status_code == 403
    assert not SupervisionBooking.objects.exists()
    assert not SupervisionSession.all_objects.filter(withdrawn_at__isnull=False).exists()
    assert not Cohort.all_objects.filter(withdrawn_at__isnull=False).exists()


def test_someone_elses_place_is_not_theirs_to_cancel(client, staff, trainee, clock):
    session = SessionFactory(date=D(2026, 3, 3), facilitator=staff)
    booking = training.session_book(actor=trainee.user, session=session, trainee=trainee)
    client.force_login(TraineeFactory(application__cohort=trainee.cohort).user)
    url = reverse("accreditation:booking_update", args=[session.pk, booking.pk])
    assert client.post(url, {"action": "cancel"}).status_code == 404
    booking.refresh_from_db()
    assert booking.status == "booked"
