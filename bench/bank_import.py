#!/usr/bin/env python
"""Bulk import into the bank (issue 22): how many rows a second the import adds, and how many
reports a second the worker reads, for a folder of 200 text PDFs of about 40 pages.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/case_reviews \
        .venv/bin/python bench/bank_import.py

It creates its own throw-away database (test_<name>) and private storage folder, and drops
them at the end. The PDFs are rendered with WeasyPrint: a few different reports of --pages
pages each, every copy made a different file (a comment after its end), so that each has its
own SHA-256. Measured, in this one process (one core):
1. the command's import of the folder (every row checked, its file read and hashed, then added
   with its file stored), the worker's reading left queued;
2. the same import again (every row already in the bank: nothing added);
3. an upload's import: a ZIP of other copies, checked in the request, run as the worker does;
4. the worker's reading of the reports of 1 (words extracted, themes suggested, the search
   document stored), one after the other.
Options: --reports N (default 200), --pages N (default 40), --distinct N (default 5), --keep.
"""

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
import warnings
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")
os.environ.setdefault("EMAIL_URL", "dummymail://")
warnings.filterwarnings("ignore", message="No directory at")
WORK = Path(tempfile.mkdtemp(prefix="bank-import-bench-"))
os.environ["PRIVATE_STORAGE_ROOT"] = str(WORK / "private")
os.environ.pop("PRIVATE_STORAGE_BUCKET", None)

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402

PARAGRAPHS = (
    "The review found that neglect of the children was known to every agency, but that no one "
    "agency held the whole picture. Health visitors recorded missed appointments; the school "
    "recorded absences; the police attended twice after neighbours reported shouting.",
    "Information sharing between the agencies relied on individual practitioners. Referrals "
    "were made but not followed up, and the strategy discussion did not include the school.",
    "Professional curiosity about the adults in the household was limited. The mother's new "
    "partner was not known to children's social care until after the incident.",
    "The board asks each agency to show how escalation is used when a referral does not lead "
    "to the help a child needs, and how supervision supports practitioners to challenge.",
)


def report_html(n: int, pages: int) -> str:
    body = [f"<h1>Report {n}: a local child safeguarding practice review</h1>"]
    for page in range(pages):
        style = ' style="break-before: page"' if page else ""
        body.append(f"<h2{style}>Section {page + 1}</h2>")
        body.extend(f"<p>{PARAGRAPHS[(page + i + n) % 4]}</p>" for i in range(12))
    return "".join(body)


def pdfs(count: int, pages: int, distinct: int, tag: str) -> list[bytes]:
    from weasyprint import HTML

    rendered = [HTML(string=report_html(n, pages)).write_pdf() for n in range(distinct)]
    return [rendered[i % distinct] + f"%{tag} {i}\n".encode() for i in range(count)]


def details_csv(names: list[str]) -> bytes:
    lines = ["file,title,published_by,year,review_type,age_band,themes"]
    for i, name in enumerate(names):
        themes = "neglect; information_sharing" if i % 2 else ""
        lines.append(
            f"{name},Report {i},Northshire Safeguarding Children Partnership,2024,lcspr,"
            f"5_to_10,{themes}"
        )
    return ("\n".join(lines) + "\n").encode()


def seed():
    from boards.tests.factories import BoardFactory, MembershipFactory

    board = BoardFactory(name="Northshire Safeguarding Children Partnership")
    manager = MembershipFactory(board=board, role="business_manager").user
    return board, manager


def timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--distinct", type=int, default=5)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("Measured on PostgreSQL (the search document): set DATABASE_URL.")
        return 2

    from bank import services as bank_services
    from bank.imports import services
    from bank.models import BankedReport

    # The worker's reading is measured apart (4): here it is left queued.
    bank_services._read_queue = lambda report_id: None
    work = WORK
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        board, manager = seed()
        n = args.reports
        (rendered, render_s) = timed(lambda: pdfs(n, args.pages, args.distinct, "folder"))
        folder = work / "reports"
        folder.mkdir()
        names = [f"report-{i:04}.pdf" for i in range(n)]
        for name, content in zip(names, rendered, strict=True):
            (folder / name).write_bytes(content)
        raw = details_csv(names)
        size_mb = sum(len(c) for c in rendered) / 1024 / 1024
        print(
            f"{n} PDFs of {args.pages} pages ({args.distinct} different reports, "
            f"{size_mb / n:.2f} MB each, {size_mb:.0f} MB in all), rendered in {render_s:.0f} s"
        )

        def folder_import():
            return services.import_folder(
                actor=manager, board=board, folder=folder, csv_name="r.csv", raw=raw
            )

        first, first_s = timed(folder_import)
        added = first.rows.filter(outcome="added").count()
        print(f"1. Command, folder: {added} added in {first_s:.1f} s: {n / first_s:.1f} rows/s")
        again, again_s = timed(folder_import)
        already = again.rows.filter(outcome="already").count()
        print(
            f"2. The same again: {already} already in the bank in {again_s:.1f} s: "
            f"{n / again_s:.1f} rows/s"
        )

        zipped = io.BytesIO()
        with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in zip(names, pdfs(n, args.pages, args.distinct, "zip"), strict=True):
                archive.writestr(f"reports/{name}", content)
            archive.writestr("reports/details.csv", raw)
        upload = SimpleUploadedFile("reports.zip", zipped.getvalue())

        def zip_import():
            started = services.import_upload(actor=manager, board=board, archive=upload)
            services.import_run(started.pk)
            return started

        uploaded, zip_s = timed(zip_import)
        added = uploaded.rows.filter(outcome="added").count()
        print(
            f"3. Upload, ZIP of {len(zipped.getvalue()) / 1024 / 1024:.0f} MB: {added} added "
            f"in {zip_s:.1f} s: {n / zip_s:.1f} rows/s"
        )

        ids = list(first.rows.values_list("report_id", flat=True))
        _, read_s = timed(lambda: [bank_services.report_read(pk) for pk in ids])
        states = dict.fromkeys(BankedReport.TextState.values, 0)
        for state in BankedReport.objects.filter(pk__in=ids).values_list("text_state", flat=True):
            states[state] += 1
        print(
            f"4. Worker's reading: {n} reports in {read_s:.1f} s: {n / read_s:.2f} reports/s "
            f"({states['extracted']} extracted, {states['failed']} failed)"
        )
        print(f"\nLoad average {os.getloadavg()[0]:.1f} at the end.")
        return 0
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
