"""The business manager records a learning event for a published review, with the people it
reached in two agencies, and sees the reach on the board's dashboard: axe-core clean."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boards.tests.factories import AgencyFactory
from sharing.tests.conftest import a_review, publish
from tests_browser.steps import fill_date, go, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_business_manager_records_a_learning_event_and_sees_its_reach(
    page, live_server, check_accessibility, business_manager, chair, password, board, agency
):
    today = timezone.localdate()
    health = AgencyFactory(board=board, name="Northshire Community Health NHS Trust")
    review = a_review(board, business_manager, chair)
    publish(review, chair=chair, published_on=today - dt.timedelta(days=10))
    reference = review.incident.reference

    sign_in(page, check_accessibility, live_server, business_manager, password)
    go(page, check_accessibility, board.name)
    go(page, check_accessibility, "Sharing the learning: events, briefings and whom they reached")
    go(page, check_accessibility, "Record a learning activity")

    # Nothing chosen: the error summary, and nothing saved.
    page.get_by_role("button", name="Save the activity").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    check_accessibility(page)

    page.get_by_label("Learning event", exact=True).check()
    page.get_by_label("Title").fill("Learning event: information sharing")
    fill_date(page, "Date it was held", today - dt.timedelta(days=2))
    page.get_by_label(reference).check()
    page.get_by_label(f"{agency.name}: people reached").fill("12")
    page.get_by_label(f"{health.name}: people reached").fill("7")
    page.get_by_label("Feedback", exact=True).fill("Practitioners asked for the slides.")
    page.get_by_role("button", name="Save the activity").click()
    check_accessibility(page)
    expect(page.get_by_role("heading", name="Learning event: information sharing")).to_be_visible()
    expect(page.get_by_role("row", name=f"{agency.name} 12")).to_be_visible()
    expect(page.get_by_role("row", name="Total 19")).to_be_visible()

    go(page, check_accessibility, reference)
    expect(page.get_by_role("heading", name="Sharing the learning")).to_be_visible()

    page.goto(live_server.url + f"/boards/{board.pk}/")
    go(page, check_accessibility, "Dashboard: open cases, timeliness, findings and actions")
    expect(page.get_by_text("1 learning activity reached 19 people")).to_be_visible()
    expect(page.get_by_role("img", name="People reached by agency")).to_be_visible()
    page.get_by_text("People reached by agency as a table").click()
    expect(page.get_by_role("row", name=f"{agency.name} 12")).to_be_visible()
    expect(page.get_by_role("row", name=f"{health.name} 7")).to_be_visible()
    check_accessibility(page)
