"""Boards, their partner agencies and who holds which role on them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import BaseModel
from guidance import retention as retention_rules
from guidance import rulebooks
from guidance.rulebooks import regimes_for


class Board(BaseModel):
    """A safeguarding board (LSCB, safeguarding partners, SAB or a Welsh regional board) or a
    Community Safety Partnership, which commissions domestic homicide reviews."""

    class Kind(models.TextChoices):
        CHILDREN = "children", gettext_lazy("Children")
        ADULTS = "adults", gettext_lazy("Adults")
        COMMUNITY_SAFETY = (
            "community_safety",
            gettext_lazy("Community safety (domestic homicide reviews)"),
        )

    class Nation(models.TextChoices):
        ENGLAND = "england", gettext_lazy("England")
        WALES = "wales", gettext_lazy("Wales")

    class Regime(models.TextChoices):
        LSCB_2015 = (
            "lscb-2015",
            gettext_lazy("Local Safeguarding Children Board (Working Together 2015)"),
        )
        PARTNERS_2018 = (
            "partners-2018",
            gettext_lazy("Safeguarding partners (Working Together 2018 and 2023)"),
        )
        SAB_2014 = "sab-2014", gettext_lazy("Safeguarding Adults Board (Care Act 2014)")
        WALES_2016 = (
            "wales-2016",
            gettext_lazy("Regional Safeguarding Board (Wales, 2016 regulations)"),
        )
        WALES_SUSR_2024 = (
            "wales-susr-2024",
            gettext_lazy("Regional Safeguarding Board (Wales, single unified safeguarding review)"),
        )
        DHR_2016 = (
            "dhr-2016",
            gettext_lazy("Community Safety Partnership (domestic homicide reviews)"),
        )

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

    # The board's own language (settings.LANGUAGES): e-mails about its cases go to a person who
    # has not chosen one in this language. Welsh boards work in Welsh and English (Welsh
    # Language Standards). A default in the database too, for a rolling upgrade.
    language = models.CharField(
        "language of the board",
        max_length=10,
        choices=[("en-gb", "English"), ("cy", "Cymraeg")],
        default="en-gb",
        db_default="en-gb",
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

    @property
    def in_wales(self) -> bool:
        """A board in Wales (or under the Welsh single unified review): its reviews go to the
        Wales Safeguarding Repository, and its reports may be held in Welsh too."""
        return self.nation == self.Nation.WALES or self.regime == self.Regime.WALES_SUSR_2024

    def clean(self):
        super().clean()
        # Which regime fits which board is a statutory rule: guidance/rulebooks/ says.
        if not (self.kind and self.nation and self.regime):
            return
        allowed = regimes_for(self.kind, self.nation)
        # "children in Wales": a whole phrase, as Welsh mutates the nation after "in".
        place = str(PLACES.get((self.kind, self.nation), "")) or _("%(kind)s in %(nation)s") % {
            "kind": self.get_kind_display().lower(),
            "nation": self.get_nation_display(),
        }
        if not allowed:
            raise ValidationError(
                {
                    "kind": _(
                        "No regime in the service is for a board for %(place)s: in Wales, the "
                        "regional safeguarding board reviews domestic homicides under the "
                        "single unified safeguarding review"
                    )
                    % {"place": place}
                }
            )
        if self.regime not in allowed:
            labels = [str(self.Regime(code).label) for code in allowed]
            if len(labels) > 1:
                labels = [
                    _("%(first)s or %(second)s")
                    % {"first": ", ".join(labels[:-1]), "second": labels[-1]}
                ]
            raise ValidationError(
                {
                    "regime": _("A board for %(place)s works under %(labels)s: select one of those")
                    % {"place": place, "labels": labels[0]}
                }
            )

    def rules_under(self, key: str) -> rulebooks.Rulebook:
        """The rulebook edition `key` with the lengths this board set for the clocks no source
        fixes (one query per board instance, only for an edition with such clocks)."""
        rulebook = rulebooks.get(key)
        if not any(clock.board_may_set for clock in rulebook.clocks):
            return rulebook
        if not hasattr(self, "_timescales"):
            load_timescales([self])
        own = {
            clock: value for (edition, clock), value in self._timescales.items() if edition == key
        }
        return rulebook.with_timescales(own)


# Who a board safeguards, where: how messages name it (Welsh mutates the nation after "in").
PLACES = {
    (Board.Kind.CHILDREN, Board.Nation.ENGLAND): gettext_lazy("children in England"),
    (Board.Kind.CHILDREN, Board.Nation.WALES): gettext_lazy("children in Wales"),
    (Board.Kind.ADULTS, Board.Nation.ENGLAND): gettext_lazy("adults in England"),
    (Board.Kind.ADULTS, Board.Nation.WALES): gettext_lazy("adults in Wales"),
    (Board.Kind.COMMUNITY_SAFETY, Board.Nation.ENGLAND): gettext_lazy(
        "community safety (domestic homicide reviews) in England"
    ),
    (Board.Kind.COMMUNITY_SAFETY, Board.Nation.WALES): gettext_lazy(
        "community safety (domestic homicide reviews) in Wales"
    ),
}


def load_timescales(boards) -> None:
    """Read the timescales of every board given in one query (for lists of cases)."""
    boards = [board for board in boards if not hasattr(board, "_timescales")]
    if not boards:
        return
    found: dict = {board.pk: {} for board in boards}
    for timescale in Timescale.objects.filter(board__in=list(found)):
        found[timescale.board_id][timescale.rulebook, timescale.clock] = (
            timescale.length,
            timescale.unit,
        )
    for board in boards:
        board._timescales = found[board.pk]


class Timescale(BaseModel):
    """The board's own length for a clock whose length no primary source confirms (or which
    has none): a local decision, with its reason, that the pages show as the board's."""

    class Unit(models.TextChoices):
        WORKING_DAYS = rulebooks.Unit.WORKING_DAYS.value, gettext_lazy("Working days")
        DAYS = rulebooks.Unit.DAYS.value, gettext_lazy("Days")
        CALENDAR_MONTHS = rulebooks.Unit.CALENDAR_MONTHS.value, gettext_lazy("Calendar months")

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="timescales")
    rulebook = models.CharField(max_length=40)
    clock = models.CharField(max_length=40)
    length = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(366)]
    )
    unit = models.CharField(max_length=20, choices=Unit.choices)
    reason = models.TextField(
        max_length=2000,
        help_text="Why the board chose this time: its decision and where it is recorded.",
    )

    board_lookup = "board_id"
    holds_case_data = False

    class Meta:
        ordering = ["rulebook", "clock"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "rulebook", "clock"], name="one_timescale_per_board_clock"
            )
        ]

    def __str__(self):
        return f"{self.rulebook} {self.clock}: {self.length} {self.get_unit_display().lower()}"


class Agency(BaseModel):
    """A partner organisation of a board, such as the police or a health trust."""

    class Sector(models.TextChoices):
        CHILDRENS_SOCIAL_CARE = "childrens_social_care", gettext_lazy("Children's social care")
        ADULT_SOCIAL_CARE = "adult_social_care", gettext_lazy("Adult social care")
        POLICE = "police", gettext_lazy("Police")
        HEALTH = "health", gettext_lazy("Health")
        EDUCATION = "education", gettext_lazy("Education")
        PROBATION = "probation", gettext_lazy("Probation")
        HOUSING = "housing", gettext_lazy("Housing")
        VOLUNTARY = "voluntary", gettext_lazy("Voluntary and community sector")
        OTHER = "other", gettext_lazy("Other")

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
        BUSINESS_MANAGER = "business_manager", gettext_lazy("Business manager")
        CHAIR = "chair", gettext_lazy("Chair")
        MEMBER = "member", gettext_lazy("Board member")
        LEAD_REVIEWER = "lead_reviewer", gettext_lazy("Lead reviewer")
        VIEWER = "viewer", gettext_lazy("Viewer")

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
