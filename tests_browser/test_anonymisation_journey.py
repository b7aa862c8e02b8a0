"""Finding 1 of issue 16, as the new user met it: a real name reached a signed-off final PDF.

A chronology entry names a practitioner; the anonymisation check flags it; the practitioner is
taken off the case group (now a withdrawal, confirmed, with a reason); the check still finds
the name, because it reads every name ever recorded for the case; the chair's sign-off is
refused with the place of the name. The same through the API. The entry is then corrected
(with its history) and the report signs off. axe-core checks every page on the way.
"""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from rest_framework.test import APIClient

from accreditation.tests.factories import accredit
from boards.tests.factories import MembershipFactory
from core.tests.factories import UserFactory, api_key_for
from publication import sample
from publication.models import Report
from publication.services import reports
from reviews.models import ChronologyEntry, Review, ReviewParticipant
from reviews.services.reviews import reviewer_appoint
from reviews.tests.factories import decide, log_incident
from tests_browser.steps import fill_date, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PRACTITIONER = "Fiona Castellane"  # a case group member of the sample review (a social worker)


def save(page, check, button):
    page.get_by_role("button", name=button, exact=True).click()
    check(page)


def test_a_name_cannot_be_taken_out_of_the_check(
    page,
    live_server,
    check_accessibility,
    business_manager,
    chair,
    password,
    board,
    agency,
    monkeypatch,
):
    check = check_accessibility
    # Signing off queues the final PDFs; no worker runs here (test_publication_journey has one).
    monkeypatch.setattr(reports, "_enqueue", lambda rendering_id: None)
    today = timezone.localdate()
    start = today - dt.timedelta(days=90)
    incident = log_incident(
        actor=business_manager,
        board=board,
        reference="Child Q",
        agencies=[agency],
        incident_on=start,
        la_aware_on=start,
        notified_on=start,
    )
    decide(actor=chair, incident=incident, decided_on=start + dt.timedelta(days=5))
    review = Review.objects.get()
    lead = MembershipFactory(board=board, role="lead_reviewer", user__name="Lena Lead").user
    accredit(lead)
    reviewer_appoint(
        actor=business_manager,
        review=review,
        user=lead,
        role="lead",
        independence_declared=True,
        appointed_on=review.initiated_on,
    )
    supervisor = UserFactory(name="Sue Pervisor", is_accreditation_staff=True)
    review.supervisor = supervisor
    review.save()
    report = sample.fill_review(review, supervisor=supervisor, chair=chair)
    sample.approve(report, supervisor=supervisor, chair=chair)
    review_url = f"{live_server.url}/boards/{board.pk}/reviews/{review.pk}/"

    # The business manager adds a chronology entry that names the practitioner.
    sign_in(page, check, live_server, business_manager, password)
    page.goto(review_url + "chronology/")
    check(page)
    page.get_by_role("button", name="Add an entry").click()
    check(page)
    page.get_by_label("Agency").select_option(label=agency.name)
    fill_date(page, "Date", start - dt.timedelta(days=20))
    page.get_by_label("What happened").fill(f"{PRACTITIONER} visited the home; it was cold.")
    save(page, check, "Add entry")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Chronology entry added")
    day = start - dt.timedelta(days=20)  # a day no entry of the sample chronology has
    place = f"Chronology: {day:%-d %B %Y}"

    # The check finds the name; the business manager takes the practitioner off the case group.
    page.goto(review_url + "report/")
    check(page)
    names = page.get_by_role("table", name="Where the real names are")
    expect(names).to_contain_text(place)
    expect(names).to_contain_text("a member of the case group")
    page.goto(review_url + "people/")
    check(page)
    page.get_by_role("link", name=f"Withdraw {PRACTITIONER}").click()
    check(page)
    expect(page.get_by_role("heading", name=f"Withdraw {PRACTITIONER}?")).to_be_visible()
    expect(page.get_by_text("reports are still checked for their name")).to_be_visible()
    save(page, check, f"Withdraw {PRACTITIONER}")  # without a reason: refused, nothing done
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why you are withdrawing it")
    assert ReviewParticipant.objects.filter(name=PRACTITIONER).exists()
    page.get_by_label("Why are you withdrawing it?").fill("Not part of the case group after all")
    save(page, check, f"Withdraw {PRACTITIONER}")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been withdrawn")
    expect(page.get_by_text("Not part of the case group after all")).to_be_attached()
    assert not ReviewParticipant.objects.filter(name=PRACTITIONER).exists()

    # The check still finds the name.
    page.goto(review_url + "report/")
    check(page)
    expect(page.get_by_role("table", name="Where the real names are")).to_contain_text(place)
    sign_out(page)

    # The chair's sign-off is refused, with the place of the name.
    sign_in(page, check, live_server, chair, password)
    page.goto(review_url + "report/")
    check(page)
    save(page, check, "Sign off as final")
    refusal = page.locator(".govuk-error-summary")
    expect(refusal).to_contain_text("the anonymisation check found 1 real name, in: " + place)
    expect(refusal).not_to_contain_text(PRACTITIONER)
    assert Report.objects.get().status == Report.Status.BOARD_APPROVED
    sign_out(page)

    # The same through the API.
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_key_for(chair)}")
    found = api.get(f"/api/v1/reviews/{review.pk}/report/check/").json()
    assert [(m["place"], m["role"]) for m in found["matches"]] == [
        (place, "a member of the case group")
    ]
    refused = api.post(f"/api/v1/reviews/{review.pk}/report/sign-off/", format="json")
    assert refused.status_code == 400
    assert place in refused.json()["non_field_errors"][0]
    assert PRACTITIONER not in refused.content.decode()

    # The business manager corrects the entry; its history keeps what it said.
    sign_in(page, check, live_server, business_manager, password)
    page.goto(review_url + "chronology/")
    check(page)
    page.get_by_role("link", name=f"Change the entry of {day:%-d %B %Y}").click()
    check(page)
    page.get_by_label("What happened").fill("The social worker visited the home; it was cold.")
    save(page, check, "Save changes")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Chronology entry changed")
    entry = ChronologyEntry.objects.get(occurred_on=day)
    assert PRACTITIONER in entry.history.order_by("history_id").first().entry
    sign_out(page)

    # Now the chair signs it off.
    sign_in(page, check, live_server, chair, password)
    page.goto(review_url + "report/")
    check(page)
    expect(page.get_by_text("No real names found")).to_be_visible()
    save(page, check, "Sign off as final")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The report is signed off as final"
    )
