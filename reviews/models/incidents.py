"""A notified serious incident, what the board knows of it, and the chair's decision."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from boards.models import Agency, Board
from core.models import BaseModel, Withdrawable
from deadlines.models import Deadline
from guidance import rulebooks


class LocalCriterion(BaseModel):
    """Part of a board's local working definition of serious harm (seed procedure 2.1),
    such as "serious sexual abuse, including complex or organised abuse and exploitation"."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="local_criteria")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    board_lookup = "board_id"
    holds_case_data = False

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local criteria"
        constraints = [
            models.UniqueConstraint(
                "board",
                Lower("name"),
                name="local_criterion_name_per_board_unique",
                violation_error_message=_(
                    "This board already has a local criterion with this name"
                ),
            )
        ]

    def __str__(self):
        return self.name


class Incident(Withdrawable, BaseModel):
    """A serious incident notified to the board. Named by its case reference, never a name."""

    class SubjectKind(models.TextChoices):
        CHILD = "child", _("Child")
        ADULT = "adult", _("Adult")

    class Status(models.TextChoices):
        AWAITING_DECISION = "awaiting_decision", _("Awaiting decision")
        REVIEW_INITIATED = "review_initiated", _("Review initiated")
        ALTERNATIVE_REVIEW = "alternative_review", _("Alternative review")
        NO_REVIEW = "no_review", _("No review")

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="incidents")
    # The rulebook edition in force when the incident was logged; it never changes after.
    rulebook = models.CharField(max_length=40, editable=False)
    reference = models.CharField(max_length=60)
    subject_kind = models.CharField(max_length=10, choices=SubjectKind.choices)
    incident_on = models.DateField("date of the incident")
    la_aware_on = models.DateField("date the local authority became aware")
    notified_on = models.DateField("date the board was notified")
    notifier = models.CharField("who notified the board", max_length=200)
    summary = models.TextField(blank=True)

    abuse_or_neglect_suspected = models.BooleanField(default=False)
    died = models.BooleanField(default=False)
    seriously_harmed = models.BooleanField(default=False)
    concern_about_working_together = models.BooleanField(default=False)
    died_in_custody = models.BooleanField(default=False)
    detained_mental_health_act = models.BooleanField(default=False)
    deprivation_of_liberty = models.BooleanField(default=False)
    care_and_support_needs = models.BooleanField(default=False)
    protection_plan_or_looked_after = models.BooleanField(default=False)
    looked_after = models.BooleanField(default=False)
    care_leaver = models.BooleanField(default=False)
    outside_england = models.BooleanField(default=False)
    domestic_homicide = models.BooleanField(default=False)
    mental_health_homicide = models.BooleanField(default=False)
    offensive_weapon_homicide = models.BooleanField(default=False)
    local_criteria = models.ManyToManyField(LocalCriterion, blank=True, related_name="incidents")
    agencies = models.ManyToManyField(Agency, blank=True, related_name="incidents")

    criteria_outcome = models.CharField(
        max_length=20,
        choices=[(o.value, label) for o, label in rulebooks.OUTCOME_LABELS.items()],
        editable=False,
    )
    criteria_reason = models.TextField(editable=False)
    criteria_source = models.CharField(max_length=200, editable=False)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.AWAITING_DECISION, editable=False
    )

    board_lookup = "board_id"
    holds_case_data = True

    class Meta:
        ordering = ["-notified_on", "reference"]
        constraints = [
            # A withdrawn incident (logged in error) leaves its reference free for the right one.
            models.UniqueConstraint(
                "board",
                Lower("reference"),
                condition=models.Q(withdrawn_at__isnull=True),
                name="incident_reference_per_board_unique",
                violation_error_message=_("This board already has an incident with this reference"),
            )
        ]
        indexes = [models.Index(fields=["board", "status"])]

    def __str__(self):
        return self.reference

    @property
    def deadlines(self):
        """Every deadline of the case: its statutory clocks, its review's actions and requests
        to agencies (the deadlines layer names the case by id)."""
        return Deadline.objects.filter(case_id=self.pk)

    @property
    def rules(self) -> rulebooks.Rulebook:
        """Its edition, with the lengths its board set for clocks no source fixes."""
        return self.board.rules_under(self.rulebook)

    @property
    def facts(self) -> rulebooks.Facts:
        """What is recorded, as the criteria and the clocks read it (without the board's local
        criteria, which the assessment adds)."""
        return rulebooks.Facts(
            subject_kind=self.subject_kind,
            **{name: getattr(self, name) for name in rulebooks.FACT_NAMES},
        )


