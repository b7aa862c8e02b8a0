"""A business manager imports a folder of published reports into the bank: the upload page
with its columns, the import's progress and its report of each row, axe-core clean."""

import zipfile

import pytest
from playwright.sync_api import expect

from bank import tasks
from bank.tests.test_imports import a_csv, line, pdf
from tests_browser.steps import go, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.pdf, pytest.mark.django_db(transaction=True)]


def test_a_business_manager_imports_a_folder_of_reports(
    page, live_server, check_accessibility, business_manager, password, board, tmp_path, monkeypatch
):
    # The worker does not run in the browser tests: what the page queues is kept here.
    queued = []
    monkeypatch.setattr("bank.tasks.run_import.delay", queued.append)
    monkeypatch.setattr("bank.tasks.read_report.delay", tasks.read_report)
    with zipfile.ZipFile(tmp_path / "reports.zip", "w") as archive:
        archive.writestr("reports/report-1.pdf", pdf(1))
        archive.writestr(
            "reports/details.csv",
            a_csv(line(file="report-1.pdf", themes="neglect"), line(file="missing.pdf")),
        )

    sign_in(page, check_accessibility, live_server, business_manager, password)
    page.goto(f"{live_server.url}/bank/")
    go(page, check_accessibility, "Import many reports")
    go(page, check_accessibility, "Import reports")
    page.locator("summary", has_text="The CSV's columns").click()
    expect(page.get_by_role("row", name="published_by")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("button", name="Upload and import").click()  # nothing chosen
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("A ZIP of the reports' PDFs").set_input_files(str(tmp_path / "reports.zip"))
    page.get_by_role("button", name="Upload and import").click()
    expect(page.get_by_text("Waiting to start")).to_be_visible()
    expect(page.get_by_text("0 of 2 done, 2 to do")).to_be_visible()
    check_accessibility(page)

    assert len(queued) == 1
    tasks.run_import(queued[0])  # the worker
    page.get_by_role("link", name="Refresh this page").click()
    expect(page.get_by_text("2 of 2 done, 0 to do")).to_be_visible()
    expect(page.get_by_text("1 read by the worker, 0 waiting")).to_be_visible()
    expect(page.get_by_text("There is no file named “missing.pdf” in the folder")).to_be_visible()
    check_accessibility(page)
    go(page, check_accessibility, "See the entry of row 2")
    expect(page.get_by_role("heading", name="Child Q")).to_be_visible()
