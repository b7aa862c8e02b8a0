"""Trainees: course attendance, the practice review, supervision and the assessment.

After the course a trainee arranges a supervised practice review, commissioned by a board, in a
pair with another trainee or an accredited reviewer. A rolling programme of group supervision
days supports them (at least four attended); individual supervision is charged to the board
that commissioned the practice review. The assessment covers the competency areas with evidence
from three sources, and is both summative and formative, moderated by a second assessor.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accreditation.models.cohorts import Application, Cohort, TrainingDay, _OutsideBoards
from core.models import CurrentRecords, Withdrawable


class Trainee(_OutsideBoards):
    class Status(models.TextChoices):
        IN_TRAINING = "in_training", gettext_lazy("In training")
        ACCREDITED = "accredited", gettext_lazy("Accredited")
        NOT_YET = "not_yet", gettext_lazy("Not yet accredited")
        WITHDRAWN = "withdrawn", gettext_lazy("Withdrawn")

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="trainee"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="trainees")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_TRAINING)
    # The real review, in the Reviews app, that the trainee carries out under supervision.
    practice_review = models.ForeignKey(
        "reviews.Review",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practice_trainees",
    )

    class Meta:
        ordering = ["user__name"]
        constraints = [models.UniqueConstraint(fields=["cohort", "user"], name="one_trainee_each")]

    def __str__(self):
        return f"{self.user} ({self.cohort.name})"

    @property
    def is_current(self) -> bool:
        return self.status == self.Status.IN_TRAINING


class TrainingAttendance(_OutsideBoards):
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="attendance")
    training_day = models.ForeignKey(TrainingDay, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["trainee", "training_day"], name="attended_once")
        ]


class SupervisionSession(Withdrawable, _OutsideBoards):
    """A day of group supervision in the rolling programme, open to every current trainee.

    Which step applies when is decided by the session's date alone (the refusals below, read
    by the services and shown on the pages): places are booked ahead, up to the day itself;
    attendance is recorded from the day on, by staff, for any trainee in training, booked or
    not, because sessions are often entered after they took place.
    """

    date = models.DateField()
    title = models.CharField(max_length=200)
    venue = models.CharField(max_length=200)
    capacity = models.PositiveSmallIntegerField()
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["date", "title"]

    def __str__(self):
        return f"{self.title}, {dateformat.format(self.date, 'j F Y')}"

    def booking_refusal(self, today: dt.date) -> str:
        """Why a place cannot be booked on `today`, or "" when it can."""
        if self.date < today:
            return _(
                "This session took place on %(date)s: places can no longer be booked. Staff "
                "record who attended"
            ) % {"date": dateformat.format(self.date, "j F Y")}
        return ""

    def attendance_refusal(self, today: dt.date) -> str:
        """Why attendance cannot be recorded on `today`, or "" when it can."""
        if self.date > today:
            return _("This session is on %(date)s: attendance can be recorded from that day") % {
                "date": dateformat.format(self.date, "j F Y")
            }
        return ""

    def cancel_refusal(self, today: dt.date) -> str:
        """Why a booked place cannot be given up on `today`, or "" when it can."""
        if self.date < today:
            return _(
                "This session took place on %(date)s: staff record whether the trainee attended"
            ) % {"date": dateformat.format(self.date, "j F Y")}
        return ""


class CurrentBookings(CurrentRecords):
    """Bookings not withdrawn, at sessions not withdrawn: what every list and count reads
    (a trainee's progress, places taken)."""

    def get_queryset(self):
        return super().get_queryset().filter(session__withdrawn_at__isnull=True)


class SupervisionBooking(Withdrawable, _OutsideBoards):
    class Status(models.TextChoices):
        BOOKED = "booked", gettext_lazy("Booked")
        ATTENDED = "attended", gettext_lazy("Attended")
        ABSENT = "absent", gettext_lazy("Did not attend")
        CANCELLED = "cancelled", gettext_lazy("Cancelled")

    session = models.ForeignKey(
        SupervisionSession, on_delete=models.CASCADE, related_name="bookings"
    )
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="bookings")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.BOOKED)

    objects = CurrentBookings()

    class Meta:
        ordering = ["session__date", "created_at"]
        constraints = [
            # A trainee holds at most one live booking of a session; a cancelled or withdrawn
            # one may be booked again.
            models.UniqueConstraint(
                fields=["session", "trainee"],
                condition=~models.Q(status="cancelled") & models.Q(withdrawn_at__isnull=True),
                name="one_current_booking_each",
            )
        ]


class IndividualSupervision(_OutsideBoards):
    """One-to-one supervision of a trainee, charged to the board that commissioned the
    practice review."""

    trainee = models.ForeignKey(
        Trainee, on_delete=models.CASCADE, related_name="individual_supervision"
    )
    held_on = models.DateField()
    hours = models.DecimalField(max_digits=4, decimal_places=1)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    board_to_charge = models.ForeignKey(
        "boards.Board", on_delete=models.PROTECT, related_name="supervision_charges"
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["held_on", "created_at"]


class CompetencyArea(models.Model):
    """An area the assessment covers (six by default). Staff may rename, add or retire them."""

    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Assessment(_OutsideBoards):
    """The assessment of a trainee toward accreditation: summative (the outcome) and formative
    (strengths and areas to work on), moderated by a second assessor."""

    class Outcome(models.TextChoices):
        ACCREDITED = "accredited", gettext_lazy("Accredited")
        NOT_YET = "not_yet", gettext_lazy("Not yet")
        WITHDRAWN = "withdrawn", gettext_lazy("Withdrawn")

    trainee = models.OneToOneField(Trainee, on_delete=models.CASCADE, related_name="assessment")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    summative_judgement = models.TextField(blank=True)
    strengths = models.TextField(blank=True)
    areas_to_work_on = models.TextField(blank=True)
    judged_on = models.DateField(null=True, blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderation_agreed = models.BooleanField(null=True, blank=True)
    moderation_notes = models.TextField(blank=True)
    moderated_on = models.DateField(null=True, blank=True)

    @property
    def is_final(self) -> bool:
        return bool(self.outcome) and self.moderation_agreed is True


class EvidenceItem(_OutsideBoards):
    class Source(models.TextChoices):
        WRITTEN = "written", gettext_lazy("Written review documents")
        OTHERS = "others", gettext_lazy("Input from others involved in the review")
        TRAINEE = "trainee", gettext_lazy("Input from the trainee")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    area = models.ForeignKey(CompetencyArea, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=20, choices=Source.choices)
    description = models.TextField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["area__order", "created_at"]
