"""Boards, their partner agencies and who holds which role on them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower

from core.models import BaseModel
from guidance import retention as retention_rules
from guidance.rulebooks import regimes_for


class Board(BaseModel):
    """A safeguarding board: LSCB, safeguarding partners, SAB or a Welsh regional board."""

    class Kind(models.TextChoices):
        CHILDREN = "children", "Children"
        ADULTS = "adults", "Adults"

    class Nation(models.TextChoices):
        ENGLAND = "england", "England"
        WALES = "wales", "Wales"

    class Regime(models.TextChoices):
        LSCB_2015 = "lscb-2015", "Local Safeguarding Children Board (Working Together 2015)"
        PARTNERS_2018 = "partners-2018", "Safeguarding partners (Working Together 2018 and 2023)"
        SAB_2014 = "sab-2014", "Safeguarding Adults Board (Care Act 2014)"
        WALES_2016 = "wales-2016", "Regional Safeguarding Board (Wales, 2016 regulations)"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    nation = models.CharField(max_length=20, choices=Nation.choices)
    regime = models.CharField(max_length=20, choices=Regime.choices)
    # A local decision of the board, not statute (guidance/retention.py, ADR 0005).
    retention_years = models.PositiveSmallIntegerField(
        "retention period in years",
        default=retention_rules.DEFAULT_YEARS,
        validators=[
            MinValueValidator(retention_rules.MIN_YEARS),
            MaxValueValidator(retention_rules.MAX_YEARS),
        ],
        help_text="How many years after a case closes its personal data and free text are "
        "kept, before they are removed.",
    )

    board_lookup = "pk"
    holds_case_data = False

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="board_name_ci_unique",
                violation_error_message="A board with this name already exists",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        # Which regime fits which board is a statutory rule: guidance/rulebooks/ says.
        allowed = regimes_for(self.kind, self.nation)
        if allowed and self.regime and self.regime not in allowed:
            labels = " or ".join(str(self.Regime(code).label) for code in allowed)
            place = f"{self.get_kind_display().lower()} in {self.get_nation_display()}"
            raise ValidationError(
                {"regime": f"A board for {place} works under {labels}: select one of those"}
            )


class Agency(BaseModel):
    """A partner organisation of a board, such as the police or a health trust."""

    class Sector(models.TextChoices):
        CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
        ADULT_SOCIAL_CARE = "adult_social_care", "Adult social care"
        POLICE = "police", "Police"
        HEALTH = "health", "Health"
        EDUCATION = "education", "Education"
        PROBATION = "probation", "Probation"
        HOUSING = "housing", "Housing"
        VOLUNTARY = "voluntary", "Voluntary and community sector"
        OTHER = "other", "Other"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="agencies")
    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=40, choices=Sector.choices)

    board_lookup = "board_id"
    holds_case_data = False

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(
                "board",
                Lower("name"),
                name="agency_name_per_board_unique",
                violation_error_message="This board already has an agency with this name",
            )
        ]

    def __str__(self):
        return self.name


class Membership(BaseModel):
    """One role a user holds on one board. A user may hold several roles on several boards."""

    class Role(models.TextChoices):
        BUSINESS_MANAGER = "business_manager", "Business manager"
        CHAIR = "chair", "Chair"
        MEMBER = "member", "Board member"
        LEAD_REVIEWER = "lead_reviewer", "Lead reviewer"
        VIEWER = "viewer", "Viewer"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        help_text="The partner agency the person works for, if any.",
    )

    board_lookup = "board_id"
    holds_case_data = False

    class Meta:
        ordering = ["user__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "board", "role"], name="one_membership_per_role"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} of {self.board}"