class IncidentPerson(Withdrawable, BaseModel):
    """Someone involved, with their real name. Kept apart from everything else: shown only on
    the people page to those allowed, and used only to check reports before publication."""

    class Role(models.TextChoices):
        SUBJECT = "subject", _("Subject of the review")
        FAMILY = "family", _("Family member")
        PRACTITIONER = "practitioner", _("Practitioner")
        OTHER = "other", _("Other")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="people")
    role = models.CharField(max_length=20, choices=Role.choices)
    name = models.CharField("real name", max_length=200)
    aliases = models.TextField(
        blank=True, help_text="Other names and spellings the person is known by, one per line."
    )
    relationship = models.CharField(max_length=200, blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.SET_NULL, null=True, blank=True)

    board_lookup = "incident__board_id"
    holds_case_data = True

    class Meta:
        ordering = ["role", "name"]

    def __str__(self):
        # Never the real name: this string can reach logs and admin pages.
        return f"{self.get_role_display()} of {self.incident.reference}"

    @property
    def board(self):
        return self.incident.board


class Notification(Withdrawable, BaseModel):
    """Something told to a national body about the incident. Only what it was about says
    which clock it meets: telling the panel who the reviewers are is not the notification of
    the serious incident."""

    class About(models.TextChoices):
        INCIDENT = "incident", _("The serious incident")
        DECISION = "decision", _("The decision whether to hold a review, and the reasons")
        REVIEWERS = "reviewers", _("The reviewers appointed")
        REPORT = "report", _("The final report, before publication")
        NOT_PUBLISHING = "not_publishing", _("The decision not to publish the report, and why")
        OTHER = "other", _("Something else")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="notifications")
    recipient = models.CharField(
        max_length=30, choices=list(rulebooks.NOTIFICATION_RECIPIENTS.items())
    )
    about = models.CharField(max_length=20, choices=About.choices, default=About.INCIDENT)
    # Sent outside this service, on this date; recorded here by `recorded_by` (when the row
    # was created). The service says "recorded", never that it sent anything itself.
    sent_on = models.DateField()
    summary = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    board_lookup = "incident__board_id"
    holds_case_data = True

    class Meta:
        ordering = ["sent_on", "created_at"]

    def __str__(self):
        return f"{self.get_recipient_display()} on {self.sent_on}"

    @property
    def board(self):
        return self.incident.board


class Decision(BaseModel):
    """The chair's decision whether to initiate a review. The final decision rests with the
    chair (seed procedure 2.2)."""

    class Outcome(models.TextChoices):
        INITIATE_REVIEW = "initiate_review", _("Initiate a statutory review")
        ALTERNATIVE_REVIEW = "alternative_review", _("Hold an alternative review")
        NO_REVIEW = "no_review", _("No review")

    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    review_type = models.CharField(
        max_length=30, choices=list(rulebooks.REVIEW_TYPES.items()), blank=True
    )
    rationale = models.TextField()
    decided_on = models.DateField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    peer_challenge_by = models.CharField(
        "peer challenge from", max_length=200, blank=True, help_text="Another board's chair."
    )
    peer_challenge = models.TextField("what the peer challenge said", blank=True)
    # Where the rulebook has the chair decide after a case review group (Wales, SUSR).
    case_review_group_on = models.DateField("date the case review group met", null=True, blank=True)

    board_lookup = "incident__board_id"
    holds_case_data = True

    def __str__(self):
        return f"{self.get_outcome_display()} for {self.incident.reference}"

    @property
    def board(self):
        return self.incident.board


class PanelAdvice(Withdrawable, BaseModel):
    """Advice or challenge from the national panel about a decision, and the board's reply."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="panel_advice")
    received_on = models.DateField()
    advice = models.TextField()
    response = models.TextField("the board's response", blank=True)

    board_lookup = "decision__incident__board_id"
    holds_case_data = True

    class Meta:
        ordering = ["received_on", "created_at"]
        verbose_name_plural = "panel advice"

    @property
    def board(self):
        return self.decision.incident.board
