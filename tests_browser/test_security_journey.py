"""Signing in with a second factor and the GOV.UK timeout warning, in real Chromium."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests_browser.steps import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_first_sign_in_sets_up_an_authenticator_and_the_next_asks_for_a_code(
    page, live_server, check_accessibility, business_manager, password, board
):
    sign_in(page, check_accessibility, live_server, business_manager, password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your boards")
    page.get_by_role("link", name="Sign-in security").click()
    check_accessibility(page)
    expect(page.get_by_text("You have 10 recovery codes left")).to_be_visible()
    page.get_by_role("button", name="Sign out").first.click()

    page.goto(live_server.url + "/sign-in/")
    page.get_by_label("Email address").fill(business_manager.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title(re.compile("^Enter your security code"))
    check_accessibility(page)
    page.get_by_label("Security code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    check_accessibility(page)
    expect(page).to_have_title(re.compile("^Error: Enter your security code"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("The security code is not right")
    page.goto(live_server.url + f"/boards/{board.pk}/")
    expect(page).to_have_title(re.compile("^Enter your security code"))


def test_the_timeout_warning_keeps_the_session_or_signs_out(
    page, live_server, check_accessibility, settings, business_manager, password
):
    settings.SESSION_IDLE_TIMEOUT = dt.timedelta(seconds=8)
    settings.SESSION_TIMEOUT_WARNING = dt.timedelta(seconds=5)
    sign_in(page, check_accessibility, live_server, business_manager, password)
    dialog = page.get_by_role("dialog", name="You’re about to be signed out")
    expect(dialog).to_be_visible(timeout=8000)
    check_accessibility(page)
    expect(dialog.get_by_role("button", name="Stay signed in")).to_be_focused()
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    # Warned again, and signed out when the time is up.
    expect(dialog).to_be_visible(timeout=8000)
    expect(page).to_have_title(re.compile("^Sign in"), timeout=10000)
    check_accessibility(page)
    expect(page.get_by_text("You were signed out because you had not used")).to_be_visible()
    page.goto(live_server.url + "/")
    expect(page).to_have_title(re.compile("^Sign in"))
