"""A business manager's reminders in real Chromium: the list, opening one, the e-mail setting,
and the board's reminder policy with a bad input first. axe-core on every page."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reminders.models import Reminder, ReminderPolicy
from reminders.services import sweep
from tests_browser.steps import pass_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def overdue_incident(business_manager, board):
    """Aware three weeks ago and the national panel not yet told: the clock is overdue."""
    from reviews.tests.factories import log_incident

    aware = timezone.localdate() - dt.timedelta(days=21)
    incident = log_incident(
        actor=business_manager,
        board=board,
        reference="Child R",
        incident_on=aware - dt.timedelta(days=1),
        la_aware_on=aware,
        notified_on=aware,
    )
    assert sweep() >= 1
    return incident


def test_business_manager_reads_reminders_and_sets_the_policy(
    page, live_server, check_accessibility, business_manager, password, board, overdue_incident
):
    page.goto(live_server.url + "/")
    page.get_by_label("Email address").fill(business_manager.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    check_accessibility(page)
    pass_second_factor(page, check_accessibility, business_manager.email)

    page.get_by_role("link", name=re.compile(r"Your reminders \(\d+ unread\)")).click()
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your reminders")
    sent = page.get_by_role("table", name="Reminders sent to you")
    expect(sent).to_contain_text("Child R: Notify the Child Safeguarding Practice Review Panel")
    expect(sent).to_contain_text("Unread")

    # Opening a reminder marks it read and goes to the incident whose clock it is about.
    sent.get_by_role("link").first.click()
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Child R")
    assert Reminder.objects.filter(status="sent", read_at__isnull=False).count() == 1

    page.goto(live_server.url + "/reminders/")
    page.get_by_role("button", name="Mark all as read").click()
    check_accessibility(page)
    expect(page.get_by_role("link", name=re.compile("unread"))).to_have_count(0)
    page.get_by_label("One e-mail a day listing them").check()
    page.get_by_role("button", name="Save e-mail setting").click()
    check_accessibility(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("one e-mail a day")

    # The board's policy: a bad input keeps the answer and saves nothing; then fixed.
    page.goto(live_server.url + f"/boards/{board.pk}/")
    page.get_by_role("link", name="Reminder policy").click()
    check_accessibility(page)
    field = page.get_by_label("Remind this many working days before a deadline")
    field.fill("five and one")
    page.get_by_role("button", name="Save reminder policy").click()
    check_accessibility(page)
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter whole numbers separated by commas"
    )
    expect(field).to_have_value("five and one")
    assert not ReminderPolicy.objects.exists()

    field.fill("10, 2")
    page.get_by_role("button", name="Save reminder policy").click()
    check_accessibility(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Reminder policy saved")
    assert ReminderPolicy.objects.get(board=board).working_days_before == [10, 2]
