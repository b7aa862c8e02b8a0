"""The accreditation API: the staff's, through the same services as the pages."""

from django.urls import reverse

from accreditation.models import Accreditation, Cohort, SupervisionSession
from accreditation.tests.factories import ApplicationFactory, ProgrammeFactory


def test_staff_list_and_add_cohorts(api_client_for, staff, cohort):
    client = api_client_for(staff)
    listed = client.get(reverse("api:cohort-list")).json()
    assert listed["count"] == 1
    assert listed["results"][0]["training_days"][0] == "2026-03-03"
    body = {
        "programme": str(cohort.programme_id),
        "name": "Autumn",
        "venue": "Leeds",
        "trainers": "A",
        "places": 8,
        "fee_pence": 350000,
        "vat_applies": True,
        "applications_open_on": "2026-06-01",
        "applications_close_on": "2026-05-01",
    }
    bad = client.post(reverse("api:cohort-list"), body, format="json")
    assert bad.status_code == 400
    assert "applications_close_on" in bad.json()
    body["applications_close_on"] = "2026-07-01"
    assert client.post(reverse("api:cohort-list"), body, format="json").status_code == 201
    assert Cohort.objects.count() == 2
    # The fee and VAT may be left out: the programme's defaults.
    del body["fee_pence"], body["vat_applies"]
    body["name"] = "Winter"
    response = client.post(reverse("api:cohort-list"), body, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["fee_pence"], response.json()["vat_applies"]) == (350000, True)


def test_staff_decide_applications_within_the_places(api_client_for, staff, cohort):
    client = api_client_for(staff)
    applications = [ApplicationFactory(cohort=cohort) for _ in range(3)]
    listed = client.get(reverse("api:application-list"), {"cohort": str(cohort.pk)}).json()
    assert listed["count"] == 3
    for application in applications[:2]:
        url = reverse("api:application-detail", args=[application.pk])
        response = client.patch(url, {"status": "offered"}, format="json")
        assert response.status_code == 200, response.json()
    url = reverse("api:application-detail", args=[applications[2].pk])
    refused = client.patch(url, {"status": "offered"}, format="json")
    assert refused.status_code == 400
    assert "All 2 places are offered" in refused.json()["decision"][0]


