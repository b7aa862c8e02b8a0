"""A review, its setup, its stage history and its reviewers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from boards.models import Board
from core import limits
from core.models import BaseModel, Withdrawable
from guidance import methodologies, rulebooks


class Review(BaseModel):
    """A case review, created by the chair's decision (or a rapid review, converted by it)."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="reviews")
    incident = models.OneToOneField(
        "reviews.Incident", on_delete=models.PROTECT, related_name="review"
    )
    review_type = models.CharField(max_length=30, choices=list(rulebooks.REVIEW_TYPES.items()))
    initiated_on = models.DateField()
    methodology = models.CharField(
        max_length=40,
        choices=[(m.code, m.title) for m in methodologies.METHODOLOGIES.values()],
        default=methodologies.DEFAULT,
    )
    lt_option = models.CharField(
        "Learning Together option",
        max_length=20,
        blank=True,
        choices=list(methodologies.LEARNING_TOGETHER.options),
    )
    stage = models.CharField(max_length=40, default="preparation")
    terms_of_reference = models.TextField(blank=True, max_length=limits.NARRATIVE)
    # The reviewers choose what the agencies' contributors may read of the review.
    terms_shared_with_agencies = models.BooleanField(
        "share the terms of reference with the agencies' contributors", default=False
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervised_reviews",
        help_text="The accreditation staff member who quality-assures the findings.",
    )
    converted_from = models.CharField(
        max_length=30, blank=True, choices=list(rulebooks.REVIEW_TYPES.items())
    )
    converted_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    # Seed procedure 2.6: during an extension the board must still capture improvements and
    # take corrective action.
    interim_improvements = models.TextField("improvements captured so far", blank=True)
    interim_corrective_action = models.TextField("corrective action taken so far", blank=True)

    board_lookup = "board_id"
    review_lookup = "pk"
    holds_case_data = True

    class Meta:
        ordering = ["-initiated_on"]
        indexes = [models.Index(fields=["board", "stage"])]

    def __str__(self):
        return f"{self.get_review_type_display()}: {self.incident.reference}"

    @property
    def method(self) -> methodologies.Methodology:
        """Its methodology, with the stages of its Learning Together option."""
        return methodologies.get(self.methodology, self.lt_option)

    @property
    def stage_title(self) -> str:
        stage = self.method.stage(self.stage)
        return stage.title if stage else self.stage


class ResearchQuestion(Withdrawable, BaseModel):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="research_questions")
    question = models.TextField()
    shared_with_agencies = models.BooleanField(
        "share this question with the agencies' contributors", default=False
    )

    board_lookup = "review__board_id"
    review_lookup = "review_id"
    holds_case_data = True

    class Meta:
        ordering = ["created_at"]

    @property
    def board(self):
        return self.review.board


class StageChange(models.Model):
    """One move of a review between stages: who, when, from and to."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=40, blank=True)
    to_stage = models.CharField(max_length=40)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_stage or 'start'} → {self.to_stage}"


class ReviewerAppointment(Withdrawable, BaseModel):
    """A lead reviewer (or trainee) appointed to a review, with their independence declared."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead reviewer")
        CO_LEAD = "co_lead", _("Co-lead reviewer")
        TRAINEE = "trainee", _("Trainee reviewer")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="appointments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_appointments"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    independence_declared = models.BooleanField(default=False)
    declaration = models.TextField(
        blank=True, help_text="Any past connection to the case, the board or its agencies."
    )
    appointed_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    board_lookup = "review__board_id"
    review_lookup = "review_id"
    holds_case_data = True

    class Meta:
        ordering = ["appointed_on", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "user"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_appointment_per_reviewer",
            )
        ]

    @property
    def board(self):
        return self.review.board


class ApprovedReviewer(BaseModel):
    """A reviewer on a national body's approved list (the Welsh Government's, for single
    unified safeguarding reviews): reviews whose rulebook names the list appoint only them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="approved_lists"
    )
    approved_list = models.CharField(
        max_length=60, choices=[(name, name) for name in rulebooks.APPROVED_LISTS]
    )
    approved_on = models.DateField("date added to the list")
    reference = models.CharField(
        max_length=200, blank=True, help_text="The list's own reference or letter, if any."
    )
    ended_on = models.DateField("date taken off the list", null=True, blank=True)

    holds_case_data = False

    class Meta:
        ordering = ["approved_list", "approved_on", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "approved_list"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_place_on_a_list",
            )
        ]

    def __str__(self):
        return f"{self.user} on the {self.approved_list} list"

    def covers(self, day) -> bool:
        return self.approved_on <= day and (self.ended_on is None or day < self.ended_on)
