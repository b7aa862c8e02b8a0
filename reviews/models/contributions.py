"""The partner agencies' part in a review: the people of an agency invited to it, and what
they return to the board's requests."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from boards.models import Agency
from core import limits
from core.models import BaseModel
from guidance.methodologies import CLOSED_STAGE
from reviews.models.engagement import _OfReview


class ContributorQuerySet(models.QuerySet):
    def in_force(self):
        """Access that still opens the review: not ended, held by an active account, and the
        review not closed (closing it ends every contributor's access at once)."""
        return self.filter(ended_on__isnull=True, user__is_active=True).exclude(
            review__stage=CLOSED_STAGE.code
        )


class AgencyContributor(_OfReview):
    """A person of a partner agency, invited to one review to act for that agency: answer its
    requests, check the draft for factual accuracy, update its actions. They see nothing else
    of the review or the board (docs/permissions.md, "Agency contributors")."""

    class Job(models.TextChoices):
        SAFEGUARDING_LEAD = "safeguarding_lead", _("Safeguarding lead")
        RETURN_AUTHOR = "return_author", _("Author of the agency's return")
        MANAGER = "manager", _("Manager responsible for the agency's actions")

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="contributors"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="contributors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contributions"
    )
    job = models.CharField("their job in the review", max_length=30, choices=Job.choices)
    invited_on = models.DateField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ended_on = models.DateField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    end_reason = models.TextField(blank=True, max_length=limits.LONG_TEXT)

    objects = ContributorQuerySet.as_manager()

    class Meta:
        ordering = ["agency__name", "invited_on", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "agency", "user"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_contribution_per_person_and_agency",
                violation_error_message=_("This person is already invited for this agency"),
            )
        ]

    def __str__(self):
        return f"{self.user} for {self.agency} ({self.get_job_display()})"


class AgencyReturn(BaseModel):
    """What an agency sent in answer to a request, submitted in the service by one of its
    contributors. The reviewers may send it back with a reason; the agency then submits again,
    and every submission stays."""

    request = models.ForeignKey(
        "reviews.AgencyRequest", on_delete=models.CASCADE, related_name="returns"
    )
    answer = models.TextField("the agency's answer", blank=True, max_length=limits.NARRATIVE)
    files_locked_on = models.DateField("case files locked down on", null=True, blank=True)
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_back_at = models.DateTimeField(null=True, blank=True)
    sent_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_back_reason = models.TextField(blank=True, max_length=limits.LONG_TEXT)

    board_lookup = "request__review__board_id"
    review_lookup = "request__review_id"
    holds_case_data = True

    class Meta:
        ordering = ["submitted_at"]

    @property
    def board(self):
        return self.request.review.board

    @property
    def review(self):
        return self.request.review

    @property
    def review_id(self):
        return self.request.review_id

    @property
    def agency_id(self):
        return self.request.agency_id
