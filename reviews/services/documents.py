"""A review's documents: uploaded in versions, checked by content, withdrawn with a reason.

The reviewers and the board office upload to the review; an agency's contributor uploads
with their agency's answer to a request, and sees the documents their agency sent.
"""

import datetime as dt
import hashlib
import logging
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Max, Q, TextField, Value
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import document_text, permissions, records, uploads
from core.history import acting_as
from reviews.models import AgencyRequest, Document, DocumentVersion, Review
from reviews.selectors.search import SEARCH_CONFIG
from reviews.services.workflow import require_actions_open

logger = logging.getLogger(__name__)
TextState = DocumentVersion.TextState

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


def _digest(file) -> str:
    file.seek(0)
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _version_save(*, actor, document: Document, file, kind: str) -> DocumentVersion:
    original = file.name or ""
    number = (document.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        name=uploads.display_name(original, default="document"),
        size=file.size,
        file_kind=kind,
        sha256=_digest(file),
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

# Reading a file takes seconds; one still being read after this was left by a worker that died.
READING_ABANDONED_AFTER = dt.timedelta(minutes=15)
# PostgreSQL's search document (a tsvector) holds at most 1 MB: a text of many different words
# (a long table of numbers) can pass it. Then only the text's beginning is searched.
SEARCHED_WHEN_TOO_LONG = 200_000


def _text_queue(version_id) -> None:
    from reviews.tasks import extract_text  # the task module imports this one

    try:
        extract_text.delay(str(version_id))
    except Exception:  # the broker is down: the version stays pending for the command
        logger.exception("Reading document version %s could not be queued", version_id)


def _claimable() -> Q:
    lost = timezone.now() - READING_ABANDONED_AFTER
    return Q(text_state=TextState.PENDING) | Q(text_state=TextState.READING, updated_at__lt=lost)


def version_text_backlog() -> list:
    """The ids of the versions whose words are still to be read: uploaded before they were
    read at all (migration 0022), or lost by the broker or a worker, oldest first."""
    return list(
        DocumentVersion.objects.filter(_claimable())
        .order_by("created_at")
        .values_list("pk", flat=True)
    )


def version_text_extract(version_id) -> str | None:
    """Read one version's words: pending → reading → extracted, no text (a scanned PDF), not
    readable (a kind whose words are not read) or failed (a damaged file). Returns the state,
    or None when the version was not waiting to be read.

    Safe to run twice: the claim is an UPDATE from pending (or abandoned while reading), so a
    task delivered twice reads the file once. Logs name the version by its id only: its file
    name and words are case data."""
    claimed = DocumentVersion.objects.filter(_claimable(), pk=version_id).update(
        text_state=TextState.READING, updated_at=timezone.now()
    )
    if not claimed:
        return None
    version = DocumentVersion.objects.only("pk", "file", "file_kind").get(pk=version_id)
    try:
        with version.file.open("rb") as file:
            found = document_text.extract(file.read(), version.file_kind)
    except (document_text.UnreadableFile, OSError) as error:
        logger.warning(
            "Document version %s could not be read (%s)", version_id, type(error).__name__
        )
        text, state = "", TextState.FAILED
    else:
        text, state = found.text, TextState(found.outcome.value)
        if found.cut:
            logger.info("Document version %s: only its first part is kept to search", version_id)
    _text_store(version_id, text, state)
    return state


def _text_store(version_id, text: str, state: str) -> None:
    # By an UPDATE, not save(): the change history keeps no copy of the words.
    reading = DocumentVersion.objects.filter(pk=version_id, text_state=TextState.READING)
    fields = {"text": text, "text_state": state, "updated_at": timezone.now()}
    if connection.vendor != "postgresql":
        reading.update(**fields)
        return
    from django.contrib.postgres.search import SearchVector

    for searched in (text, text[:SEARCHED_WHEN_TOO_LONG]):
        vector = SearchVector(Value(searched, output_field=TextField()), config=SEARCH_CONFIG)
        try:
            with transaction.atomic():
                reading.update(text_search=vector, **fields)
            return
        except DatabaseError:
            logger.warning(
                "Document version %s: its words are too many to search whole", version_id
            )
    raise RuntimeError(f"Document version {version_id}: its search document could not be made")
