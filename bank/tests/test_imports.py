"""Bulk import into the bank: a folder of PDFs with a CSV of their details. The good rows are
added and read, each bad row is reported with nothing of it saved, an import run twice adds
nothing, a whole-file problem refuses the import, and the command says what it did."""

import csv
import io
from functools import cache

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from bank import tasks
from bank.imports import rows, services
from bank.models import BankedReport, BankImport, BankImportRow
from bank.tests.test_services import NEGLECT_REPORT
from core.tests.test_document_text import weasyprint_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]
HEADINGS = ["file", "url", "title", "published_by", "year", "review_type", "age_band", "themes"]


@cache
def pdf(n: int) -> bytes:
    """A different report for each `n` (a different SHA-256)."""
    return weasyprint_pdf(f"<h1>Report {n}</h1>{NEGLECT_REPORT}")


def a_csv(*lines) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    writer.writerows(lines)
    return out.getvalue().encode()


def line(file="", url="", title="Child Q", year="2024", review_type="lcspr", age="", themes=""):
    return [file, url, title, "Northshire Safeguarding Children Partnership", year, review_type,
            age, themes]  # fmt: skip


def stored_files(private_files) -> list:
    bank = private_files / "bank"
    return sorted(p.name for p in bank.rglob("*") if p.is_file()) if bank.exists() else []


@pytest.fixture
def folder(tmp_path):
    where = tmp_path / "reports"
    where.mkdir()
    for n in (1, 2, 3):
        (where / f"report-{n}.pdf").write_bytes(pdf(n))
    (where / "notes.pdf").write_bytes(b"Not a PDF, whatever its name says")
    return where


@pytest.fixture
def read_at_once(monkeypatch, django_capture_on_commit_callbacks):
    """The worker reads each report as soon as its row is committed."""
    monkeypatch.setattr("bank.tasks.read_report.delay", tasks.read_report)


def run(actor, board, folder, raw):
    return services.import_folder(
        actor=actor, board=board, folder=folder, csv_name="reports.csv", raw=raw
    )


