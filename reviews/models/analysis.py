"""What the reviewers learn: conversations, key practice episodes and findings."""

from django.conf import settings
from django.db import models

from core.models import Withdrawable
from reviews.models.engagement import _OfReview


class Conversation(Withdrawable, _OfReview):
    """A structured conversation with a practitioner (Guide 24 appendix 3)."""

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="conversations"
    )
    participant = models.ForeignKey(
        "reviews.ReviewParticipant", on_delete=models.SET_NULL, null=True, blank=True
    )
    held_on = models.DateField()
    overview = models.TextField("overview: what happened and their part", blank=True)
    turning_points = models.TextField("turning points and key practice episodes", blank=True)
    mindset = models.TextField("mindset and local rationality", blank=True)
    went_well = models.TextField("things that went well", blank=True)
    suggested_changes = models.TextField(blank=True)
    # Notes under the nine contributory-factor headings, by heading code.
    factors = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["held_on", "created_at"]


class KeyPracticeEpisode(Withdrawable, _OfReview):
    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="episodes")
    occurred_on = models.DateField()
    title = models.CharField(max_length=200)
    what_happened = models.TextField()
    appraisal = models.TextField("appraisal of practice", blank=True)
    # Contributory factors, by heading code of methodologies.CONTRIBUTORY_FACTORS.
    factors = models.JSONField(default=dict, blank=True)
    chronology_entries = models.ManyToManyField(
        "reviews.ChronologyEntry", blank=True, related_name="episodes"
    )
    # Bumped by every save: an edit made from an older version is a conflict, not a lost update.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["occurred_on", "created_at"]

    def __str__(self):
        return self.title


class FindingCategory(models.Model):
    """A Learning Together category of underlying patterns; editable, seeded with six."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "finding categories"

    def __str__(self):
        return self.name


class Finding(Withdrawable, _OfReview):
    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="findings")
    category = models.ForeignKey(FindingCategory, on_delete=models.PROTECT, related_name="findings")
    title = models.CharField(max_length=300)
    manifested = models.TextField("how the issue showed in this case")
    not_peculiar = models.TextField("how we know it is not peculiar to this case", blank=True)
    how_widespread = models.TextField("how widespread it is", blank=True)
    why_it_matters = models.TextField("why it matters", blank=True)
    issues_for_board = models.TextField("issues for the board to consider", blank=True)
    episodes = models.ManyToManyField(KeyPracticeEpisode, blank=True, related_name="findings")
    version = models.PositiveIntegerField(default=1)

    quality_assured_on = models.DateField(null=True, blank=True)
    quality_assured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    quality_notes = models.TextField(blank=True)

    board_response = models.TextField(blank=True)
    responded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.title
