"""Who takes part in a review and what the agencies provide."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from boards.models import Agency
from core.models import BaseModel, Withdrawable


class _OfReview(BaseModel):
    board_lookup = "review__board_id"
    review_lookup = "review_id"
    holds_case_data = True

    class Meta:
        abstract = True

    @property
    def board(self):
        return self.review.board


class ReviewParticipant(Withdrawable, _OfReview):
    """A member of the review team (senior agency staff) or the case group (practitioners)."""

    class Group(models.TextChoices):
        REVIEW_TEAM = "review_team", _("Review team")
        CASE_GROUP = "case_group", _("Case group")

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="participants"
    )
    group = models.CharField(max_length=20, choices=Group.choices)
    name = models.CharField(max_length=200)
    agency = models.ForeignKey(Agency, on_delete=models.SET_NULL, null=True, blank=True)
    role = models.CharField("job title or role", max_length=200, blank=True)
    contact = models.CharField("email or phone", max_length=200, blank=True)

    class Meta:
        ordering = ["group", "name"]

    def __str__(self):
        return f"{self.name} ({self.get_group_display()})"


class Meeting(Withdrawable, _OfReview):
    class Kind(models.TextChoices):
        REVIEW_TEAM = "review_team", _("Review team meeting")
        CASE_GROUP = "case_group", _("Case group meeting")
        JOINT = "joint", _("Joint review team and case group meeting")
        OTHER = "other", _("Other meeting")

    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    planned_on = models.DateField()
    held_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    attendees = models.ManyToManyField(ReviewParticipant, blank=True, related_name="meetings")

    class Meta:
        ordering = ["planned_on", "created_at"]


class AgencyRequest(Withdrawable, _OfReview):
    """A request to an agency for information, sent in the service to the agency's
    contributors (or recorded, where it went another way) and chased until received."""

    class Asks(models.TextChoices):
        CHRONOLOGY = "chronology", _("A chronology of the agency's contact")
        AGENCY_REPORT = "agency_report", _("An agency report")
        LOCKDOWN = "lockdown", _("Confirmation that the case files are locked down")
        PRACTITIONER_EVENT = "event", _("Attendance at a practitioner event")
        OTHER = "other", _("Other information")

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="agency_requests"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="requests")
    asks = models.CharField(
        "what is asked for", max_length=30, choices=Asks.choices, default=Asks.OTHER
    )
    details = models.TextField("what was asked for")
    # The period a chronology covers.
    period_from = models.DateField(null=True, blank=True)
    period_to = models.DateField(null=True, blank=True)
    requested_on = models.DateField()
    due_on = models.DateField()
    times_chased = models.PositiveIntegerField(default=0)
    last_chased_on = models.DateField(null=True, blank=True)
    received_on = models.DateField(null=True, blank=True)
    # The agency confirmed its case files are secured against change for the review.
    files_locked_on = models.DateField(null=True, blank=True)
    # Sent in the service: the agency's contributors were told, and are reminded and chased.
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "created_at"]

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None


class ChronologyEntry(Withdrawable, _OfReview):
    """One dated entry of an agency's chronology; together they make the merged chronology.

    An agency often knows a date only to the month or year, or roughly ("early May 2016"):
    `occurred_on` is then the first day it may be (where the entry sorts), `date_certainty`
    says how sure it is and `date_as_written` keeps what the agency wrote.
    """

    class Certainty(models.TextChoices):
        EXACT = "exact", _("Exact")
        MONTH = "month", _("Month only")
        YEAR = "year", _("Year only")
        APPROXIMATE = "approximate", _("Approximate")

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="chronology"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="chronology_entries")
    occurred_on = models.DateField()
    occurred_at = models.TimeField("time", null=True, blank=True)
    date_certainty = models.CharField(
        "how certain the date is", max_length=20, choices=Certainty.choices, default="exact"
    )
    date_as_written = models.CharField(max_length=60, blank=True)
    practitioner_role = models.CharField("practitioner's role", max_length=200, blank=True)
    entry = models.TextField("what happened")
    action_taken = models.TextField("what was done", blank=True)
    source = models.CharField("source record", max_length=200, blank=True)
    # The agency's import it came from; typed in the service when empty.
    imported_from = models.ForeignKey(
        "reviews.ChronologyImport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )

    class Meta:
        ordering = ["occurred_on", "occurred_at", "created_at"]
        verbose_name_plural = "chronology entries"
        indexes = [models.Index(fields=["review", "occurred_on"], name="chronology_by_date")]

    def __str__(self):
        return (
            f"{self.occurred_on:%-d %b %Y}: {self.entry.splitlines()[0][:80] if self.entry else ''}"
        )

    @property
    def is_uncertain(self) -> bool:
        return self.date_certainty != self.Certainty.EXACT


class ChronologyImport(_OfReview):
    """An agency's chronology file, taken whole. A later import of the same agency replaces it:
    its entries are withdrawn with the reason, and stay in the history."""

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="chronology_imports"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(max_length=200)
    file_kind = models.CharField(max_length=20)
    rows = models.PositiveIntegerField()
    # {column: the file's header it was read from}, remembered for the agency's next file.
    mapping = models.JSONField(default=dict, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    replaced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class Involvement(Withdrawable, _OfReview):
    """An offer to a family member or practitioner to take part, and their answer and views."""

    class Kind(models.TextChoices):
        FAMILY = "family", _("Family member")
        PRACTITIONER = "practitioner", _("Practitioner")

    class Response(models.TextChoices):
        AWAITED = "awaited", _("Awaiting an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="involvements"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    who = models.CharField(
        max_length=200, help_text="Their relationship or role, like “mother”, never a real name."
    )
    offered_on = models.DateField()
    response = models.CharField(max_length=20, choices=Response.choices, default=Response.AWAITED)
    responded_on = models.DateField(null=True, blank=True)
    views = models.TextField("views recorded", blank=True)

    class Meta:
        ordering = ["offered_on", "created_at"]
