"""The board's action plan: what each agency will do about the findings, to impact."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from boards.models import Agency
from core.models import Withdrawable
from reviews.models.engagement import _OfReview


class Action(Withdrawable, _OfReview):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="actions")
    finding = models.ForeignKey(
        "reviews.Finding", on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    description = models.TextField()
    owner_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="actions")
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    completed_on = models.DateField(null=True, blank=True)
    evidence_of_impact = models.TextField(blank=True)
    # The recommendation it repeats: an action of an earlier review of the board.
    repeats = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeated_by",
        help_text="An earlier review's action that this one repeats.",
    )

    class Meta:
        ordering = ["due_on", "created_at"]

    def __str__(self):
        return self.description[:60]


class ActionUpdate(models.Model):
    """A progress note on an action."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField()
    note = models.TextField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "created_at"]

    def __str__(self):
        return f"Update of {self.on}"
