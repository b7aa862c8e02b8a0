"""The review's documents: agency reports, chronology files, minutes, drafts, correspondence,
each kept in versions in private storage (core/storage.py), never under a public address."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from boards.models import Agency
from core.models import BaseModel, Withdrawable
from core.storage import private_storage
from core.text_reading import TextState
from reviews.models.engagement import _OfReview


class Document(Withdrawable, _OfReview):
    """One document of the review. The reviewers and the board office see every one; the
    contributors of the agency that sent it see it too (`agency`)."""

    class Kind(models.TextChoices):
        AGENCY_REPORT = "agency_report", _("Agency report")
        CHRONOLOGY = "chronology", _("Chronology")
        MINUTES = "minutes", _("Minutes")
        TERMS_OF_REFERENCE = "terms_of_reference", _("Terms of reference")
        REPORT_DRAFT = "report_draft", _("Report draft")
        CORRESPONDENCE = "correspondence", _("Correspondence")
        EVIDENCE = "evidence", _("Evidence of an action's impact")
        OTHER = "other", _("Other")

    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=200)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        help_text="The agency that sent it: its contributors to the review see it.",
    )
    # Sent with an agency's answer to a request.
    request = models.ForeignKey(
        "reviews.AgencyRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )

    # Evidence of an action's impact, sent with its progress.
    action = models.ForeignKey(
        "reviews.Action",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


def _version_path(version, filename):
    # `filename` is already random (core.uploads.stored_name): nothing of the uploader's.
    return f"documents/{version.document.review_id}/{filename}"


class DocumentVersion(BaseModel):
    """One upload of a document. Earlier versions stay, and every download is audited.

    Its words are read by the worker after it is saved (`reviews.services.documents`,
    `core.document_text`), so that the case search finds them in the latest version."""

    TextState = TextState  # core.text_reading: read by the worker for the search

    # How `manage.py check_private_files` tells a missing file's case (core.private_files).
    CASE_REFERENCE = "document__review__incident__reference"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(storage=private_storage, upload_to=_version_path, max_length=300)
    name = models.CharField("file name", max_length=200)
    size = models.PositiveBigIntegerField()
    file_kind = models.CharField(max_length=20)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The file's words (core.document_text: at most a million characters), written by the
    # worker with an UPDATE, so that the change history keeps no copy of them. Lists of
    # documents defer them (reviews.selectors.documents).
    text = models.TextField(blank=True, editable=False)
    text_state = models.CharField(
        max_length=20, choices=TextState.choices, default=TextState.PENDING, editable=False
    )
    # The text as a stemmed PostgreSQL document (reviews.selectors.search.SEARCH_CONFIG),
    # made once by the worker rather than on every search; empty on SQLite.
    text_search = SearchVectorField(null=True, editable=False)

    board_lookup = "document__review__board_id"
    review_lookup = "document__review_id"
    holds_case_data = True

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_version_number")
        ]
