"""The bank of completed reports: a business manager adds a published report, the worker reads
it, they confirm the themes its words suggest; a lead reviewer of another board finds it by a
theme and by a phrase, the phrase in the learning library's search beside its findings. axe-core
clean on every page."""

import pytest
from playwright.sync_api import expect

from bank import tasks
from bank.models import BankedReport
from bank.tests.test_services import NEGLECT_REPORT
from boards.models import Membership
from boards.tests.factories import BoardFactory, MembershipFactory
from core.tests.test_document_text import weasyprint_pdf
from tests_browser.steps import go, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.pdf, pytest.mark.django_db(transaction=True)]

TITLE = "Child Q: a local child safeguarding practice review"


def test_a_report_added_by_one_board_is_found_by_another(
    page, live_server, check_accessibility, business_manager, password, board, tmp_path
):
    reviewer = MembershipFactory(
        board=BoardFactory(name="Southshire"), role=Membership.Role.LEAD_REVIEWER
    ).user
    report_file = tmp_path / "child-q.pdf"
    report_file.write_bytes(weasyprint_pdf(NEGLECT_REPORT))

    sign_in(page, check_accessibility, live_server, business_manager, password)
    go(page, check_accessibility, "Learning library")
    go(page, check_accessibility, "Search the bank of completed reports too")
    page.get_by_role("link", name="Add a report").click()
    check_accessibility(page)
    # Nothing chosen: the error summary says what is missing, and the page keeps what was typed.
    page.get_by_label("Title of the report").fill(TITLE)
    page.get_by_role("button", name="Add the report").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the board that published")
    expect(page.get_by_label("Title of the report")).to_have_value(TITLE)
    check_accessibility(page)
    page.get_by_label(board.name).check()
    page.get_by_label("Board that published it").fill("Northshire Safeguarding Partnership")
    page.get_by_label("Year published").fill("2024")
    page.get_by_label("Type of review").select_option("lcspr")
    page.get_by_label("The report as a PDF").set_input_files(str(report_file))
    page.get_by_role("button", name="Add the report").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("Not in the bank yet")).to_be_visible()
    check_accessibility(page)

    tasks.read_report(str(BankedReport.objects.get().pk))  # the worker
    page.reload()
    expect(page.get_by_text("Suggested by its words: Neglect, Information sharing")).to_be_visible()
    page.get_by_role("link", name="Confirm its themes").click()
    check_accessibility(page)
    expect(page.get_by_label("Neglect", exact=True)).to_be_checked()
    page.get_by_role("button", name="Confirm and add it to the bank").click()
    expect(page.get_by_text("The report is in the bank")).to_be_visible()
    check_accessibility(page)
    sign_out(page)

    # A lead reviewer of another board: by a theme in the bank, by a phrase in the library.
    sign_in(page, check_accessibility, live_server, reviewer, password)
    go(page, check_accessibility, "Learning library")
    go(page, check_accessibility, "Search the bank of completed reports too")
    page.get_by_label("Theme").select_option(label="Neglect")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    check_accessibility(page)
    go(page, check_accessibility, "Search the findings of the learning library")
    page.get_by_label("Search findings").fill("information sharing")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("1 report in the bank of completed reports")).to_be_visible()
    expect(page.get_by_text("information sharing between them and the police")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("link", name="Download child-q.pdf (PDF)")).to_be_visible()
    check_accessibility(page)
