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
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work")
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
    sign_in(page, check_accessibility, live_server, business_manager, password)
    # The short clock starts once signed in: signing in checks every page, which under a
    # loaded machine takes longer than the few seconds the test gives the session.
    settings.SESSION_IDLE_TIMEOUT = dt.timedelta(seconds=8)
    settings.SESSION_TIMEOUT_WARNING = dt.timedelta(seconds=5)
    page.goto(live_server.url + "/")
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


def test_changes_to_sign_in_security_and_an_api_token_for_a_system(
    page, live_server, check_accessibility, business_manager, member, password, board
):
    """The business manager makes new recovery codes (a wrong code first: refused), issues a
    token for the board's case system acting as a member, sees the key once and revokes it;
    the member sees it on their own Sign-in security page."""
    from core.models import ApiToken
    from tests_browser.steps import recovery_code_for

    sign_in(page, check_accessibility, live_server, business_manager, password)
    page.get_by_role("link", name="Sign-in security").click()
    page.get_by_label("Security code").fill("000000")
    page.get_by_role("button", name="Make new recovery codes").click()
    expect(page).to_have_title(re.compile("^Error: Sign-in security"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("The security code is not right")
    check_accessibility(page)
    # (A wrong app code slows the app's next code, not the recovery codes.)
    page.get_by_label("Security code").fill(recovery_code_for(business_manager.email))
    page.get_by_role("button", name="Make new recovery codes").click()
    codes = page.get_by_role("list", name="Recovery codes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    check_accessibility(page)
    page.get_by_role("link", name="I have saved my recovery codes: continue").click()

    page.goto(live_server.url + f"/boards/{board.pk}/")
    page.get_by_role("link", name="API access").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API access")
    check_accessibility(page)
    page.get_by_role("button", name="Issue an API token").click()
    page.get_by_role("button", name="Issue token").click()
    expect(page).to_have_title(re.compile("^Error: Issue an API token"))
    check_accessibility(page)
    page.get_by_label("Who the system acts as").select_option(
        label=f"{member.name} ({member.email})"
    )
    page.get_by_label("What the token is for").fill("Case system: nightly export")
    page.get_by_label("How many days it works").fill("30")
    page.get_by_role("button", name="Issue token").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API token issued")
    check_accessibility(page)
    key = page.locator("#api-key").text_content()
    assert ApiToken.objects.get().digest == ApiToken.digest_of(key)
    page.get_by_role("link", name="I have copied the key: continue").click()
    expect(page.get_by_role("table")).to_contain_text("Case system: nightly export")
    assert key not in page.content()
    page.get_by_role("link", name="Revoke Case system: nightly export").click()
    check_accessibility(page)
    page.get_by_role("button", name="Revoke token").click()
    expect(page.get_by_role("table")).to_contain_text("Revoked")
    page.get_by_role("button", name="Sign out").first.click()

    sign_in(page, check_accessibility, live_server, member, password)
    page.get_by_role("link", name="Sign-in security").click()
    expect(page.get_by_role("table")).to_contain_text("Case system: nightly export")
    expect(page.get_by_role("table")).to_contain_text(f"{board.name} only")
    check_accessibility(page)
