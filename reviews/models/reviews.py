from django.db import models

from boards.models import Board
from core.models import BaseModel
from reviews import rulebooks


class Review(BaseModel):
    """A case review, created when the chair decides to hold one. Its workflow (stages,
    reviewers, findings) comes with the Reviews issue."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="reviews")
    incident = models.OneToOneField(
        "reviews.Incident", on_delete=models.PROTECT, related_name="review"
    )
    review_type = models.CharField(max_length=30, choices=list(rulebooks.REVIEW_TYPES.items()))
    initiated_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)

    board_lookup = "board_id"
    holds_case_data = True

    class Meta:
        ordering = ["-initiated_on"]

    def __str__(self):
        return f"{self.get_review_type_display()}: {self.incident.reference}"
