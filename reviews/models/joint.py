"""A joint review: the reviews of two boards into the same death (a Community Safety
Partnership's domestic homicide review run with a safeguarding partnership's LCSPR or a
Safeguarding Adults Board's SAR), sharing one chronology and one record of family contact.

Each board keeps its own incident, decision, clocks and publication: the link joins the two
reviews and nothing else. The lead board proposes it to the other board, whose business manager
accepts it for one of its own reviews; until then neither board sees the other's case.
"""

from django.conf import settings
from django.db import models

from boards.models import Board
from core.models import BaseModel, Withdrawable
from reviews.models.reviews import Review


class JointReview(Withdrawable, BaseModel):
    lead = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="joint_as_lead")
    partner_board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+")
    partner = models.ForeignKey(
        Review,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="joint_as_partner",
    )
    note = models.TextField(
        "what the other board needs to know",
        max_length=2000,
        help_text="Such as the date of death and the review each board holds. Never a name.",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    accepted_on = models.DateField(null=True, blank=True)

    board_lookup = "lead__board_id"
    review_lookup = "lead_id"
    holds_case_data = True

    class Meta:
        ordering = ["created_at"]
        constraints = [
            # A review joins at most one other board's review at a time.
            models.UniqueConstraint(
                fields=["lead", "partner_board"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_joint_review_per_board_pair",
            ),
            models.UniqueConstraint(
                fields=["partner"],
                condition=models.Q(withdrawn_at__isnull=True, partner__isnull=False),
                name="one_joint_review_per_partner",
            ),
        ]

    def __str__(self):
        return f"Joint review of {self.lead.incident.reference} with {self.partner_board}"

    @property
    def board(self):
        return self.lead.board

    @property
    def is_accepted(self) -> bool:
        return self.partner_id is not None
