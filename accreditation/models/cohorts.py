"""Programmes, cohorts and applications to them.

A cohort is one run of the lead reviewer programme: a four-day course in two blocks, a fee per
trainee, a number of places and an application window. People apply with a CV and answers to
the cohort's questions; staff score each application against the selection criteria and offer
a place, put it on the waiting list or decline it.
"""

from django.conf import settings
from django.db import models
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import BaseModel, Withdrawable
from core.storage import private_storage


class _OutsideBoards(BaseModel):
    """Accreditation records belong to no board: the accreditation staff run them."""

    board_lookup = None
    holds_case_data = False

    class Meta:
        abstract = True


def default_fee():
    return settings.ACCREDITATION_FEE_PENCE


class Programme(_OutsideBoards):
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Cohort(Withdrawable, _OutsideBoards):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(max_length=200)
    venue = models.CharField(max_length=200)
    trainers = models.CharField(max_length=300, help_text="Who runs the course days.")
    places = models.PositiveSmallIntegerField()
    fee_pence = models.PositiveIntegerField(
        "fee per trainee (pence, before VAT)", default=default_fee
    )
    vat_applies = models.BooleanField(default=True)
    applications_open_on = models.DateField()
    applications_close_on = models.DateField()

    class Meta:
        ordering = ["-applications_close_on", "name"]
        constraints = [
            # A withdrawn cohort gives its name up.
            models.UniqueConstraint(
                fields=["programme", "name"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_current_cohort_name",
            ),
            models.CheckConstraint(
                condition=models.Q(applications_close_on__gte=models.F("applications_open_on")),
                name="window_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return f"{self.programme.name}: {self.name}"

    def is_open_on(self, day) -> bool:
        return self.applications_open_on <= day <= self.applications_close_on

    @property
    def fee_text(self) -> str:
        """Like "£3,500 + VAT (£4,200 in all)"."""
        if not self.vat_applies:
            return _pounds(self.fee_pence)
        with_vat = self.fee_pence * (100 + settings.ACCREDITATION_VAT_PERCENT) // 100
        return _("%(fee)s + VAT (%(total)s in all)") % {
            "fee": _pounds(self.fee_pence),
            "total": _pounds(with_vat),
        }

    @property
    def days_to_plan(self) -> int:
        """Course days still to add, against the usual length of the course."""
        return max(settings.ACCREDITATION_TRAINING_DAYS - self.training_days.count(), 0)


def _pounds(pence: int) -> str:
    return f"£{pence / 100:,.2f}".replace(".00", "")


class TrainingDay(Withdrawable, _OutsideBoards):
    """A day of the course. The course runs in blocks (two blocks of two days by default)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="training_days")
    date = models.DateField()
    block = models.PositiveSmallIntegerField(default=1)
    venue = models.CharField(max_length=200, blank=True, help_text="If not the cohort's venue.")

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "date"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_current_day_a_date",
            )
        ]

    def __str__(self):
        return _("%(date)s (block %(block)s)") % {
            "date": dateformat.format(self.date, "j F Y"),
            "block": self.block,
        }


class CohortQuestion(Withdrawable, _OutsideBoards):
    """A question of the supporting statement."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()

    class Meta:
        ordering = ["order", "created_at"]

    def __str__(self):
        return self.text


class SelectionCriterion(Withdrawable, _OutsideBoards):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    max_score = models.PositiveSmallIntegerField(default=5)

    class Meta:
        ordering = ["order", "created_at"]
        verbose_name_plural = "selection criteria"

    def __str__(self):
        return self.text


class Application(_OutsideBoards):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", gettext_lazy("Submitted")
        OFFERED = "offered", gettext_lazy("Offered a place")
        WAITING_LIST = "waiting_list", gettext_lazy("On the waiting list")
        DECLINED = "declined", gettext_lazy("Not offered a place")
        WITHDRAWN = "withdrawn", gettext_lazy("Withdrawn")

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    # Kept outside the web root; downloaded only through the service, by staff and the applicant.
    cv = models.FileField(storage=private_storage, upload_to="cvs/%Y/")
    cv_name = models.CharField("CV file name as uploaded", max_length=200)
    submitted_on = models.DateField()
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_letter = models.TextField(blank=True)

    class Meta:
        ordering = ["submitted_on", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "applicant"], name="one_application_each")
        ]

    def __str__(self):
        return f"{self.applicant} for {self.cohort}"


class ApplicationAnswer(_OutsideBoards):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(CohortQuestion, on_delete=models.PROTECT, related_name="+")
    answer = models.TextField()

    class Meta:
        ordering = ["question__order", "question__created_at"]
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="one_answer_each")
        ]


class ApplicationScore(_OutsideBoards):
    """One member of staff's score of one application against one criterion."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(SelectionCriterion, on_delete=models.PROTECT, related_name="+")
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["criterion__order", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion", "scorer"], name="one_score_each"
            )
        ]
