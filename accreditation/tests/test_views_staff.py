"""The staff pages: every page answers, every form refuses bad input with a GOV.UK error
summary and saves nothing, and the lists do not grow in queries with the records."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertContains

from accreditation.models import (
    Application,
    Cohort,
    NetworkMeeting,
    Programme,
    SupervisionSession,
    TrainingDay,
)
from accreditation.tests.factories import (
    ApplicationFactory,
    SessionFactory,
    TraineeFactory,
    accredit,
    make_ready,
)
from core.tests.factories import UserFactory

D = dt.date


def dates(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def error_page(response) -> str:
    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="govuk-error-summary"' in html
    assert "<title>Error: " in html
    return html


@pytest.fixture
def signed_in_staff(client, staff, clock):
    client.force_login(staff)
    return client


def test_the_overview_lists_cohorts_sessions_and_accreditations(
    signed_in_staff, cohort, staff, django_assert_max_num_queries
):
    SessionFactory(date=D(2026, 3, 10), facilitator=staff)
    for _ in range(5):
        accredit(TraineeFactory(application__cohort=cohort).user)
    with django_assert_max_num_queries(14):
        response = signed_in_staff.get(reverse("accreditation:overview"))
    assertContains(response, "Spring 2026")
    assertContains(response, "Group supervision")
    assertContains(response, "Annual reviews coming up")


def test_a_programme_needs_a_name(signed_in_staff):
    url = reverse("accreditation:programme_add")
    html = error_page(signed_in_staff.post(url, {"name": "", "description": "Kept"}))
    assert "Enter the programme&#x27;s name" in html
    assert "Kept" in html
    assert not Programme.objects.exists()
    response = signed_in_staff.post(url, {"name": "Lead reviewers"})
    assert response.status_code == 302
    assert Programme.objects.get().name == "Lead reviewers"


def test_a_cohort_with_a_bad_window_or_fee_is_refused(signed_in_staff, cohort):
    url = reverse("accreditation:cohort_add")
    assertContains(signed_in_staff.get(url), 'value="3500"')
    data = {
        "programme": cohort.programme_id,
        "name": "Autumn 2026",
        "venue": "Leeds",
        "trainers": "A and B",
        "places": "10",
        "fee": "three thousand",
        "vat_applies": "on",
        **dates("applications_open_on", D(2026, 6, 1)),
        **dates("applications_close_on", D(2026, 5, 1)),
    }
    html = error_page(signed_in_staff.post(url, data))
    assert "Enter the fee in pounds, like 3500" in html
    assert 'value="Autumn 2026"' in html
    html = error_page(signed_in_staff.post(url, {**data, "fee": "NaN"}))
    assert "Enter the fee in pounds, like 3500" in html
    html = error_page(signed_in_staff.post(url, {**data, "fee": "3,500", "places": "0"}))
    assert "Enter the number of places of 1 or more" in html
    html = error_page(signed_in_staff.post(url, {**data, "fee": "3,500"}))
    assert "The closing date must be on or after the opening date" in html
    assert Cohort.objects.count() == 1
    data.update(dates("applications_close_on", D(2026, 7, 1)), fee="3,500")
    response = signed_in_staff.post(url, data)
    created = Cohort.objects.get(name="Autumn 2026")
    assert response.url == reverse("accreditation:cohort_detail", args=[created.pk])
    assert (created.fee_pence, created.fee_text) == (350_000, "£3,500 + VAT (£4,200 in all)")


def test_the_cohort_page_and_its_forms(signed_in_staff, cohort, django_assert_max_num_queries):
    for _ in range(6):
        ApplicationFactory(cohort=cohort)
    url = reverse("accreditation:cohort_detail", args=[cohort.pk])
    with django_assert_max_num_queries(16):
        response = signed_in_staff.get(url)
    assertContains(response, "Tuesday 3 March 2026")
    assertContains(response, "Why do you want to lead reviews?")
    assertContains(response, "0 offered")
    assert "still to add" not in response.content.decode()  # four days: the usual course

    day_url = reverse("accreditation:training_day_add", args=[cohort.pk])
    html = error_page(
        signed_in_staff.post(day_url, {**dates("date", D(2026, 2, 20)), "block": "2"})
    )
    assert "Training days come after applications close" in html
    assert TrainingDay.objects.filter(cohort=cohort).count() == 4

    criterion_url = reverse("accreditation:criterion_add", args=[cohort.pk])
    html = error_page(signed_in_staff.post(criterion_url, {"text": "Insight", "max_score": "11"}))
    assert "Enter the top score of 10 or less" in html
    assert cohort.criteria.count() == 2

    question_url = reverse("accreditation:question_add", args=[cohort.pk])
    html = error_page(signed_in_staff.post(question_url, {"text": "Why?"}))
    assert "People have applied already" in html


def test_attendance_of_a_training_day(signed_in_staff, cohort, clock, staff):
    clock.move_to(dt.datetime(2026, 3, 5, 9, tzinfo=dt.UTC))
    signed_in_staff.force_login(staff)  # the sign-in of 10 February has expired
    trainees = [TraineeFactory(application__cohort=cohort) for _ in range(2)]
    day = cohort.training_days.first()
    url = reverse("accreditation:training_attendance", args=[cohort.pk, day.pk])
    assertContains(signed_in_staff.get(url), escape(trainees[0].user.name))
    assert signed_in_staff.post(url, {"people": [trainees[1].pk]}).status_code == 302
    assert list(day.cohort.trainees.filter(attendance__training_day=day)) == [trainees[1]]


def test_scoring_and_deciding_an_application(signed_in_staff, cohort, staff):
    application = ApplicationFactory(cohort=cohort)
    criteria = list(cohort.criteria.all())
    score_url = reverse("accreditation:application_score", args=[application.pk])
    bad = {f"score_{criteria[0].pk}": "9", f"score_{criteria[1].pk}": "two"}
    html = error_page(signed_in_staff.post(score_url, bad))
    assert "Enter the score for criterion 1 of 5 or less" in html
    assert "Enter the score for criterion 2 as a whole number, like 12" in html
    assert not application.scores.exists()
    good = {f"score_{criteria[0].pk}": "4", f"score_{criteria[1].pk}": "3"}
    assert signed_in_staff.post(score_url, good).status_code == 302
    page = signed_in_staff.get(reverse("accreditation:application_detail", args=[application.pk]))
    assertContains(page, "4 of 5")

    decide_url = reverse("accreditation:application_decide", args=[application.pk])
    assertContains(signed_in_staff.get(decide_url), "0 of 2 places are offered")
    html = error_page(signed_in_staff.post(decide_url, {"message": "Kept"}))
    assert "Select the decision" in html
    assert "Kept" in html
    assert signed_in_staff.post(decide_url, {"decision": "offered"}).status_code == 302
    application.refresh_from_db()
    assert application.status == "offered"
    assert application.trainee.status == "in_training"


def test_the_assessment_pages(signed_in_staff, client, cohort, staff, second_staff, review):
    trainee = make_ready(TraineeFactory(application__cohort=cohort), review=review, staff=staff)
    url = reverse("accreditation:assessment", args=[trainee.pk])
    assertContains(signed_in_staff.get(url), "No judgement yet")
    not_ready = TraineeFactory(application__cohort=cohort)
    html = error_page(
        signed_in_staff.post(
            reverse("accreditation:judgement", args=[not_ready.pk]),
            {
                "outcome": "accredited",
                "summative_judgement": "Kept",
                "strengths": "s",
                "areas_to_work_on": "a",
            },
        )
    )
    assert "Not ready to be accredited. Still needed:" in html
    assert "Kept" in html
    evidence_url = reverse("accreditation:evidence_add", args=[trainee.pk])
    html = error_page(signed_in_staff.post(evidence_url, {"description": "Kept"}))
    assert "Select the competency area" in html
    assert "Select the source" in html
    judgement_url = reverse("accreditation:judgement", args=[trainee.pk])
    html = error_page(signed_in_staff.post(judgement_url, {"outcome": "accredited"}))
    assert "Give the overall judgement" in html
    judged = {
        "outcome": "accredited",
        "summative_judgement": "Ready.",
        "strengths": "Conversations.",
        "areas_to_work_on": "Findings.",
    }
    assert signed_in_staff.post(judgement_url, judged).status_code == 302
    moderation_url = reverse("accreditation:moderation", args=[trainee.pk])
    html = error_page(signed_in_staff.post(moderation_url, {"agreed": "yes"}))
    assert "A second assessor moderates" in html
    client.force_login(second_staff)
    assert client.post(moderation_url, {"agreed": "yes"}).status_code == 302
    trainee.refresh_from_db()
    assert trainee.status == "accredited"


def test_sessions_pages_and_booking_for_a_trainee(signed_in_staff, cohort, staff):
    url = reverse("accreditation:session_add")
    html = error_page(
        signed_in_staff.post(url, {"title": "Kept", "venue": "Online", "capacity": "0"})
    )
    assert "Enter the number of places of 1 or more" in html
    assert "Select the facilitator" in html
    assert not SupervisionSession.objects.exists()
    data = {
        **dates("date", D(2026, 3, 24)),
        "title": "Group supervision",
        "venue": "Online",
        "capacity": "1",
        "facilitator": staff.pk,
    }
    assert signed_in_staff.post(url, data).status_code == 302
    session = SupervisionSession.objects.get()
    first, second = (TraineeFactory(application__cohort=cohort) for _ in range(2))
    book = reverse("accreditation:session_book", args=[session.pk])
    assert signed_in_staff.post(book, {"trainee": first.pk}).url == reverse(
        "accreditation:session_detail", args=[session.pk]
    )
    response = signed_in_staff.post(book, {"trainee": second.pk}, follow=True)
    assertContains(response, "This session is full: all 1 places are taken")
    assertContains(signed_in_staff.get(reverse("accreditation:session_list")), "1 of 1")


def test_network_meetings_and_their_attendance(signed_in_staff, staff, clock):
    reviewer = accredit(TraineeFactory().user)
    url = reverse("accreditation:meeting_list")
    html = error_page(signed_in_staff.post(url, {"title": "", "venue": "Online"}))
    assert "Enter the title" in html
    data = {**dates("date", D(2026, 2, 9)), "title": "Network", "venue": "Online"}
    response = signed_in_staff.post(url, data)
    meeting = NetworkMeeting.objects.get()
    assert response.url == reverse("accreditation:meeting_attendance", args=[meeting.pk])
    assert signed_in_staff.post(response.url, {"people": [reviewer.pk]}).status_code == 302
    assert list(meeting.attendance.values_list("accreditation", flat=True)) == [reviewer.pk]


def test_competency_areas_page(signed_in_staff):
    url = reverse("accreditation:competency_areas")
    assertContains(signed_in_staff.get(url), "Appraising practice")
    html = error_page(signed_in_staff.post(url, {"name": ""}))
    assert "Enter the competency area" in html
    assert signed_in_staff.post(url, {"name": "Media"}).status_code == 302
    assertContains(signed_in_staff.get(url), "Media")


def test_the_board_roles_get_none_of_the_staff_pages(client, member, cohort):
    client.force_login(member)
    for name, args in [
        ("accreditation:overview", []),
        ("accreditation:cohort_detail", [cohort.pk]),
        ("accreditation:session_list", []),
        ("accreditation:accreditation_list", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 403
    assert not Application.objects.exists()


def test_the_lists_do_not_grow_in_queries(
    signed_in_staff, cohort, staff, django_assert_max_num_queries
):
    from accreditation.models import SupervisionBooking

    session = SessionFactory(date=D(2026, 3, 10), capacity=20, facilitator=staff)
    for _ in range(8):
        trainee = TraineeFactory(application__cohort=cohort)
        SupervisionBooking.objects.create(session=session, trainee=trainee)
        accredit(UserFactory())
    for name, args in [
        ("accreditation:accreditation_list", []),
        ("accreditation:session_detail", [session.pk]),
        ("accreditation:session_list", []),
        ("accreditation:meeting_list", []),
    ]:
        with django_assert_max_num_queries(12):
            assert signed_in_staff.get(reverse(name, args=args)).status_code == 200


def test_recording_a_reviewer_accredited_before_the_service(
    signed_in_staff, django_capture_on_commit_callbacks, mailoutbox
):
    from accreditation.models import Accreditation

    url = reverse("accreditation:accreditation_add")
    html = error_page(
        signed_in_staff.post(
            url, {"email": "old@example.org", **dates("accredited_on", D(2025, 6, 1))}
        )
    )
    assert "Enter the reviewer&#x27;s full name" in html
    assert not Accreditation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in_staff.post(
            url,
            {
                "name": "Olive Older",
                "email": "old@example.org",
                **dates("accredited_on", D(2025, 6, 1)),
            },
        )
    accreditation = Accreditation.objects.get()
    assert response.url == reverse("accreditation:accreditation_detail", args=[accreditation.pk])
    assert (accreditation.user.name, accreditation.annual_review_due_on) == (
        "Olive Older",
        D(2026, 6, 1),
    )
    assert "Set your password" in mailoutbox[0].body
    html = error_page(
        signed_in_staff.post(
            url, {"email": "old@example.org", **dates("accredited_on", D(2025, 7, 1))}
        )
    )
    assert "Olive Older is accredited already" in html
