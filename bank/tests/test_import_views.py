"""The bulk import's pages: a business manager uploads a ZIP of PDFs with its CSV, follows the
progress while the worker runs it and reads its words, and downloads the report; bad uploads
are said with nothing saved; an import is its bank's keepers' alone."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from bank import tasks
from bank.models import BankedReport, BankImport
from bank.tests.test_imports import a_csv, line, pdf, stored_files
from core.tests.clients import VerifiedClient
from core.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


@pytest.fixture
def signed_in():
    def client_of(user):
        client = VerifiedClient()
        client.force_login(user)
        return client

    return client_of


def a_zip(files: dict, name="reports.zip") -> SimpleUploadedFile:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path, content in files.items():
            archive.writestr(path, content)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/zip")


def upload(board, **files):
    return {"keeper": str(board.pk), **files}


GOOD_CSV = a_csv(
    line(file="report-1.pdf", themes="neglect"),
    line(file="report-2.pdf", title="Child R"),
    line(file="missing.pdf", title="Child S"),
)


def test_an_upload_is_imported_by_the_worker_with_its_progress_and_report(
    business_manager, board, signed_in, monkeypatch, django_capture_on_commit_callbacks
):
    manager = signed_in(business_manager)
    assertContains(manager.get(reverse("bank:list")), reverse("bank:imports"))
    page = manager.get(reverse("bank:import_start"))
    assertContains(page, "Import reports into the bank")
    assertContains(page, reverse("bank:import_example"))
    example = manager.get(reverse("bank:import_example"))
    assert example["Content-Type"].startswith("text/csv")
    assert example.content.decode().startswith("file,url,title,published_by,year,")

    # The folder zipped as Windows and macOS do it: everything inside one folder (and macOS's
    # resource forks beside it).
    archive = a_zip(
        {
            "__MACOSX/reports/._report-1.pdf": b"\x00\x05\x16\x07",
            "__MACOSX/reports/._reports.csv": b"\x00\x05\x16\x07",
            "reports/report-1.pdf": pdf(1),
            "reports/report-2.pdf": pdf(2),
            "reports/reports.csv": GOOD_CSV,
        }
    )
    queued = []
    monkeypatch.setattr("bank.tasks.run_import.delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        sent = manager.post(reverse("bank:import_start"), upload(board, archive=archive))
    bank_import = BankImport.objects.get()
    assert queued == [str(bank_import.pk)]  # the worker's, after the commit
    assert sent.url == reverse("bank:import", args=[bank_import.pk])
    assert (bank_import.source_name, bank_import.csv_name) == ("reports.zip", "reports/reports.csv")

    # Waiting for the worker: the page refreshes itself.
    waiting = manager.get(sent.url)
    assertContains(waiting, "Waiting to start")
    assertContains(waiting, "0 of 3 done, 3 to do")
    assert waiting["Refresh"] == "10"

    # The worker adds the rows; their words are still to be read.
    with django_capture_on_commit_callbacks(execute=False):
        assert tasks.run_import(str(bank_import.pk)) == "done"
    assert tasks.run_import(str(bank_import.pk)) is None  # delivered twice: run once
    bank_import.refresh_from_db()
    assert not bank_import.archive  # its ZIP is not kept once it has run
    reading = manager.get(sent.url)
    assertContains(reading, "3 of 3 done, 0 to do")
    assertContains(reading, "0 read by the worker, 2 waiting")
    assertContains(reading, "Reports being read")
    assert reading["Refresh"] == "10"

    for report in BankedReport.objects.all():
        tasks.read_report(str(report.pk))
    done = manager.get(sent.url)
    assertContains(done, "2 read by the worker, 0 waiting")
    assertContains(done, "2 reports added")
    assertContains(done, "1 row failed")
    assertContains(done, "There is no file named “missing.pdf” in the folder")
    assert "Refresh" not in done

    report = manager.get(reverse("bank:import_report", args=[bank_import.pk]))
    assert report["Content-Type"].startswith("text/csv")
    text = report.content.decode()
    assert text.splitlines()[0] == "Row,File or address,Title,Outcome,Why"
    assert "4,missing.pdf,Child S,Failed,There is no file named “missing.pdf” in the folder" in text

    listed = manager.get(reverse("bank:imports"))
    assertContains(listed, "reports.zip")
    assertContains(listed, reverse("bank:import", args=[bank_import.pk]))


def test_the_csv_may_be_uploaded_beside_the_zip(business_manager, board, signed_in):
    manager = signed_in(business_manager)
    archive = a_zip({"report-1.pdf": pdf(1), "report-2.pdf": pdf(2)})
    csv_file = SimpleUploadedFile("details.csv", GOOD_CSV, content_type="text/csv")
    sent = manager.post(
        reverse("bank:import_start"), upload(board, archive=archive, csv_file=csv_file)
    )
    bank_import = BankImport.objects.get()
    assert sent.status_code == 302 and bank_import.csv_name == "details.csv"
    tasks.run_import(str(bank_import.pk))
    assert [r.outcome for r in bank_import.rows.all()] == ["added", "added", "failed"]


def test_only_the_import_page_takes_files_past_the_other_pages_limit(
    business_manager, board, signed_in, settings
):
    """An upload larger than any other page takes is read on the import's page alone
    (core.uploads: its view names its own, larger limit)."""
    settings.FILE_UPLOAD_LIMIT = 64 * 1024
    settings.DOCUMENT_MAX_BYTES = 64 * 1024
    manager = signed_in(business_manager)
    padding = {f"report-{n}.pdf": pdf(n) + b"0" * (40 * 1024) for n in (1, 2)}
    archive = a_zip({**padding, "details.csv": GOOD_CSV})
    assert archive.size > settings.FILE_UPLOAD_LIMIT
    sent = manager.post(reverse("bank:import_start"), upload(board, archive=archive))
    assert sent.status_code == 302
    assert BankImport.objects.count() == 1
    # Anywhere else, the same size is not read past the limit.
    refused = manager.post(
        reverse("bank:add"),
        {
            "keeper": str(board.pk),
            "title": "Child Q",
            "published_by": "Northshire",
            "year": "2024",
            "review_type": "lcspr",
            "age_band": "not_known",
            "file": SimpleUploadedFile("big.pdf", pdf(3) + b"0" * (80 * 1024)),
        },
    )
    # The file is skipped as it arrives; the form says the limit (its own field's).
    assertContains(refused, "The selected file must be smaller than")
    assert not BankedReport.all_objects.exists()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, "Select a file"),
        (
            {"archive": SimpleUploadedFile("reports.zip", b"%PDF-1.7 not a zip")},
            "The selected file must be a ZIP of the reports&#x27; PDFs",
        ),
        (
            {"archive": a_zip({"report-1.pdf": b"%PDF"})},
            "Choose the CSV of the reports&#x27; details: the ZIP holds no CSV file",
        ),
        (
            {"archive": a_zip({"a.csv": GOOD_CSV, "b.csv": GOOD_CSV})},
            "Choose the CSV of the reports&#x27; details: the ZIP holds more than one",
        ),
        (
            {"archive": a_zip({"r.csv": b"file,title\nr.pdf,Q\n"})},
            "The CSV file has no “published_by” column",
        ),
        (
            {
                "archive": a_zip({"r.pdf": b"%PDF"}),
                "csv_file": SimpleUploadedFile("r.xlsx", b"PK\x03\x04"),
            },
            "The selected file must be a CSV",
        ),
    ],
)
def test_a_bad_upload_is_said_and_nothing_is_saved(
    business_manager, board, signed_in, private_files, files, message
):
    page = signed_in(business_manager).post(reverse("bank:import_start"), upload(board, **files))
    assert page.status_code == 200
    assertContains(page, "There is a problem")
    assertContains(page, message)
    assert not BankImport.objects.exists()
    assert stored_files(private_files) == []


def test_an_import_is_its_banks_keepers_alone(
    business_manager, board, other_board_user, member, signed_in
):
    archive = a_zip({"r.csv": a_csv(line(url="https://example.org/q.pdf"))})
    signed_in(business_manager).post(reverse("bank:import_start"), upload(board, archive=archive))
    bank_import = BankImport.objects.get()
    urls = [
        reverse("bank:import", args=[bank_import.pk]),
        reverse("bank:import_report", args=[bank_import.pk]),
    ]
    staff = UserFactory(is_accreditation_staff=True)
    for user in (other_board_user, staff):
        for url in urls:
            assert signed_in(user).get(url).status_code == 404
        assertNotContains(signed_in(user).get(reverse("bank:imports")), "reports.zip")
    # A member of the board reads the bank, but imports nothing and sees no import.
    for url in [reverse("bank:imports"), reverse("bank:import_start")]:
        assert signed_in(member).get(url).status_code == 403
    assert signed_in(member).get(urls[0]).status_code == 404
