"""The record of what the retention job did: one run per board and night, one row per case.

These rows are the audit of the anonymisation, so they keep no history of their own and hold
nothing of a case but its reference: never a name, a date of birth or any of its text.
"""

from django.db import models
from django.utils import timezone

from boards.models import Board
from guidance.retention import CLOSED_BY_LABELS


class RetentionRun(models.Model):
    """One run of the job over one board's closed cases."""

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", "Nightly schedule"
        COMMAND = "command", "Run by hand"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="retention_runs")
    trigger = models.CharField(max_length=20, choices=Trigger.choices, default=Trigger.SCHEDULE)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The board's period when the run started, and the day it counted from.
    retention_years = models.PositiveSmallIntegerField()
    run_on = models.DateField()
    cases_due = models.PositiveIntegerField(default=0)
    cases_anonymised = models.PositiveIntegerField(default=0)
    cases_failed = models.PositiveIntegerField(default=0)
    # Case references of the cases that failed (retried by the next run); never a reason that
    # could quote a record.
    failed_references = models.JSONField(default=list, blank=True)

    board_lookup = "board_id"
    # Case references only, but references all the same.
    holds_case_data = True

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["board", "-started_at"])]

    def __str__(self):
        return f"Retention run of {self.board} on {self.run_on:%-d %B %Y}"

    @property
    def cases_left(self) -> int:
        """Due but not done by this run (over the run's limit, failed, or taken by another
        run at the same time): the next run takes them."""
        return max(self.cases_due - self.cases_anonymised, 0)

    @property
    def outcome(self) -> str:
        if self.finished_at is None:
            return "Not finished"
        if self.cases_failed:
            return "Finished with failures"
        if self.cases_left:
            return "Finished, more cases left for the next run"
        return "Finished"


class RetentionRecord(models.Model):
    """One case anonymised: which, when, under what period, and how much of what was removed
    (counts by kind of record, never the content)."""

    run = models.ForeignKey(RetentionRun, on_delete=models.RESTRICT, related_name="records")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="retention_records")
    # One record per case: a case is anonymised once. Kept if the incident row ever goes.
    incident = models.OneToOneField(
        "reviews.Incident",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="retention_record",
    )
    case_reference = models.CharField(max_length=60)
    closed_on = models.DateField()
    closed_by = models.CharField(max_length=30)
    kept_until = models.DateField()
    retention_years = models.PositiveSmallIntegerField()
    anonymised_at = models.DateTimeField(default=timezone.now)
    # {"deleted": {kind of record: count}, "text_removed_from": {kind: count},
    #  "files_deleted": count, "history_rows_deleted": count} (retention.anonymise).
    removed = models.JSONField(default=dict)

    board_lookup = "board_id"
    holds_case_data = True

    class Meta:
        ordering = ["-anonymised_at", "case_reference"]
        indexes = [models.Index(fields=["board", "-anonymised_at"])]

    def __str__(self):
        return f"{self.case_reference} anonymised on {self.anonymised_at:%-d %B %Y}"

    @property
    def closed_by_label(self) -> str:
        return CLOSED_BY_LABELS.get(self.closed_by, self.closed_by)
