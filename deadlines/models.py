"""Every deadline of the service, stored so that lists, filters and reminders can use them.

A deadline is of a kind that its owning app declares (`deadlines.kinds`): the statutory clocks
of a case, an action of a review's plan, a request to an agency, an accreditation's yearly
review. The owning apps keep the rows in step with their facts (the clocks:
`reviews.services.clocks.deadlines_sync`); every write of a row is announced
(`deadlines.changes`), and reminders follow. A row's status (upcoming, due soon, overdue...)
depends on today and is computed when read (`deadlines.selectors.with_status`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boards.models import Board
from core.models import BaseModel
from deadlines import changes, kinds
from deadlines.kinds import STATUTORY
from guidance import rulebooks


class DeadlineQuerySet(models.QuerySet):
    """Writes in bulk are announced like saves, so that reminders follow every change."""

    def update(self, **kwargs):
        ids = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        changes.announce(ids)
        return count

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        changes.announce([d.pk for d in created])
        return created

    def bulk_update(self, objs, *args, **kwargs):
        count = super().bulk_update(objs, *args, **kwargs)
        changes.announce([d.pk for d in objs])
        return count


class Deadline(BaseModel):
    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("Upcoming")
        DUE_SOON = "due_soon", _("Due soon")
        DUE_TODAY = "due_today", _("Due today")
        OVERDUE = "overdue", _("Overdue")
        MET = "met", _("Met")
        MET_LATE = "met_late", _("Met late")
        PAUSED = "paused", _("Paused")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    # A case's deadlines are its board's; an accreditation's belong to no board.
    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, null=True, blank=True, related_name="deadlines"
    )
    # What the deadline is of: a kind declared by the app that owns it (deadlines.kinds), and
    # the id of its record there. The apps above hold the records, so this layer names them by
    # id, and each owning app removes their deadlines with them (its AppConfig.ready).
    kind = models.CharField(max_length=30)
    owner_id = models.UUIDField()
    # The case (reviews.Incident) it belongs to, when it belongs to one: its statutory clocks,
    # the actions of its review's plan, the requests to agencies.
    case_id = models.UUIDField(null=True, blank=True)
    rulebook = models.CharField(max_length=40)
    clock = models.CharField(max_length=40)
    starts_on = models.DateField()
    due_on = models.DateField(help_text="After any pauses.")
    met_on = models.DateField(null=True, blank=True)
    paused_since = models.DateField(null=True, blank=True)

    objects = DeadlineQuerySet.as_manager()

    board_lookup = "board_id"
    holds_case_data = True

    class Meta:
        ordering = ["due_on", "clock"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner_id", "clock"],
                condition=models.Q(kind=STATUTORY),
                name="one_deadline_per_clock",
            ),
            models.UniqueConstraint(
                fields=["kind", "owner_id", "clock", "starts_on"],
                name="one_deadline_per_owner_clock_and_start",
            ),
            models.CheckConstraint(
                condition=models.Q(case_id__isnull=True) | models.Q(board__isnull=False),
                name="deadline_of_a_case_has_its_board",
            ),
        ]
        indexes = [
            models.Index(fields=["board", "met_on", "due_on"]),
            models.Index(fields=["case_id", "kind"]),
            models.Index(fields=["owner_id", "kind"]),
        ]

    def __str__(self):
        return f"{self.rule} due {self.due_on}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        changes.announce([self.pk])

    @property
    def is_statutory(self) -> bool:
        return self.kind == STATUTORY

    @property
    def declared(self) -> kinds.Kind:
        return kinds.get(self.kind)

    @property
    def rule(self) -> str:
        return self.declared.rule(self)

    @property
    def source(self) -> str:
        return self.declared.source(self)

    @property
    def definition(self) -> rulebooks.Clock | None:
        """Its statutory clock, with the length its board set where no source fixes one."""
        if not self.is_statutory:
            return None
        clock = rulebooks.get(self.rulebook).clock(self.clock)
        if clock is None or not clock.board_may_set:
            return clock
        return self.board.rules_under(self.rulebook).clock(self.clock)

    @property
    def about(self) -> kinds.About:
        """What it concerns, its title and where it is dealt with (one query unless the list it
        came in was described at once: `kinds.describe`)."""
        if not hasattr(self, "_about"):
            kinds.describe([self])
        return self._about

    @property
    def reference(self) -> str:
        """The case reference, or whose accreditation: never the name of a case's subject."""
        return self.about.reference

    @property
    def title(self) -> str:
        return self.about.title


class ClockPause(BaseModel):
    """A time a clock stood still, and why (seed procedure 2.6: parallel proceedings)."""

    class Reason(models.TextChoices):
        CRIMINAL_PROCEEDINGS = "criminal_proceedings", _("Parallel criminal proceedings")
        INQUEST = "inquest", _("Inquest")
        OTHER = "other", _("Other")

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


class BankHoliday(models.Model):
    """A bank holiday of England and Wales, when working-day clocks do not tick.

    Seeded from the `holidays` package by migration and `manage.py sync_bank_holidays`; edited
    by platform admins, because one-off holidays (8 May 2020, 2 and 3 June 2022, 19 September
    2022, 8 May 2023) are announced late.
    """

    date = models.DateField(unique=True)
    name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]

    def __str__(self):
        return f"{self.name} ({self.date:%-d %B %Y})"
