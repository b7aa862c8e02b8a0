"""An agency's chronology imported from its file: taken whole or refused with every row's
error, nothing saved. A later import of the same agency replaces the earlier one: its entries
are withdrawn with the reason and stay in the history (`reviews.chronology_files` reads and
checks the file; this module writes)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from boards.models import Agency
from core import permissions, records, uploads
from core.history import acting_as
from reviews import chronology_files
from reviews.models import AgencyRequest, ChronologyEntry, ChronologyImport, Document, Review
from reviews.services.documents import document_store
from reviews.services.workflow import require_analysis_open

FILE_KINDS = {uploads.XLSX: "Excel", uploads.TEXT: "CSV", uploads.DOCX: "Word"}
WRONG_TYPE = gettext_lazy(
    "The selected file must be an Excel workbook (.xlsx), a CSV file or a Word document "
    "(.docx) with the chronology in a table"
)
# How far before the incident an entry may be, where no period was asked for: a child's whole
# life and more, an adult's recent years.
EARLIEST_YEARS_BEFORE = 25
MAX_ERRORS_LISTED = 200


class ChronologyRefused(ValidationError):
    """The file is refused: `rows` lists every row's error ({"row", "field", "message"})."""

    def __init__(self, message: str, rows: list):
        super().__init__({"file": message})
        self.rows = rows


class ColumnsToMatch(ValidationError):
    """The file's headings are not the template's: `headers` for the uploader to match."""

    def __init__(self, headers: list[str], guessed: dict):
        super().__init__(
            {
                "file": _(
                    "The columns of the file are not the template's: say which column holds "
                    "what, and upload the file again"
                )
            }
        )
        self.headers, self.guessed = headers, guessed


def period_of(review: Review, request: AgencyRequest | None) -> tuple[dt.date, dt.date]:
    """The dates an entry may have: up to today, from a year before the period asked for, or
    else from `EARLIEST_YEARS_BEFORE` years before the incident."""
    latest = timezone.localdate()
    if request is not None and request.period_from is not None:
        return request.period_from - dt.timedelta(days=366), latest
    incident_on = review.incident.incident_on
    return incident_on.replace(year=incident_on.year - EARLIEST_YEARS_BEFORE), latest


def last_mapping(review: Review, agency: Agency) -> dict:
    """The matching of columns this agency's last import of the review used, if any."""
    last = (
        ChronologyImport.objects.filter(review=review, agency=agency)
        .exclude(mapping={})
        .order_by("-created_at")
        .first()
    )
    return last.mapping if last else {}


def _remembered(review, agency, headers) -> dict | None:
    """The agency's last matching of columns, if this file has every heading it named: an
    agency whose own headings were matched once is not asked again."""
    remembered = last_mapping(review, agency)
    present = {chronology_files.normalise(h) for h in headers}
    if remembered and all(chronology_files.normalise(h) in present for h in remembered.values()):
        return remembered
    return None


def _read(file, *, review, agency, request, mapping) -> tuple[str, chronology_files.Checked]:
    kind = uploads.check(
        file,
        field="file",
        kinds=FILE_KINDS,
        max_bytes=settings.CHRONOLOGY_MAX_BYTES,
        wrong_type=WRONG_TYPE,
    )
    earliest, latest = period_of(review, request)
    try:
        headers, rows = chronology_files.read(
            file, "docx" if kind == uploads.DOCX else kind, max_rows=settings.CHRONOLOGY_MAX_ROWS
        )
        checked = chronology_files.check(
            headers,
            rows,
            agency_name=agency.name,
            earliest=earliest,
            latest=latest,
            chosen=mapping or _remembered(review, agency, headers),
        )
    except chronology_files.Refused as refusal:
        raise ValidationError({"file": str(refusal)}) from None
    except chronology_files.NeedsMapping as needed:
        raise ColumnsToMatch(needed.headers, needed.guessed) from None
    if checked.errors:
        rows_wrong = len({error["row"] for error in checked.errors})
        raise ChronologyRefused(
            ngettext(
                "The file was not imported: %(count)s row need correcting. Correct them in the "
                "file and upload it again",
                "The file was not imported: %(count)s rows need correcting. Correct them in the "
                "file and upload it again",
                rows_wrong,
            )
            % {"count": f"{rows_wrong:,}"},
            checked.errors[:MAX_ERRORS_LISTED],
        )
    return kind, checked


@transaction.atomic
def chronology_import(
    *,
    actor,
    review: Review,
    file,
    agency: Agency | None = None,
    request: AgencyRequest | None = None,
    mapping: dict | None = None,
) -> ChronologyImport:
    """Import an agency's chronology: by its contributor, answering a request to the agency,
    or by the reviewers or board office on its behalf (`agency`)."""
    review = Review.objects.select_for_update().select_related("incident").get(pk=review.pk)
    if request is not None:
        request = records.locked(request)
        permissions.require(actor, "requests.answer", request)
        records.require_current(request, _("This request"))
        if request.received_on is not None:
            raise ValidationError(
                _(
                    "The agency's answer has been submitted: the reviewers may send it back if "
                    "the chronology needs replacing"
                )
            )
        agency = request.agency
    else:
        permissions.require(actor, "reviews.setup", review)
        if agency is None or agency.board_id != review.board_id:
            raise ValidationError({"agency": _("Select an agency of this board")})
    require_analysis_open(review)
    kind, checked = _read(file, review=review, agency=agency, request=request, mapping=mapping)

    now = timezone.now()
    replaced = list(
        ChronologyImport.objects.select_for_update().filter(
            review=review, agency=agency, replaced_at__isnull=True
        )
    )
    imported = ChronologyImport(
        review=review,
        agency=agency,
        file_name=uploads.display_name(file.name or "", default="chronology"),
        file_kind=kind,
        rows=len(checked.entries),
        mapping=checked.mapping,
        imported_by=actor,
    )
    imported.full_clean()
    acting_as(imported, actor).save()
    _replace(replaced, imported=imported, actor=actor, now=now)
    entries = [
        ChronologyEntry(review=review, agency=agency, imported_from=imported, **fields)
        for fields in checked.entries
    ]
    bulk_create_with_history(entries, ChronologyEntry, batch_size=1000, default_user=actor)
    document_store(
        actor=actor,
        review=review,
        kind=Document.Kind.CHRONOLOGY,
        title=f"Chronology of {agency.name}",
        agency=agency,
        request=request,
        file=file,
        file_kind=kind,
    )
    return imported


def _replace(replaced, *, imported, actor, now) -> None:
    """The earlier imports' entries withdrawn, saying why, their history kept."""
    if not replaced:
        return
    reason = f"Replaced by the chronology {imported.file_name} imported on {now:%-d %B %Y}"
    for earlier in replaced:
        earlier.replaced_at = now
    bulk_update_with_history(
        replaced, ChronologyImport, ["replaced_at"], default_user=actor, batch_size=500
    )
    # One UPDATE and one insert of their history rows: an import of thousands of entries is
    # replaced in a second, not row by row (bench/chronology.py).
    entries = ChronologyEntry.objects.filter(imported_from__in=replaced)
    withdrawn = list(entries)
    entries.update(withdrawn_at=now, withdrawn_by=actor, withdrawal_reason=reason)
    for entry in withdrawn:
        entry.withdrawn_at, entry.withdrawn_by, entry.withdrawal_reason = now, actor, reason
    ChronologyEntry.history.bulk_history_create(
        withdrawn, update=True, default_user=actor, default_date=now, batch_size=1000
    )