@time_machine.travel("2026-06-01 12:00", tick=False)
def test_good_rows_are_added_and_read(
    business_manager, board, folder, read_at_once, django_capture_on_commit_callbacks
):
    raw = a_csv(
        line(file="report-1.pdf", themes="neglect; Information sharing", age="5 to 10"),
        line(file="REPORT-2.pdf", title="Child R", review_type="Rapid review"),
        line(url="https://example.org/adult-s.pdf", title="Adult S", review_type="sar_mandatory"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        done = run(business_manager, board, folder, raw)
    assert done.state == "done" and done.rows_total == 3
    assert [(r.number, r.outcome) for r in done.rows.all()] == [
        (2, "added"),
        (3, "added"),
        (4, "added"),
    ]
    first, second, link = (row.report for row in done.rows.all())
    # Themes given: confirmed, in the bank at once. None given: waiting for a person.
    assert {t.code for t in first.themes.all()} == {"neglect", "information_sharing"}
    assert first.confirmed_by == business_manager and first.age_band == "5_to_10"
    assert second.confirmed_at is None and second.review_type == "rapid_review"
    assert (second.board, second.file_name) == (board, "report-2.pdf")
    second.refresh_from_db()
    assert second.text_state == "extracted" and "Report 2" in second.text
    assert {t.code for t in second.suggested_themes.all()} >= {"neglect"}
    assert (link.text_state, link.file.name) == ("no_file", "")


@time_machine.travel("2026-06-01 12:00", tick=False)
def test_each_bad_row_is_said_and_nothing_of_it_is_saved(
    business_manager, board, folder, private_files
):
    raw = a_csv(
        line(file="report-1.pdf"),  # 2: good
        line(file="missing.pdf"),  # 3
        line(file="notes.pdf"),  # 4
        line(file="report-2.pdf", year="1985"),  # 5
        line(file="report-2.pdf", review_type="inquiry"),  # 6
        line(file="report-2.pdf", age="teenager"),  # 7
        line(file="report-2.pdf", themes="neglect;witchcraft"),  # 8
        line(file="report-2.pdf", title=""),  # 9
        line(file="report-2.pdf", url="https://example.org/q.pdf"),  # 10
        line(),  # 11
        line(url="not an address"),  # 12
        line(file="../reports/report-3.pdf"),  # 13: never outside the folder
    )
    done = run(business_manager, board, folder, raw)
    reasons = {r.number: r.reason for r in done.rows.all() if r.outcome == "failed"}
    assert reasons == {
        3: "There is no file named “missing.pdf” in the folder",
        4: "The selected file must be a PDF",
        5: "The year “1985” is not a year from 1991 to 2026",
        6: "The type of review “inquiry” is not one of the types",
        7: "The age “teenager” is not one of the ages",
        8: "The theme “witchcraft” is not a theme",
        9: "The title is missing",
        10: "Give the file or the web address, not both",
        11: "Give the file's name or the web address where it is published",
        12: "The web address “not an address” is not a web address",
        13: "There is no file named “../reports/report-3.pdf” in the folder",
    }
    assert BankedReport.all_objects.count() == 1
    assert len(stored_files(private_files)) == 1  # the good row's file, nothing else


def test_a_row_failing_as_it_is_saved_leaves_neither_entry_nor_file(
    business_manager, board, folder, private_files, monkeypatch
):
    def refused(**kwargs):
        raise ValidationError("Refused")

    monkeypatch.setattr("bank.services.report_confirm", refused)
    done = run(business_manager, board, folder, a_csv(line(file="report-1.pdf", themes="neglect")))
    assert [(r.outcome, r.reason) for r in done.rows.all()] == [("failed", "Refused")]
    assert not BankedReport.all_objects.exists()
    assert stored_files(private_files) == []


def test_an_import_run_twice_adds_nothing_the_second_time(business_manager, board, folder):
    raw = a_csv(
        line(file="report-1.pdf"),
        line(file="report-3.pdf", title="Copy"),
        line(url="https://example.org/adult-s.pdf"),
        line(file="report-1.pdf", title="Twice"),  # the same file in one CSV
        line(url="https://example.org/adult-s.pdf", title="Twice"),
    )
    first = run(business_manager, board, folder, raw)
    assert [r.outcome for r in first.rows.all()] == ["added", "added", "added", "failed", "failed"]
    assert [r.reason for r in first.rows.all()][3:] == [
        "The same file as row 2: it is added once",
        "The same address as row 4: it is added once",
    ]
    second = run(business_manager, board, folder, raw)
    assert [r.outcome for r in second.rows.all()] == [
        "already",
        "already",
        "already",
        "failed",
        "failed",
    ]
    already = second.rows.first()
    assert already.reason == "Already in the bank, as “Child Q”"
    assert already.report == first.rows.first().report
    assert BankedReport.objects.count() == 3


@pytest.mark.parametrize(
    ("raw", "messages"),
    [
        (b"", ["The CSV file is empty: it needs a row of headings and a row a report"]),
        (
            b"file,title\nreport-1.pdf,Child Q\n",
            [
                "The CSV file has no “published_by” column",
                "The CSV file has no “year” column",
                "The CSV file has no “review_type” column",
            ],
        ),
        (
            b"title,published_by,year,review_type\n",
            [
                "The CSV file needs a “file” column, a “url” column or both",
                "The CSV file has headings but no rows of reports",
            ],
        ),
        (b"PK\x03\x04\x00\x00", ["The CSV file is not a CSV: save the spreadsheet as “CSV UTF-8”"]),
    ],
)
def test_a_problem_with_the_whole_file_refuses_the_import(
    business_manager, board, folder, raw, messages
):
    with pytest.raises(rows.Refused) as refused:
        run(business_manager, board, folder, raw)
    assert refused.value.messages == messages
    assert not BankImport.objects.exists() and not BankedReport.all_objects.exists()


def test_too_many_rows_refuse_the_import(business_manager, board, folder, settings):
    settings.BANK_IMPORT_MAX_ROWS = 2
    raw = a_csv(*[line(url=f"https://example.org/{n}.pdf") for n in range(3)])
    with pytest.raises(rows.Refused) as refused:
        run(business_manager, board, folder, raw)
    assert refused.value.messages == ["The CSV file has 3 rows: an import takes at most 2"]


def test_only_the_keepers_import(board, folder, member, business_manager):
    raw = a_csv(line(url="https://example.org/q.pdf"))
    for user, keeper in ((member, board), (business_manager, None)):
        with pytest.raises(PermissionDenied):
            run(user, keeper, folder, raw)
    assert not BankImport.objects.exists()


def test_the_command_says_what_it_did_and_fails_when_a_row_failed(
    business_manager, board, folder, tmp_path
):
    from django.utils.text import slugify

    (tmp_path / "reports.csv").write_bytes(
        a_csv(line(file="report-1.pdf"), line(file="missing.pdf"))
    )
    args = [str(folder), "--csv", str(tmp_path / "reports.csv"), "--by", business_manager.email]
    out = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("import_bank_reports", *args, "--keeper", slugify(board.name), stdout=out)
    assert failed.value.returncode == 1
    lines = out.getvalue().splitlines()
    assert lines[:2] == [
        "Rows: 2. Added: 1. Already in the bank: 0. Failed: 1.",
        "Row 3 (missing.pdf): There is no file named “missing.pdf” in the folder",
    ]
    # Again, with the missing row fixed: nothing fails, nothing is added twice.
    (tmp_path / "reports.csv").write_bytes(a_csv(line(file="report-1.pdf")))
    out = io.StringIO()
    call_command("import_bank_reports", *args, "--keeper", str(board.pk), stdout=out)
    assert out.getvalue().startswith("Rows: 1. Added: 0. Already in the bank: 1. Failed: 0.")
    with pytest.raises(CommandError, match="does not keep that bank"):
        call_command("import_bank_reports", *args, "--keeper", "scie", stdout=out)
    with pytest.raises(CommandError, match="The CSV is refused"):
        (tmp_path / "reports.csv").write_bytes(b"")
        call_command("import_bank_reports", *args, "--keeper", str(board.pk), stdout=out)
    assert BankedReport.objects.count() == 1
    assert BankImportRow.objects.count() == 3
