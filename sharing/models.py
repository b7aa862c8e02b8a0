"""Sharing the learning (issue 22; the seed procedure's section 2.10): the learning events,
briefings, training and bulletins by which a board takes the findings of its published reviews
to practitioners, the people each reached by agency, the materials used and the feedback; and
each sending of a review's learning brief to the board's agency contacts.

An activity names its reviews and categories, never a person: the reviews are published, and a
case is shown by its reference only.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boards.models import Agency, Board
from core import limits
from core.models import BaseModel, ChoiceLabels, Withdrawable
from core.storage import private_storage
from reviews.models import FindingCategory, Review


class LearningActivity(Withdrawable, ChoiceLabels):
    """One learning event, briefing, training session, bulletin or conference of a board, with
    the published reviews and the Learning Together categories it shared. Whom it reached is in
    its `Reach` rows; its documents in `Material`."""

    class Kind(models.TextChoices):
        LEARNING_EVENT = "learning_event", _("Learning event")
        SEVEN_MINUTE_BRIEFING = "seven_minute_briefing", _("Seven-minute briefing")
        TRAINING = "training", _("Training session")
        BULLETIN = "bulletin", _("Bulletin or newsletter")
        CONFERENCE = "conference", _("Conference")
        OTHER = "other", _("Other")

    # BaseModel's, but for the history: it keeps the reviews and categories of every version too.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="learning_activities")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=limits.SHORT_TEXT)
    held_on = models.DateField()
    reviews = models.ManyToManyField(Review, blank=True, related_name="learning_activities")
    categories = models.ManyToManyField(
        FindingCategory, blank=True, related_name="learning_activities"
    )
    # The feedback in words, and (when counted) how many gave it and how many said the learning
    # would change their practice.
    feedback = models.TextField(blank=True, max_length=limits.LONG_TEXT)
    feedback_count = models.PositiveIntegerField(null=True, blank=True)
    practice_change_count = models.PositiveIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=[reviews, categories])

    board_lookup = "board_id"
    # Free text about a board's cases (the feedback): platform admins see it only with a role.
    holds_case_data = True

    class Meta:
        ordering = ["-held_on", "title", "id"]
        indexes = [models.Index(fields=["board", "held_on"])]

    def __str__(self):
        return self.title


class Reach(BaseModel):
    """How many people of one of the board's agencies an activity reached; `agency` empty: the
    people from outside the board's agencies."""

    activity = models.ForeignKey(LearningActivity, on_delete=models.CASCADE, related_name="reach")
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    people = models.PositiveIntegerField()

    board_lookup = "activity__board_id"
    holds_case_data = True

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "agency"], name="one_reach_per_agency"),
            models.UniqueConstraint(
                fields=["activity"],
                condition=Q(agency__isnull=True),
                name="one_reach_outside_the_agencies",
            ),
        ]

    def __str__(self):
        return f"{self.people} reached"

    @property
    def board(self):
        return self.activity.board


def _material_path(material, filename):
    # `filename` is already random (core.uploads.stored_name): nothing of the uploader's.
    return f"sharing/{filename}"


class Material(Withdrawable, BaseModel):
    """A document an activity used or handed out (slides, a briefing, a bulletin): a PDF, Word
    or PowerPoint file, kept in private storage."""

    activity = models.ForeignKey(
        LearningActivity, on_delete=models.CASCADE, related_name="materials"
    )
    file = models.FileField(storage=private_storage, upload_to=_material_path, max_length=300)
    file_name = models.CharField(max_length=200)
    file_kind = models.CharField(max_length=20)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    board_lookup = "activity__board_id"
    holds_case_data = True

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.file_name

    @property
    def board(self):
        return self.activity.board


class BriefSending(BaseModel):
    """The review's published learning brief e-mailed to the board members of the agencies
    chosen: who sent it, when, to which agencies and how many people."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="brief_sendings")
    agencies = models.ManyToManyField(Agency, related_name="+")
    people = models.PositiveIntegerField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    board_lookup = "review__board_id"
    holds_case_data = True

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Learning brief sent to {self.people}"

    @property
    def board(self):
        return self.review.board
