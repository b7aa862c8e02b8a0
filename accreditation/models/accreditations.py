"""Accredited reviewers: their status, annual review, network meetings and the directory.

An accredited reviewer works with fidelity to the model, attends at least three network
meetings a year and has their status reviewed annually. A missed annual review, or too few
meetings in the year, lapses the accreditation; staff may suspend one with a reason.
"""

from django.conf import settings
from django.db import models
from django.utils import dateformat
from django.utils.translation import gettext_lazy as _

from accreditation.models.cohorts import _OutsideBoards
from accreditation.models.training import Trainee
from core.models import Withdrawable
from deadlines.models import Deadline

REGIONS = [
    ("north_east", _("North East")),
    ("north_west", _("North West")),
    ("yorkshire", _("Yorkshire and the Humber")),
    ("east_midlands", _("East Midlands")),
    ("west_midlands", _("West Midlands")),
    ("east", _("East of England")),
    ("london", _("London")),
    ("south_east", _("South East")),
    ("south_west", _("South West")),
    ("wales", _("Wales")),
]
REGION_NAMES = dict(REGIONS)


# The kind of its deadlines in the deadlines layer (accreditation.deadline_kinds).
DEADLINE_KIND = "accreditation"


class Accreditation(_OutsideBoards):
    class Status(models.TextChoices):
        ACCREDITED = "accredited", _("Accredited")
        LAPSED = "lapsed", _("Lapsed")
        SUSPENDED = "suspended", _("Suspended")

    class Availability(models.TextChoices):
        AVAILABLE = "available", _("Available for new reviews")
        LIMITED = "limited", _("Limited availability")
        UNAVAILABLE = "unavailable", _("Not taking new reviews")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="accreditation"
    )
    trainee = models.OneToOneField(
        Trainee, on_delete=models.SET_NULL, null=True, blank=True, related_name="accreditation"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACCREDITED)
    accredited_on = models.DateField()
    # The current accreditation year: its network meetings count toward the annual review.
    year_started_on = models.DateField()
    annual_review_due_on = models.DateField()
    status_reason = models.TextField(blank=True, help_text="Why it lapsed or was suspended.")
    status_changed_on = models.DateField(null=True, blank=True)
    regions = models.JSONField(default=list, blank=True)
    availability = models.CharField(
        max_length=20, choices=Availability.choices, default=Availability.AVAILABLE
    )
    availability_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["user__name"]

    @property
    def deadlines(self):
        """Its deadlines, of every accreditation year (accreditation.deadline_kinds)."""
        return Deadline.objects.filter(kind=DEADLINE_KIND, owner_id=self.pk)

    def __str__(self):
        return f"{self.user}: {self.get_status_display().lower()}"

    @property
    def is_accredited(self) -> bool:
        return self.status == self.Status.ACCREDITED

    @property
    def region_names(self) -> list[str]:
        return [REGION_NAMES[code] for code in self.regions if code in REGION_NAMES]


class AnnualReview(_OutsideBoards):
    """The annual review of an accreditation: it continues for another year, or is suspended."""

    class Outcome(models.TextChoices):
        CONTINUED = "continued", _("Accreditation continues")
        SUSPENDED = "suspended", _("Suspended")

    accreditation = models.ForeignKey(
        Accreditation, on_delete=models.CASCADE, related_name="annual_reviews"
    )
    reviewed_on = models.DateField()
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    meetings_attended = models.PositiveSmallIntegerField()
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-reviewed_on", "-created_at"]


class NetworkMeeting(Withdrawable, _OutsideBoards):
    """A meeting of the professional development network of accredited reviewers."""

    date = models.DateField()
    title = models.CharField(max_length=200)
    venue = models.CharField(max_length=200, help_text="A place, or online.")

    class Meta:
        ordering = ["-date", "title"]

    def __str__(self):
        return f"{self.title}, {dateformat.format(self.date, 'j F Y')}"


class NetworkAttendance(_OutsideBoards):
    meeting = models.ForeignKey(NetworkMeeting, on_delete=models.CASCADE, related_name="attendance")
    accreditation = models.ForeignKey(
        Accreditation, on_delete=models.CASCADE, related_name="meetings_attended"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "accreditation"], name="one_attendance_each")
        ]
