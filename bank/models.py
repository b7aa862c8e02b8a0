"""The bank of completed reports (issue 22): published reports of any board, added by a board's
staff (or by the accreditation staff, for SCIE's own bank), their words read by the worker so
that one search finds them beside the learning library's findings.

A published report is public information: the bank holds no case record and links to none. It
is still checked for names before it is added (a report can be published with a name left in).
"""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boards.models import Board
from core.models import BaseModel, ChoiceLabels, Withdrawable
from core.storage import private_storage
from core.text_reading import TextState
from guidance import rulebooks


class Theme(BaseModel):
    """One word of the bank's vocabulary: a Learning Together category or a topic (neglect,
    information sharing...), editable by the platform's staff. `phrases` suggest the theme for
    a report whose text uses them (bank.themes); a person confirms it."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)
    phrases = models.JSONField(default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


def _report_path(report, filename):
    # `filename` is already random (core.uploads.stored_name): nothing of the uploader's.
    return f"bank/{filename}"


class BankedReport(Withdrawable, ChoiceLabels):
    """A completed review's published report: its file (a PDF, kept in private storage) or
    where it is published, with what it is about. `board` is the board whose staff added it and
    keep it (none: SCIE's own bank, kept by the accreditation staff); `published_by` the board
    that published it, as the report names it (any board, in the service or not)."""

    class AgeBand(models.TextChoices):
        UNDER_1 = "under_1", _("Under 1")
        AGE_1_TO_4 = "1_to_4", _("1 to 4")
        AGE_5_TO_10 = "5_to_10", _("5 to 10")
        AGE_11_TO_15 = "11_to_15", _("11 to 15")
        AGE_16_TO_17 = "16_to_17", _("16 or 17")
        AGE_18_TO_64 = "18_to_64", _("18 to 64")
        AGE_65_PLUS = "65_plus", _("65 or over")
        NOT_KNOWN = "not_known", _("Not known")

    TextState = TextState  # core.text_reading: read by the worker for the search

    # BaseModel's, but for the history: it keeps every change of the entry and never the
    # report's words (a million characters a row).
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["text", "text_search"])

    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, null=True, blank=True, related_name="banked_reports"
    )
    title = models.CharField(max_length=300)
    published_by = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField()
    review_type = models.CharField(max_length=30, choices=rulebooks.REVIEW_TYPE_CHOICES)
    age_band = models.CharField(max_length=20, choices=AgeBand.choices, default=AgeBand.NOT_KNOWN)
    # Confirmed by a person; `suggested_themes` are the text's, until someone looks at them.
    themes = models.ManyToManyField(Theme, blank=True, related_name="reports")
    suggested_themes = models.ManyToManyField(Theme, blank=True, related_name="+")
    published_url = models.URLField(max_length=500, blank=True)
    file = models.FileField(
        storage=private_storage, upload_to=_report_path, max_length=300, blank=True
    )
    file_name = models.CharField(max_length=200, blank=True)
    file_kind = models.CharField(max_length=20, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    # The file's SHA-256: the same file is added once (an import run twice adds nothing).
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    # The file's words (core.document_text, at most a million characters), written by the
    # worker with an UPDATE so that the change history keeps no copy of them.
    text = models.TextField(blank=True, editable=False)
    text_state = models.CharField(
        max_length=20, choices=TextState.choices, default=TextState.PENDING, editable=False
    )
    text_search = SearchVectorField(null=True, editable=False)
    # In the bank once one of its keepers has looked at what the worker found (the themes it
    # suggests) and confirmed the entry: until then only its keepers see it.
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-year", "title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sha256"],
                condition=~Q(sha256="") & Q(withdrawn_at__isnull=True),
                name="one_banked_report_a_file",
            ),
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(published_url=""), name="banked_report_file_or_link"
            ),
        ]

    def __str__(self):
        return self.title


def _import_path(bank_import, filename):
    # `filename` is already random (core.uploads.stored_name).
    return f"bank/imports/{filename}"


class BankImport(BaseModel):
    """A folder of published reports added at once with a CSV of their details (bank.imports):
    who ran it, for whose bank (`board`; none: SCIE's own), and what became of each row
    (`rows`), kept as the record of what happened. An upload's ZIP is kept in private storage
    until the worker has run the import, then deleted: the reports' files are kept by their
    entries, and the rows say what became of the others."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Adding the reports")
        DONE = "done", _("Finished")

    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, null=True, blank=True, related_name="bank_imports"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Where the files came from: the uploaded ZIP's name, or the folder of the command.
    source_name = models.CharField(max_length=300)
    csv_name = models.CharField(max_length=200)
    archive = models.FileField(
        storage=private_storage, upload_to=_import_path, max_length=300, blank=True
    )
    # The CSV when uploaded beside the ZIP (blank: it is inside the ZIP, or the command's).
    csv_file = models.FileField(
        storage=private_storage, upload_to=_import_path, max_length=300, blank=True
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.source_name


class BankImportRow(ChoiceLabels):
    """What became of one row of an import's CSV: added, already in the bank, or failed (and
    why). Written once, when the row has been dealt with."""

    class Outcome(models.TextChoices):
        ADDED = "added", _("Added")
        ALREADY = "already", _("Already in the bank")
        FAILED = "failed", _("Failed")

    bank_import = models.ForeignKey(BankImport, on_delete=models.CASCADE, related_name="rows")
    # As a spreadsheet numbers it: the headings are row 1.
    number = models.PositiveIntegerField()
    # The file's name or the address as the CSV gives it, and the title.
    source = models.CharField(max_length=500, blank=True)
    title = models.CharField(max_length=300, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reason = models.TextField(blank=True)
    # The entry added, or the one already holding the same report.
    report = models.ForeignKey(
        BankedReport, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["bank_import", "number"], name="one_outcome_a_row")
        ]

    def __str__(self):
        return f"{self.number}: {self.outcome}"
