"""A business manager logs an incident and sees its deadlines; the chair decides; the review
appears. axe-core checks every page on the way."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reviews.models import Incident, Review
from tests_browser.steps import pass_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, check, live_server, email, password):
    page.goto(live_server.url + "/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    check(page)
    pass_second_factor(page, check, email)


def fill_date(page, legend, day):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_log_an_incident_then_the_chair_decides(
    page,
    browser,
    live_server,
    check_accessibility,
    business_manager,
    chair,
    password,
    board,
    agency,
):
    today = timezone.localdate()
    aware = today - dt.timedelta(days=3)
    sign_in(page, check_accessibility, live_server, business_manager.email, password)
    page.get_by_role("link", name=board.name).click()
    check_accessibility(page)
    page.get_by_role("link", name="Log a notified incident").click()
    check_accessibility(page)

    # A notification date before awareness is refused, naming the field; nothing is saved.
    page.get_by_label("Case reference").fill("Child Q")
    page.get_by_label("Child", exact=True).check()
    fill_date(page, "Date of the incident", aware - dt.timedelta(days=1))
    fill_date(page, "Date the local authority became aware", aware)
    fill_date(page, "Date the board was notified", aware - dt.timedelta(days=1))
    page.get_by_label("Who notified the board").fill("Children's services")
    page.get_by_label("Abuse or neglect is known or suspected").check()
    page.get_by_label("The child or adult died").check()
    page.get_by_label(agency.name).check()
    page.get_by_role("button", name="Save incident").click()
    check_accessibility(page)
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "on or after the date the local authority became aware"
    )
    expect(page.get_by_label("Case reference")).to_have_value("Child Q")
    assert not Incident.objects.exists()

    fill_date(page, "Date the board was notified", aware)
    page.get_by_role("button", name="Save incident").click()
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Child Q")
    expect(page.get_by_text("May initiate a review.")).to_be_visible()
    clocks = page.get_by_role("table", name=re.compile("Statutory deadlines"))
    expect(clocks).to_contain_text("Notify the Child Safeguarding Practice Review Panel")
    expect(clocks).to_contain_text("Children Act 2004 s16C; Working Together 2023 chapter 5")
    expect(clocks).not_to_contain_text("partners-2023.notify_panel")

    page.get_by_role("button", name="Record a notification").click()
    check_accessibility(page)
    page.get_by_label("National panel").check()
    fill_date(page, "Date sent", aware)
    page.get_by_role("button", name="Save notification").click()
    check_accessibility(page)
    expect(clocks).to_contain_text("Complete the rapid review")

    page.get_by_role("link", name="Back to incidents").click()
    check_accessibility(page)
    page.goto(live_server.url + f"/boards/{board.pk}/deadlines/")
    check_accessibility(page)
    expect(page.get_by_role("table")).to_contain_text("Child Q")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, check_accessibility, live_server, chair.email, password)
    incident = Incident.objects.get()
    page.goto(live_server.url + f"/boards/{board.pk}/incidents/{incident.pk}/")
    check_accessibility(page)
    page.get_by_role("button", name="Record the decision").click()
    check_accessibility(page)
    page.get_by_label("Initiate a statutory review").check()
    page.get_by_role("button", name="Record decision").click()
    check_accessibility(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the reasons for the decision"
    )

    page.get_by_label("Local child safeguarding practice review").check()
    page.get_by_label("Reasons for the decision").fill("A serious child safeguarding case.")
    fill_date(page, "Date of the decision", today)
    page.get_by_role("button", name="Record decision").click()
    check_accessibility(page)
    expect(page.locator(".govuk-notification-banner").first).to_contain_text(
        "Decision recorded: initiate a statutory review"
    )
    expect(page.get_by_text("Local child safeguarding practice review initiated")).to_be_visible()
    assert Review.objects.get().review_type == "lcspr"
