"""Wales's single unified safeguarding review: the business manager of a regional board sets
the board's own time for the chair's decision (no source gives one), logs a referral of a
domestic homicide, and the chair decides to hold a SUSR. axe-core checks every page."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boards.models import Board
from boards.tests.factories import BoardFactory
from deadlines.models import Deadline
from reviews.models import Incident, Review
from tests_browser.test_incident_journey import fill_date, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def board(db):
    return BoardFactory(
        name="Cwm Ffynnon Regional Safeguarding Board",
        kind=Board.Kind.ADULTS,
        nation=Board.Nation.WALES,
        regime=Board.Regime.WALES_SUSR_2024,
    )


def test_a_welsh_board_from_referral_to_the_susr_decision_and_review(
    page, live_server, check_accessibility, business_manager, chair, password, board
):
    check = check_accessibility
    today = timezone.localdate()
    aware = today - dt.timedelta(days=3)
    sign_in(page, check, live_server, business_manager.email, password)
    page.get_by_role("link", name=board.name).click()
    check(page)
    times = page.get_by_role("table", name="Timescales the board sets")
    expect(times).to_contain_text("Not set")
    times.get_by_role("link", name=re.compile("^Set the chair decides")).click()
    check(page)
    expect(
        page.get_by_text(re.compile("No timescale was found in the SUSR guidance"))
    ).to_be_visible()

    # Nothing typed: the error summary says what is missing, and nothing is saved.
    page.get_by_role("button", name="Save timescale").click()
    check(page)
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the length")
    page.get_by_label("Length").fill("20")
    page.get_by_label("Working days", exact=True).check()
    page.get_by_label("Why the board chose this time").fill("Board meeting of 2 March, minute 7.")
    page.get_by_role("button", name="Save timescale").click()
    check(page)
    expect(times).to_contain_text("20 working days (set by the board)")

    page.get_by_role("link", name="Log a notified incident").click()
    check(page)
    page.get_by_label("Case reference").fill("Adult W")
    page.get_by_label("Adult", exact=True).check()
    fill_date(page, "Date of the incident", aware)
    fill_date(page, "Date the local authority became aware", aware)
    fill_date(page, "Date the board was notified", aware)
    page.get_by_label("Who notified the board").fill("Referral form from the police")
    page.get_by_label("Abuse or neglect is known or suspected").check()
    page.get_by_label("The child or adult died").check()
    page.get_by_label("Aged 16 or over, died from violence").check()
    page.get_by_role("button", name="Save incident").click()
    check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Adult W")
    expect(page.get_by_text("Must initiate a review.")).to_be_visible()
    expect(
        page.get_by_text(
            re.compile(
                "meets the criteria for an adult practice review and a domestic homicide review"
            )
        )
    ).to_be_visible()
    clocks = page.get_by_role("table", name=re.compile("Statutory deadlines"))
    expect(clocks).to_contain_text("The chair of the board decides whether a SUSR will occur")
    expect(clocks).not_to_contain_text("wales-susr-2024.decision")
    incident = Incident.objects.get()
    decision = Deadline.objects.get(case_id=incident.pk, clock="decision")
    assert decision.due_on > aware
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, check, live_server, chair.email, password)
    page.goto(live_server.url + f"/boards/{board.pk}/incidents/{incident.pk}/")
    check(page)
    page.get_by_role("button", name="Record the decision").click()
    check(page)
    page.get_by_label("Initiate a statutory review: single unified safeguarding review").check()
    page.get_by_label("Reasons for the decision").fill(
        "The case review group met: the criteria of an adult practice review and a domestic "
        "homicide review are met."
    )
    fill_date(page, "Date the case review group met", today)
    fill_date(page, "Date of the decision", today)
    page.get_by_role("button", name="Record decision").click()
    check(page)
    expect(page.locator(".govuk-notification-banner").first).to_contain_text(
        "Decision recorded: initiate a statutory review"
    )
    review = Review.objects.get()
    assert review.review_type == "susr"
    decision.refresh_from_db()
    assert decision.met_on == today
    page.goto(live_server.url + f"/boards/{board.pk}/reviews/{review.pk}/")
    check(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Adult W")
