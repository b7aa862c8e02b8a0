"""The statutory clocks of each case, stored so that lists, filters and reminders can use them.

Rows are kept in step with the facts by `reviews.services.clocks.deadlines_sync`; their
status (upcoming, due soon, overdue...) depends on today and is computed when read
(`reviews.selectors.deadlines`).
"""

from django.db import models

from boards.models import Board
from core.models import BaseModel
from guidance import rulebooks


class Deadline(BaseModel):
    class Status(models.TextChoices):
        UPCOMING = "upcoming", "Upcoming"
        DUE_SOON = "due_soon", "Due soon"
        DUE_TODAY = "due_today", "Due today"
        OVERDUE = "overdue", "Overdue"
        MET = "met", "Met"
        MET_LATE = "met_late", "Met late"
        PAUSED = "paused", "Paused"
        NOT_APPLICABLE = "not_applicable", "Not applicable"

    # A case's deadlines are its board's; an accreditation's belong to no board.
    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, null=True, blank=True, related_name="deadlines"
    )
    incident = models.ForeignKey(
        "reviews.Incident",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deadlines",
    )
    rulebook = models.CharField(max_length=40)
    clock = models.CharField(max_length=40)
    starts_on = models.DateField()
    due_on = models.DateField(help_text="After any pauses.")
    met_on = models.DateField(null=True, blank=True)
    paused_since = models.DateField(null=True, blank=True)
    # Deadlines that are not statutory clocks: an action of the plan, a request to an agency.
    action = models.OneToOneField(
        "reviews.Action", on_delete=models.CASCADE, null=True, blank=True, related_name="deadline"
    )
    agency_request = models.OneToOneField(
        "reviews.AgencyRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deadline",
    )
    # Deadlines of an accredited reviewer: the annual review, the network meetings of the year.
    accreditation = models.ForeignKey(
        "accreditation.Accreditation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deadlines",
    )

    board_lookup = "board_id"
    holds_case_data = True

    class Meta:
        ordering = ["due_on", "clock"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "clock"],
                condition=models.Q(action__isnull=True, agency_request__isnull=True),
                name="one_deadline_per_clock",
            ),
            models.UniqueConstraint(
                fields=["accreditation", "clock", "starts_on"],
                condition=models.Q(accreditation__isnull=False),
                name="one_accreditation_deadline_a_year",
            ),
            models.CheckConstraint(
                condition=models.Q(incident__isnull=False, board__isnull=False)
                | models.Q(accreditation__isnull=False),
                name="deadline_of_a_case_or_an_accreditation",
            ),
        ]
        indexes = [models.Index(fields=["board", "met_on", "due_on"])]

    def __str__(self):
        return f"{self.rule} for {self.reference}: due {self.due_on}"

    @property
    def is_statutory(self) -> bool:
        return (
            self.action_id is None
            and self.agency_request_id is None
            and self.accreditation_id is None
        )

    @property
    def reference(self) -> str:
        """What the deadline is about: the case reference, or whose accreditation."""
        if self.accreditation_id:
            return f"Accreditation of {self.accreditation.user.name}"
        return self.incident.reference

    @property
    def rule(self) -> str:
        if self.accreditation_id:
            return f"accreditation.{self.clock}"
        if not self.is_statutory:
            return f"board.{self.clock}"
        return rulebooks.get(self.rulebook).rule(self.clock)

    @property
    def definition(self) -> rulebooks.Clock | None:
        return rulebooks.get(self.rulebook).clock(self.clock) if self.is_statutory else None


class ClockPause(BaseModel):
    """A time a clock stood still, and why (seed procedure 2.6: parallel proceedings)."""

    class Reason(models.TextChoices):
        CRIMINAL_PROCEEDINGS = "criminal_proceedings", "Parallel criminal proceedings"
        INQUEST = "inquest", "Inquest"
        OTHER = "other", "Other"

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="pauses")
    reason = models.CharField(max_length=30, choices=Reason.choices)
    details = models.TextField(blank=True)
    paused_on = models.DateField()
    resumed_on = models.DateField(null=True, blank=True)

    board_lookup = "deadline__board_id"
    holds_case_data = True

    class Meta:
        ordering = ["paused_on", "created_at"]

    @property
    def board(self):
        return self.deadline.board


class ClockExtension(BaseModel):
    """A new due date agreed for a clock, with the reason (seed procedure 2.6)."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="extensions")
    extended_to = models.DateField()
    reason = models.TextField()
    agreed_on = models.DateField()

    board_lookup = "deadline__board_id"
    holds_case_data = True

    class Meta:
        ordering = ["agreed_on", "created_at"]

    @property
    def board(self):
        return self.deadline.board
