"""A board's self-assessment of one review against the quality markers (guidance.quality_markers):
one assessment a review at a time, one judgement a marker of its set."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import limits
from core.models import BaseModel, Withdrawable
from guidance import quality_markers


class Assessment(Withdrawable, BaseModel):
    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="quality_assessments"
    )
    # The set in force when it started: the review's kind is fixed once it is commissioned.
    marker_set = models.CharField(
        max_length=20,
        choices=[(code, marker_set.title) for code, marker_set in quality_markers.SETS.items()],
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.IN_PROGRESS)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    completed_on = models.DateField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Why a completed assessment was opened again: its history keeps each earlier reason.
    reopen_reason = models.TextField(blank=True, max_length=2000)

    board_lookup = "review__board_id"
    review_lookup = "review_id"
    holds_case_data = True

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["review"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_current_quality_assessment_a_review",
            )
        ]

    def __str__(self):
        return f"Quality markers self-assessment ({self.get_state_display()})"

    @property
    def board(self):
        return self.review.board

    @property
    def markers(self) -> quality_markers.MarkerSet:
        return quality_markers.SETS[self.marker_set]

    @property
    def is_completed(self) -> bool:
        return self.state == self.State.COMPLETED


class MarkerJudgement(BaseModel):
    """The board's judgement of one marker, with its evidence. Blank until judged."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="judgements")
    marker = models.CharField(max_length=60)
    judgement = models.CharField(
        max_length=20, blank=True, choices=list(quality_markers.JUDGEMENTS.items())
    )
    evidence = models.TextField(blank=True, max_length=limits.LONG_TEXT)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    judged_on = models.DateField(null=True, blank=True)

    board_lookup = "assessment__review__board_id"
    review_lookup = "assessment__review_id"
    holds_case_data = True

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "marker"], name="one_judgement_a_marker")
        ]

    def __str__(self):
        return f"{self.marker}: {self.judgement or 'not judged'}"

    @property
    def board(self):
        return self.assessment.review.board
