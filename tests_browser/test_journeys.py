"""Journeys of a business manager and a platform admin through the real pages."""

import re

import pytest
from playwright.sync_api import expect

from boards.models import Agency, Board
from tests_browser.steps import pass_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def visit(page, live_server, check_accessibility):
    """Go to a path of the live server and check the page with axe-core."""

    def go(path="/"):
        page.goto(live_server.url + path)
        check_accessibility(page)
        return page

    return go


def sign_in(page, check_accessibility, email, password):
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    check_accessibility(page)
    pass_second_factor(page, check_accessibility, email)


def test_business_manager_signs_in_sees_boards_and_adds_an_agency(
    visit, page, check_accessibility, business_manager, password, board, other_board
):
    visit("/")
    expect(page).to_have_title(re.compile("^Sign in"))

    # A wrong password first: the GOV.UK error summary, focused, linking to the field.
    sign_in(page, check_accessibility, business_manager.email, "wrong password")
    expect(page).to_have_title(re.compile("^Error: Sign in"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a correct email address and password"
    )

    sign_in(page, check_accessibility, business_manager.email, password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work")
    row = page.get_by_role("row", name=re.compile(board.name))
    expect(row).to_contain_text("Business manager")
    expect(page.get_by_text(other_board.name)).to_have_count(0)

    page.get_by_role("link", name=board.name).click()
    check_accessibility(page)
    page.get_by_role("button", name="Add a partner agency").click()
    check_accessibility(page)

    # Bad input: an error summary, the answers kept, nothing saved.
    page.get_by_label("Agency name").fill("")
    page.get_by_label("Sector").select_option("police")
    page.get_by_role("button", name="Save agency").click()
    check_accessibility(page)
    expect(page).to_have_title(re.compile("^Error: Add a partner agency"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Enter the agency's name").click()
    expect(page.get_by_label("Agency name")).to_be_focused()
    expect(page.get_by_label("Sector")).to_have_value("police")
    assert not Agency.objects.exists()

    # Fixed: saved, and the board page says so.
    page.get_by_label("Agency name").fill("Northshire Constabulary")
    page.get_by_role("button", name="Save agency").click()
    check_accessibility(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Agency added: Northshire Constabulary"
    )
    expect(page.get_by_role("cell", name="Northshire Constabulary", exact=True)).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    check_accessibility(page)
    expect(page).to_have_title(re.compile("^Sign in"))


def test_platform_admin_creates_a_board_and_adds_its_chair(
    visit, page, check_accessibility, platform_admin, password
):
    visit("/")
    sign_in(page, check_accessibility, platform_admin.email, password)
    page.get_by_role("button", name="Create a board").click()
    check_accessibility(page)

    page.get_by_label("Board name").fill("Westshire Safeguarding Children Partnership")
    page.get_by_label("Children", exact=True).check()
    page.get_by_label("Wales", exact=True).check()
    page.get_by_label("Safeguarding partners (Working Together 2018 and 2023)").check()
    page.get_by_label("Business manager's full name").fill("Wes Manager")
    page.get_by_label("Business manager's email address").fill("wes@example.org")
    page.get_by_role("button", name="Create board").click()
    check_accessibility(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("A board for children in Wales")
    expect(page.get_by_label("Board name")).to_have_value(
        "Westshire Safeguarding Children Partnership"
    )
    assert not Board.objects.exists()

    page.get_by_label("England", exact=True).check()
    page.get_by_role("button", name="Create board").click()
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Westshire Safeguarding Children Partnership"
    )
    expect(page.get_by_role("cell", name="wes@example.org", exact=True)).to_be_visible()

    page.get_by_role("button", name="Add a member").click()
    check_accessibility(page)
    page.get_by_label("Email address", exact=True).fill("chair@westshire.example")
    page.get_by_label("Full name").fill("Cleo Chair")
    page.get_by_label("Chair", exact=True).check()
    page.get_by_role("button", name="Add member").click()
    check_accessibility(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Cleo Chair added as chair")

    for path in ["/boards/", "/service-status/", "/accessibility/", "/privacy/"]:
        visit(path)


def test_pages_work_without_javascript(browser, live_server, business_manager, password, board):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_label("Email address").fill(business_manager.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor(page, lambda page: None, business_manager.email)
    page.get_by_role("link", name=board.name).click()
    page.get_by_role("button", name="Add a partner agency").click()
    page.get_by_role("button", name="Save agency").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the agency's sector")
    page.get_by_label("Agency name").fill("Riverside School")
    page.get_by_label("Sector").select_option("education")
    page.get_by_role("button", name="Save agency").click()
    expect(page.get_by_role("cell", name="Riverside School", exact=True)).to_be_visible()
    context.close()
