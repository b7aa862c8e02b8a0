"""Running an import: checking every row, then adding the good ones one at a time, each row
all or nothing (the policy: bank/imports/__init__.py). The upload is refused whole here, in the
request, for a problem with the whole file; its rows are checked and added by the worker."""

import datetime as dt
import logging
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bank import services as bank_services
from bank.imports import rows
from bank.imports.sources import FolderSource, ZipSource, temporary_copy
from bank.models import BankedReport, BankImport, BankImportRow
from core import permissions, uploads
from core.history import acting_as

logger = logging.getLogger(__name__)

Outcome = BankImportRow.Outcome
# An import still running after this was left by a worker that died: it may be claimed again,
# and goes on from the first row without an outcome.
ABANDONED_AFTER_MINUTES = 30


# --- Starting one --------------------------------------------------------------------------


def _zip_of(archive):
    if PurePosixPath(archive.name or "").suffix.lower() != ".zip" or not _is_zip(archive):
        raise ValidationError(
            {"archive": _("The selected file must be a ZIP of the reports' PDFs")}
        )
    if archive.size > settings.BANK_IMPORT_MAX_BYTES:
        raise ValidationError(
            {
                "archive": _("The selected file must be smaller than %(limit)s")
                % {"limit": uploads.megabytes(settings.BANK_IMPORT_MAX_BYTES)}
            }
        )
    archive.seek(0)
    return ZipSource(archive, max_bytes=settings.DOCUMENT_MAX_BYTES)


def _is_zip(upload) -> bool:
    import zipfile

    upload.seek(0)
    try:
        return zipfile.is_zipfile(upload)
    finally:
        upload.seek(0)


def _csv_in(source: ZipSource) -> tuple[str, bytes]:
    names = source.csv_names()
    if len(names) != 1:
        problem = (
            _("Choose the CSV of the reports' details: the ZIP holds more than one")
            if names
            else _("Choose the CSV of the reports' details: the ZIP holds no CSV file")
        )
        raise ValidationError({"csv_file": problem})
    return names[0], source.read(names[0], rows.MAX_CSV_BYTES) or b""


def _refused(field: str, refused: rows.Refused) -> ValidationError:
    return ValidationError({field: refused.messages})


@transaction.atomic
def import_upload(*, actor, board, archive, csv_file=None) -> BankImport:
    """Keep an upload (a ZIP of PDFs, with its CSV inside or as `csv_file`) for the worker to
    import into `board`'s bank (None: SCIE's own), after checking the whole files: a ZIP, one
    CSV, its headings and its number of rows. Returns the import, queued."""
    permissions.require(actor, "bank.manage", board)
    source = _zip_of(archive)
    try:
        if csv_file is not None:
            if PurePosixPath(csv_file.name or "").suffix.lower() != ".csv":
                raise ValidationError({"csv_file": _("The selected file must be a CSV")})
            csv_name = uploads.display_name(csv_file.name or "", default="reports.csv")
            csv_file.seek(0)
            raw = csv_file.read(rows.MAX_CSV_BYTES + 1)
        else:
            csv_name, raw = _csv_in(source)
    finally:
        source.close()
    try:
        found = rows.read(raw, max_rows=settings.BANK_IMPORT_MAX_ROWS)
    except rows.Refused as refused:
        raise _refused("csv_file", refused) from None
    bank_import = BankImport(
        board=board,
        started_by=actor,
        source_name=uploads.display_name(archive.name or "", default="reports.zip"),
        csv_name=csv_name[:200],
        rows_total=len(found),
    )
    archive.seek(0)
    archive.name = uploads.stored_name(archive.name or "")
    bank_import.archive = archive
    if csv_file is not None:
        csv_file.seek(0)
        csv_file.name = uploads.stored_name(csv_file.name or "")
        bank_import.csv_file = csv_file
    acting_as(bank_import, actor).save()
    transaction.on_commit(lambda: _queue(bank_import.pk))
    return bank_import


def _queue(import_id) -> None:
    from bank.tasks import run_import  # the task module imports this one

    try:
        run_import.delay(str(import_id))
    except Exception:
        # With the broker down the import stays queued: the page says so, and the worker's
        # next start (or `run_bank_imports`) takes it.
        logger.exception("Bank import %s could not be queued", import_id)


def import_folder(*, actor, board, folder, csv_name: str, raw: bytes) -> BankImport:
    """Import a folder on the server now, in this process (the management command)."""
    permissions.require(actor, "bank.manage", board)
    found = rows.read(raw, max_rows=settings.BANK_IMPORT_MAX_ROWS)
    bank_import = BankImport(
        board=board,
        started_by=actor,
        source_name=Path(folder).name[:300] or "folder",
        csv_name=csv_name[:200],
        rows_total=len(found),
        state=BankImport.State.RUNNING,
    )
    acting_as(bank_import, actor).save()
    _run(bank_import, FolderSource(folder), raw)
    return bank_import


# --- Running one, in the worker -------------------------------------------------------------


def imports_to_run() -> list:
    """The ids of the imports waiting, or left running by a worker that died."""
    return list(BankImport.objects.filter(_claimable()).values_list("pk", flat=True))


def _claimable() -> Q:
    lost = timezone.now() - dt.timedelta(minutes=ABANDONED_AFTER_MINUTES)
    State = BankImport.State
    return Q(state=State.QUEUED) | Q(state=State.RUNNING, updated_at__lt=lost)


