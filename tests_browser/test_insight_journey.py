"""Insight in the browser, axe-core clean on every page.

The business manager opens a review's timeline from the review page (the picture and its
tables), then makes the board's annual learning and improvement report from the board page: it
is queued, rendered as the worker would, and downloaded as a PDF. Accreditation staff open every
board at a glance from the service navigation.
"""

import datetime as dt
import re
from urllib.parse import urljoin

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.tests.factories import UserFactory
from insight import annual, services
from insight.models import AnnualReport
from reviews.tests.factories import decide, log_incident
from tests_browser.steps import go, pdf_worker, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(monkeypatch):
    return pdf_worker(monkeypatch, services, AnnualReport, services.annual_report_run)


@pytest.mark.pdf
def test_the_business_manager_reads_a_timeline_and_makes_the_annual_report(
    page, live_server, check_accessibility, business_manager, chair, password, board, worker
):
    check = check_accessibility
    # The live server runs on the real clock: every date is relative to today.
    start = timezone.localdate() - dt.timedelta(days=60)
    dates = {"incident_on": start, "la_aware_on": start, "notified_on": start}
    incident = log_incident(actor=business_manager, board=board, reference="Child T", **dates)
    decided = start + dt.timedelta(days=5)
    decide(actor=chair, incident=incident, decided_on=decided)
    year = annual.ReportingYear.containing(decided)

    sign_in(page, check, live_server, business_manager, password)
    go(page, check, board.name)
    go(page, check, "Reviews")
    go(page, check, "Child T")
    go(page, check, "Timeline: stages against the statutory clocks")
    expect(page.get_by_role("heading", name="Timeline", exact=True)).to_be_visible()
    expect(page.get_by_role("img", name="Timeline of the review of Child T")).to_be_visible()
    expect(page.get_by_role("table", name="Stages")).to_contain_text("Preparation")
    expect(page.get_by_role("table", name="Statutory clocks")).to_be_visible()

    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name=re.compile("^Your work")
    ).click()
    check(page)
    go(page, check, board.name)
    go(page, check, "Annual learning and improvement reports")
    expect(page.get_by_text("No report has been made yet.")).to_be_visible()
    page.get_by_label("Which reporting year?").select_option(str(year.start))
    page.get_by_role("button", name="Make the report").click()
    check(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"The annual report for {year.label} is queued"
    )
    expect(page.get_by_role("row", name=re.compile(year.label))).to_contain_text("Queued")

    worker()
    go(page, check, "Refresh this page")
    download = page.get_by_role("link", name=f"Download the PDF for {year.label}")
    expect(download).to_be_visible()
    response = page.request.get(urljoin(page.url, download.get_attribute("href")))
    assert response.ok, response.status
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_accreditation_staff_see_every_board_at_a_glance(
    page, live_server, check_accessibility, business_manager, password, board, other_board
):
    check = check_accessibility
    log_incident(actor=business_manager, board=board, reference="Child U")
    staff = UserFactory(name="Sue Pervisor", is_accreditation_staff=True)

    # A board's business manager is not offered it.
    sign_in(page, check, live_server, business_manager, password)
    expect(page.get_by_role("link", name="Boards at a glance")).to_have_count(0)
    sign_out(page)

    sign_in(page, check, live_server, staff, password)
    go(page, check, "Boards at a glance")
    expect(page.get_by_role("heading", name="Boards at a glance", level=1)).to_be_visible()
    table = page.get_by_role("table", name="2 boards")
    expect(table.get_by_role("row", name=re.compile(f"^{board.name}"))).to_be_visible()
    expect(table.get_by_role("row", name=re.compile(f"^{other_board.name}"))).to_be_visible()
    expect(table.get_by_role("row", name=re.compile("^All boards"))).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Child U")
