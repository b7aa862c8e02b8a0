"""What runs beside a case and holds it up: parallel proceedings (a criminal investigation, a
trial, an inquest, an IOPC investigation, a disciplinary process), which are why most clocks are
paused, and reporting restrictions or court orders, which forbid publication until they end."""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel, Withdrawable
from reviews.models.incidents import Incident


class ParallelProceeding(Withdrawable, BaseModel):
    """One proceeding beside the case, described by its kind and dates, never by names."""

    class Kind(models.TextChoices):
        CRIMINAL_INVESTIGATION = "criminal_investigation", _("Criminal investigation")
        TRIAL = "trial", _("Criminal trial")
        INQUEST = "inquest", _("Inquest")
        IOPC = "iopc", _("IOPC investigation")
        DISCIPLINARY = "disciplinary", _("Disciplinary process")
        OTHER = "other", _("Other")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="proceedings")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    description = models.CharField(
        max_length=200,
        help_text="The court, coroner or body, and what it is about. Never a name.",
    )
    started_on = models.DateField()
    next_date = models.DateField("next key date", null=True, blank=True)
    next_date_what = models.CharField("what happens then", max_length=200, blank=True)
    concluded_on = models.DateField(null=True, blank=True)

    board_lookup = "incident__board_id"
    holds_case_data = True

    class Meta:
        ordering = ["started_on", "created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.incident.reference}"

    @property
    def board(self):
        return self.incident.board

    @property
    def is_ongoing(self) -> bool:
        return self.concluded_on is None


class ReportingRestriction(Withdrawable, BaseModel):
    """A reporting restriction or a court order: while it is in force the chair cannot decide
    to publish the report, and a published report leaves the public listing."""

    class Kind(models.TextChoices):
        REPORTING_RESTRICTION = "reporting_restriction", _("Reporting restriction")
        COURT_ORDER = "court_order", _("Court order")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="restrictions")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    made_by = models.CharField("made by", max_length=200, help_text="The court or body.")
    made_on = models.DateField()
    ends_on = models.DateField(help_text="It applies up to and including this day.")
    what_it_forbids = models.TextField()

    board_lookup = "incident__board_id"
    holds_case_data = True

    class Meta:
        ordering = ["ends_on", "created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.incident.reference}"

    @property
    def board(self):
        return self.incident.board

    def in_force_on(self, day: dt.date) -> bool:
        return not self.is_withdrawn and self.made_on <= day <= self.ends_on