def import_run(import_id) -> str | None:
    """Run an uploaded import: None when it was not waiting (a task delivered twice runs it
    once). Its ZIP is deleted once it has run."""
    claimed = BankImport.objects.filter(_claimable(), pk=import_id).update(
        state=BankImport.State.RUNNING, updated_at=timezone.now()
    )
    if not claimed:
        return None
    bank_import = BankImport.objects.get(pk=import_id)
    archive = temporary_copy(bank_import.archive)
    source = ZipSource(archive, max_bytes=settings.DOCUMENT_MAX_BYTES)
    try:
        if bank_import.csv_file:
            with bank_import.csv_file.open("rb") as handle:
                raw = handle.read(rows.MAX_CSV_BYTES + 1)
        else:
            raw = source.read(bank_import.csv_name, rows.MAX_CSV_BYTES) or b""
        _run(bank_import, source, raw)
    finally:
        source.close()
        archive.close()
    bank_import.archive.delete(save=False)
    BankImport.objects.filter(pk=import_id).update(archive="")
    return bank_import.state


def _run(bank_import: BankImport, source, raw: bytes) -> None:
    """Check every row, record the bad ones, then add the good ones one at a time. Rows with
    an outcome already (an import taken up again) are left as they are."""
    values = rows.read(raw, max_rows=settings.BANK_IMPORT_MAX_ROWS)
    done = set(bank_import.rows.values_list("number", flat=True))
    checker = rows.Checker()
    outcomes, to_add = [], []
    seen_files, seen_urls = {}, {}
    for checked in map(checker.check, values):
        outcome = None
        if checked.errors:
            outcome = _outcome(checked, Outcome.FAILED, "; ".join(checked.errors))
        elif checked.file_name:
            outcome = _check_file(checked, source, seen_files)
        else:
            outcome = _check_url(checked, seen_urls)
        if checked.number in done:
            continue
        if outcome is None:
            to_add.append(checked)
        else:
            outcome.bank_import = bank_import
            outcomes.append(outcome)
    BankImportRow.objects.bulk_create(outcomes)
    for checked in to_add:
        _add(bank_import, checked, source)
    BankImport.objects.filter(pk=bank_import.pk).update(
        state=BankImport.State.DONE, finished_at=timezone.now(), updated_at=timezone.now()
    )
    bank_import.refresh_from_db()


def _outcome(checked: rows.Row, outcome, reason="", report=None) -> BankImportRow:
    return BankImportRow(
        number=checked.number,
        source=checked.source[:500],
        title=checked.title,
        outcome=outcome,
        reason=reason,
        report=report,
    )


def _already(checked: rows.Row, report: BankedReport) -> BankImportRow:
    return _outcome(
        checked,
        Outcome.ALREADY,
        _("Already in the bank, as “%(title)s”") % {"title": report.title},
        report,
    )


def _check_file(checked: rows.Row, source, seen: dict) -> BankImportRow | None:
    file = source.open(checked.file_name)
    if file is None:
        return _outcome(
            checked,
            Outcome.FAILED,
            _("There is no file named “%(name)s” in the folder") % {"name": checked.file_name},
        )
    try:
        bank_services.checked_kind(file)
        sha256 = uploads.sha256_of(file)
    except ValidationError as error:
        return _outcome(checked, Outcome.FAILED, "; ".join(error.messages))
    finally:
        file.close()
    if sha256 in seen:
        return _outcome(
            checked,
            Outcome.FAILED,
            _("The same file as row %(row)s: it is added once") % {"row": seen[sha256]},
        )
    seen[sha256] = checked.number
    banked = bank_services.already_banked(sha256)
    return _already(checked, banked) if banked else None


def _check_url(checked: rows.Row, seen: dict) -> BankImportRow | None:
    url = checked.details["published_url"]
    if url in seen:
        return _outcome(
            checked,
            Outcome.FAILED,
            _("The same address as row %(row)s: it is added once") % {"row": seen[url]},
        )
    seen[url] = checked.number
    banked = BankedReport.objects.filter(published_url=url).first()
    return _already(checked, banked) if banked else None


def _add(bank_import: BankImport, checked: rows.Row, source) -> None:
    """Add one row: its entry, its file and (given) its confirmed themes, or nothing."""
    actor = bank_import.started_by
    file = source.open(checked.file_name) if checked.file_name else None
    given_name = file.name if file is not None else None
    try:
        with transaction.atomic():
            report = bank_services.report_add(
                actor=actor, board=bank_import.board, file=file, **checked.details
            )
            if checked.themes:
                bank_services.report_confirm(actor=actor, report=report, themes=checked.themes)
            outcome = _outcome(checked, Outcome.ADDED, report=report)
            outcome.bank_import = bank_import
            outcome.save()
    except Exception as error:
        _forget(file, given_name)
        outcome = _failed(checked, error, file)
        outcome.bank_import = bank_import
        outcome.save()
    finally:
        if file is not None:
            file.close()
    BankImport.objects.filter(pk=bank_import.pk).update(updated_at=timezone.now())


def _failed(checked: rows.Row, error: Exception, file) -> BankImportRow:
    if isinstance(error, ValidationError):
        codes = [e.code for e in getattr(error, "error_dict", {}).get("file", [])]
        banked = (
            bank_services.already_banked(uploads.sha256_of(file))
            if "already_banked" in codes
            else None
        )
        if banked:
            # Added by someone else between the check and the adding.
            return _already(checked, banked)
        return _outcome(checked, Outcome.FAILED, "; ".join(error.messages))
    logger.exception("Bank import row %s could not be added", checked.number)
    return _outcome(checked, Outcome.FAILED, _("The report could not be added: try it again"))


def _forget(file, given_name) -> None:
    """A row that failed after its file was stored leaves no file behind (the entry was rolled
    back with the row)."""
    if file is None or file.name == given_name:
        return
    stored = BankedReport._meta.get_field("file").generate_filename(None, file.name)
    storage = BankedReport._meta.get_field("file").storage
    if storage.exists(stored):
        storage.delete(stored)
