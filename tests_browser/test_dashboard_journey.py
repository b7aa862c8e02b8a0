"""A chair opens the board's dashboard from the board page: charts and their tables,
axe-core clean."""

import pytest
from playwright.sync_api import expect

from reviews.tests.factories import decide, log_incident
from tests_browser.steps import go, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_reads_the_dashboard(
    page, live_server, check_accessibility, chair, business_manager, password, board
):
    decide(actor=chair, incident=log_incident(actor=business_manager, board=board))
    log_incident(actor=business_manager, board=board)
    sign_in(page, check_accessibility, live_server, chair, password)
    go(page, check_accessibility, board.name)
    go(page, check_accessibility, "Dashboard: open cases, timeliness, findings and actions")
    expect(page.get_by_role("heading", name="Dashboard", exact=True)).to_be_visible()
    expect(page.get_by_role("img", name="Reviews by stage")).to_be_visible()
    page.get_by_text("Incidents by status as a table").click()
    expect(page.get_by_role("row", name="Awaiting decision 1")).to_be_visible()
    check_accessibility(page)
