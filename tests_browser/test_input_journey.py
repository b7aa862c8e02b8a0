"""Issue 16 item 11 in a browser: a pasted text is never cut. The text box says its limit and
counts (GOV.UK character count); past it the form refuses the text whole and shows it again."""

import re

import pytest
from playwright.sync_api import expect

from reviews.models import Incident
from tests_browser.steps import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_long_paste_is_counted_refused_and_kept(
    page, live_server, check_accessibility, business_manager, password, board
):
    sign_in(page, check_accessibility, live_server, business_manager, password)
    page.goto(live_server.url + f"/boards/{board.pk}/incidents/new/")
    check_accessibility(page)
    summary = page.get_by_label("Summary of what happened")
    expect(page.get_by_text("You can enter up to 10,000 characters")).to_be_attached()

    pasted = "A long account of what happened. " * 310  # 10,230 characters
    summary.fill(pasted)
    expect(summary).to_have_value(pasted)  # no maxlength: nothing cut
    expect(page.get_by_text("You have 230 characters too many")).to_be_visible()
    page.get_by_label("Case reference").fill("Child Q")
    page.get_by_role("button", name="Save incident").click()
    check_accessibility(page)

    expect(page).to_have_title(re.compile("^Error: Log"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Summary of what happened must be 10,000 characters or less"
    )
    expect(page.get_by_label("Summary of what happened")).to_have_value(pasted)
    expect(page.get_by_label("Case reference")).to_have_value("Child Q")
    assert not Incident.objects.exists()