def test_staff_add_sessions_and_accredit(api_client_for, staff, applicant, clock):
    client = api_client_for(staff)
    session = {
        "date": "2026-04-01",
        "title": "Group supervision",
        "venue": "Online",
        "capacity": 6,
        "facilitator": str(staff.pk),
    }
    assert (
        client.post(reverse("api:supervision-session-list"), session, format="json").status_code
        == 201
    )
    assert SupervisionSession.objects.get().capacity == 6
    response = client.post(
        reverse("api:accreditation-list"),
        {"user": str(applicant.pk), "accredited_on": "2026-02-02"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["annual_review_due_on"] == "2027-02-02"
    assert Accreditation.objects.get().user == applicant
    bad = client.post(
        reverse("api:accreditation-list"),
        {"user": str(applicant.pk), "accredited_on": "0001-01-01"},
        format="json",
    )
    assert bad.status_code == 400


def test_nobody_but_staff(api_client_for, business_manager, applicant, cohort):
    application = ApplicationFactory(cohort=cohort, applicant=applicant)
    for user in (business_manager, applicant):
        client = api_client_for(user)
        assert client.get(reverse("api:cohort-list")).status_code == 403
        assert client.get(reverse("api:accreditation-list")).status_code == 403
        detail = reverse("api:application-detail", args=[application.pk])
        assert client.patch(detail, {"status": "offered"}, format="json").status_code == 403
    application.refresh_from_db()
    assert application.status == "submitted"


def test_staff_send_an_application_on_someones_behalf(api_client_for, staff, applicant, cohort):
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    from accreditation.models import Application
    from accreditation.tests.test_uploads import EXE, PDF

    client = api_client_for(staff)
    answers = json.dumps({str(q.pk): "By post." for q in cohort.questions.all()})
    body = {"cohort": str(cohort.pk), "applicant": str(applicant.pk), "answers": answers}
    bad = client.post(
        reverse("api:application-list"),
        {**body, "cv": SimpleUploadedFile("cv.pdf", EXE)},
        format="multipart",
    )
    assert bad.status_code == 400
    assert "cv" in bad.json()
    assert not Application.objects.exists()
    good = client.post(
        reverse("api:application-list"),
        {**body, "cv": SimpleUploadedFile("cv.pdf", PDF)},
        format="multipart",
    )
    assert good.status_code == 201, good.json()
    assert Application.objects.get().applicant == applicant


def test_staff_correct_and_withdraw_a_cohort(api_client_for, staff, cohort):
    from accreditation.services import applications

    client = api_client_for(staff)
    url = reverse("api:cohort-detail", args=[cohort.pk])
    applications.application_decide(
        actor=staff, application=ApplicationFactory(cohort=cohort), decision="offered"
    )
    refused = client.patch(url, {"places": 0, "fee_pence": 1}, format="json")
    assert refused.status_code == 400
    assert set(refused.json()) == {"places", "fee_pence"}
    moved = client.patch(url, {"programme": str(ProgrammeFactory(name="Other").pk)}, format="json")
    assert (moved.status_code, list(moved.json())) == (400, ["programme"])
    cohort.refresh_from_db()
    assert (cohort.places, cohort.fee_pence) == (2, 350_000)
    response = client.patch(url, {"venue": "Leeds", "places": 5}, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["venue"], response.json()["places"]) == ("Leeds", 5)

    assert client.delete(url, {}, format="json").status_code == 400  # no reason
    held = client.delete(url, {"reason": "Too few applicants"}, format="json")
    assert held.status_code == 400
    assert "trainees hold places" in held.json()["non_field_errors"][0]
    assert Cohort.objects.filter(pk=cohort.pk).exists()


def test_staff_correct_and_withdraw_a_session(api_client_for, staff, clock):
    from accreditation.tests.factories import SessionFactory

    client = api_client_for(staff)
    session = SessionFactory(date="2026-03-03", capacity=4, facilitator=staff)
    url = reverse("api:supervision-session-detail", args=[session.pk])
    assert client.patch(url, {"capacity": 0}, format="json").status_code == 400
    response = client.patch(url, {"date": "2026-03-04", "venue": "Leeds"}, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["date"], response.json()["venue"]) == ("2026-03-04", "Leeds")
    assert client.delete(url, {"reason": ""}, format="json").status_code == 400
    assert client.delete(url, {"reason": "The room is lost"}, format="json").status_code == 204
    assert client.get(url).status_code == 404
    assert client.get(reverse("api:supervision-session-list")).json()["count"] == 0
    assert SupervisionSession.all_objects.get().withdrawal_reason == "The room is lost"


def test_nobody_but_staff_corrects_or_withdraws(
    api_client_for, applicant, business_manager, cohort
):
    for user in (business_manager, applicant):
        client = api_client_for(user)
        url = reverse("api:cohort-detail", args=[cohort.pk])
        assert client.patch(url, {"places": 9}, format="json").status_code == 403
        assert client.delete(url, {"reason": "No"}, format="json").status_code == 403
    cohort.refresh_from_db()
    assert (cohort.places, cohort.is_withdrawn) == (2, False)


def test_the_accreditations_page_in_a_stable_order(api_client_for, staff):
    from accreditation.tests.factories import accredit
    from core.tests.factories import UserFactory
    from core.tests.paging import assert_api_paged

    def add(n):
        for _ in range(n):  # namesakes, accredited the same day
            accredit(UserFactory(name="Sam Jones"))

    assert_api_paged(api_client_for(staff), reverse("api:accreditation-list"), add=add)
