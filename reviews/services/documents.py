"""A review's documents: uploaded in versions, checked by content, withdrawn with a reason.

The reviewers and the board office upload to the review; an agency's contributor uploads
with their agency's answer to a request, and sees the documents their agency sent.
"""

from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import permissions, records, text_reading, uploads
from core.history import acting_as
from reviews.models import AgencyRequest, Document, DocumentVersion, Review
from reviews.selectors.search import SEARCH_CONFIG
from reviews.services.workflow import require_actions_open

DOCUMENT_KINDS = {
    uploads.PDF: "PDF",
    uploads.DOC: "Word",
    uploads.DOCX: "Word",
    uploads.XLSX: "Excel",
    uploads.TEXT: "CSV or text",
    uploads.PNG: "PNG image",
    uploads.JPEG: "JPEG image",
}
WRONG_TYPE = gettext_lazy(
    "The selected file must be a PDF, a Word document (.docx or .doc), an Excel workbook "
    "(.xlsx), a CSV or text file, or a PNG or JPEG image"
)


def checked_kind(file, *, field: str = "file") -> str:
    """The kind of a document's file, or a ValidationError on `field` saying what is wrong."""
    return uploads.check(
        file,
        field=field,
        kinds=DOCUMENT_KINDS,
        max_bytes=settings.DOCUMENT_MAX_BYTES,
        wrong_type=WRONG_TYPE,
    )


def _version_save(*, actor, document: Document, file, kind: str) -> DocumentVersion:
    original = file.name or ""
    number = (document.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        name=uploads.display_name(original, default="document"),
        size=file.size,
        file_kind=kind,
        sha256=uploads.sha256_of(file),
        uploaded_by=actor,
    )
    file.name = uploads.stored_name(original)
    version.file = file
    try:
        with transaction.atomic():
            acting_as(version, actor).save()
    except IntegrityError:
        # Two uploads of a new version at once: the second finds its number taken.
        raise ValidationError(
            {"file": _("Someone uploaded a version of this document at the same time: try again")}
        ) from None
    # Its words are read by the worker, once the version is there to read.
    transaction.on_commit(partial(_text_queue, version.pk))
    return version


@transaction.atomic
def document_upload(
    *,
    actor,
    review: Review,
    kind: str,
    title: str,
    file,
    agency=None,
    request: AgencyRequest | None = None,
) -> Document:
    """Add a document to the review. With `request`, an agency's contributor sends it with
    their agency's answer: it is that agency's, and its contributors see it."""
    if request is not None:
        request = records.locked(request)
        permissions.require(actor, "requests.answer", request)
        records.require_current(request, _("This request"))
        if request.review_id != review.pk:
            raise ValidationError(_("This request is of another review"))
        if request.received_on is not None:
            raise ValidationError(
                _(
                    "The agency's answer has been submitted: the reviewers may send it back if "
                    "a document is missing"
                )
            )
        agency = request.agency
    else:
        permissions.require(actor, "reviews.setup", review)
    require_actions_open(review)
    errors = {}
    if kind not in Document.Kind.values:
        errors["kind"] = _("Select the kind of document")
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Enter the document's title")
    if agency is not None and agency.board_id != review.board_id:
        errors["agency"] = _("Select an agency of this board")
    try:
        file_kind = checked_kind(file)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return document_store(
        actor=actor,
        review=review,
        kind=kind,
        title=title,
        agency=agency,
        request=request,
        file=file,
        file_kind=file_kind,
    )


def document_store(
    *, actor, review, kind, title, agency, request, file, file_kind, action=None
) -> Document:
    """Keep a checked file as a new document, in the caller's transaction (the caller checked
    the rule and the file): `document_upload`, and an agency's chronology as it is imported."""
    document = Document(
        review=review, kind=kind, title=title, agency=agency, request=request, action=action
    )
    document.full_clean()
    acting_as(document, actor).save()
    _version_save(actor=actor, document=document, file=file, kind=file_kind)
    return document


@transaction.atomic
def document_version_add(*, actor, document: Document, file) -> DocumentVersion:
    """A new version of a document; the earlier ones stay."""
    document = records.locked(document)
    permissions.require(actor, "reviews.setup", document.review)
    records.require_current(document, _("This document"))
    require_actions_open(document.review)
    return _version_save(actor=actor, document=document, file=file, kind=checked_kind(file))


@transaction.atomic
def document_withdraw(*, actor, document: Document, reason: str) -> Document:
    """Withdrawn with a reason: it leaves the lists; its versions and who opened them stay."""
    document = records.locked(document)
    permissions.require(actor, "reviews.setup", document.review)
    return records.withdraw(document, actor=actor, reason=reason, what=_("This document"))


# --- The words of each version, read by the worker for the case search ------------------------


def _text_queue(version_id) -> None:
    from reviews.tasks import extract_text  # the task module imports this one

    text_reading.queue(extract_text, version_id, label="document version")


def version_text_backlog() -> list:
    """The ids of the versions whose words are still to be read: uploaded before they were
    read at all (migration 0022), or lost by the broker or a worker, oldest first."""
    return text_reading.backlog(DocumentVersion)


def version_text_extract(version_id) -> str | None:
    """Read one version's words (core.text_reading); None when it was not waiting to be read.
    Safe to run twice."""
    return text_reading.read(
        DocumentVersion, version_id, config=SEARCH_CONFIG, label="Document version"
    )
