"""A business manager assesses a review against the quality markers, is told which markers
are not judged yet, completes the assessment and downloads it for scrutiny: axe-core clean."""

import io
from urllib.parse import urljoin

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from reviews.tests.factories import decide, log_incident
from tests_browser.steps import go, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_business_manager_completes_and_exports_a_self_assessment(
    page, live_server, check_accessibility, chair, business_manager, password, board, agency
):
    incident = log_incident(actor=business_manager, board=board, reference="Child QM")
    decide(actor=chair, incident=incident)
    review = incident.review
    review.agency_requests.create(
        agency=agency,
        details="Records",
        requested_on="2026-04-01",
        due_on="2026-04-15",
        received_on="2026-04-20",
    )
    sign_in(page, check_accessibility, live_server, business_manager, password)
    page.goto(f"{live_server.url}/boards/{board.pk}/reviews/{review.pk}/")
    check_accessibility(page)
    go(page, check_accessibility, "Quality markers self-assessment")
    expect(page.get_by_role("heading", name="Quality markers", exact=True)).to_be_visible()
    go(page, check_accessibility, "Start a self-assessment")
    page.get_by_role("button", name="Start the self-assessment").click()
    check_accessibility(page)
    expect(page.get_by_text("The self-assessment has started")).to_be_visible()
    expect(page.get_by_text("0 of 1 agency return came in by its due date.")).to_be_visible()

    # The first marker: what the service holds, copied into the evidence.
    page.get_by_role("link", name="Judge Referral").click()
    check_accessibility(page)
    page.get_by_role("button", name="Save the judgement").click()
    check_accessibility(page)
    expect(page.get_by_role("alert")).to_contain_text("Select whether the marker is met")
    page.get_by_label("Partly met").check()
    page.get_by_label("Add what the service holds about this marker to the evidence").check()
    page.get_by_role("button", name="Save the judgement").click()
    check_accessibility(page)
    expect(page.get_by_text("Judgement saved: Referral")).to_be_visible()

    go(page, check_accessibility, "Complete the self-assessment")
    page.get_by_role("button", name="Complete the self-assessment").click()
    check_accessibility(page)
    expect(page.get_by_role("alert")).to_contain_text("2. Decision making")

    quality_url = f"{live_server.url}/boards/{board.pk}/reviews/{review.pk}/quality/"
    page.goto(quality_url)
    markers = page.locator(".govuk-summary-card__action a")
    links = [markers.nth(i).get_attribute("href") for i in range(markers.count())]
    assert len(links) == 18
    for href in links[1:]:
        page.goto(urljoin(quality_url, href))
        page.get_by_label("Met", exact=True).check()
        page.get_by_label("The board's evidence").fill("Minutes of the board, case reference only.")
        page.get_by_role("button", name="Save the judgement").click()
        expect(page.get_by_text("Judgement saved")).to_be_visible()
    check_accessibility(page)

    go(page, check_accessibility, "Complete the self-assessment")
    page.get_by_role("button", name="Complete the self-assessment").click()
    check_accessibility(page)
    expect(page.get_by_text("The self-assessment is completed")).to_be_visible()

    download = page.get_by_role("link", name="Download the spreadsheet")
    response = page.request.get(urljoin(page.url, download.get_attribute("href")))
    assert response.ok
    workbook = load_workbook(io.BytesIO(response.body()))
    rows = list(workbook["Markers"].iter_rows(values_only=True))
    assert len(rows) == 19
    assert rows[1][4] == "Partly met"
    assert "The board was told on" in rows[1][5]
    go(page, check_accessibility, "Printable version")
    expect(page.get_by_role("heading", name="Quality markers self-assessment")).to_be_visible()
