"""Every statutory rule of the service, as data, with its source. Rules live here and nowhere else.

A rulebook is one statutory regime at one edition. A board has a regime; each incident keeps the
edition in force when it was logged (`Incident.rulebook`, such as "partners-2018:1"), so a
board moving to another regime, or a regime gaining a new edition, does not move old cases.
To change a rule, add a new edition and point `CURRENT` at it; never edit an edition in use.

Sources are those of ../shared/reference/domain.md and the seed procedure (seeds/003, the
Hertfordshire LSCB learning and improvement framework chapter). A clock marked
`confirmed=False` was not confirmed in a primary source ([U] in domain.md): it is a default that
a later edition may correct, and the pages say so.
"""

import datetime as dt
import enum
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from guidance import calendar


class Unit(enum.StrEnum):
    WORKING_DAYS = "working_days"
    DAYS = "days"
    CALENDAR_MONTHS = "calendar_months"


class Start(enum.StrEnum):
    """What starts a clock."""

    LA_AWARE = "la_aware"  # the local authority became aware of the incident
    BOARD_NOTIFIED = "board_notified"  # the board received the notification
    PANEL_NOTIFIED = "panel_notified"  # the notification was sent to the national panel
    DECIDED_NOT_TO_INITIATE = "decided_not_to_initiate"  # a decision other than a statutory review
    INITIATED = "initiated"  # the decision to initiate a statutory review
    PUBLICATION_PLANNED = "publication_planned"  # the planned publication date (counted back)


class Met(enum.StrEnum):
    """What meets a clock."""

    # a notification of the incident to one of the rulebook's notification recipients
    NOTIFIED = "notified"
    DECISION_RECORDED = "decision_recorded"
    # a notification to the panel about the decision, on or after it
    PANEL_TOLD_OF_DECISION = "panel_told_of_decision"
    REVIEW_COMPLETED = "review_completed"
    PANEL_COPY_SENT = "panel_copy_sent"


@dataclass(frozen=True)
class Clock:
    code: str
    title: str
    length: int
    unit: Unit
    starts: Start
    met_by: Met
    source: str
    confirmed: bool = True
    # A clock counted back from its start: the latest date by which something must happen.
    counts_back: bool = False
    # A clock only for incidents that meet the criteria: the notification of a serious incident
    # is owed when abuse or neglect is known or suspected and the child died or was seriously
    # harmed (or died in custody), which is what "not met" says is not the case.
    only_if_criteria_met: bool = False

    def applies_to(self, criteria_outcome: str) -> bool:
        return not (self.only_if_criteria_met and criteria_outcome == Outcome.NOT_MET)

    def due(self, start: dt.date, holidays: Collection[dt.date]) -> dt.date:
        length = -self.length if self.counts_back else self.length
        if self.unit is Unit.WORKING_DAYS:
            return calendar.add_working_days(start, length, holidays)
        if self.unit is Unit.CALENDAR_MONTHS:
            return calendar.add_calendar_months(start, length)
        return calendar.add_days(start, length)

    def extend_by_pause(
        self, due: dt.date, paused_on: dt.date, resumed_on: dt.date, holidays
    ) -> dt.date:
        """Move `due` on by the time the clock stood still, in the clock's own unit.

        A working-day clock does not tick on weekends and bank holidays, so only the working days
        of the pause move it; other clocks move by the calendar days paused.
        """
        if self.unit is Unit.WORKING_DAYS:
            paused = calendar.working_days_in(paused_on, resumed_on, holidays)
            return calendar.add_working_days(due, paused, holidays)
        return calendar.add_days(due, (resumed_on - paused_on).days)

    @property
    def length_text(self) -> str:
        unit = {
            Unit.WORKING_DAYS: "working day",
            Unit.DAYS: "day",
            Unit.CALENDAR_MONTHS: "calendar month",
        }[self.unit]
        return f"{self.length} {unit}{'' if self.length == 1 else 's'}"


# The kinds of clock, named the same whatever the regime (for filters and tables).
CLOCK_KINDS = {
    "notify_panel": "Notification",
    "rapid_review": "Rapid review",
    "decision": "Decision",
    "not_initiating_notice": "Notice of no review",
    "complete": "Completion",
    "panel_copy": "Report to the panel",
    # Deadlines the board sets itself, listed beside the statutory ones.
    "agency_request": "Information from an agency",
    "action": "Action",
    # An accredited reviewer's (settings.ACCREDITATION_*; SCIE's programme, not statute).
    "annual_review": "Annual review of the accreditation",
    "network_meetings": "Network meetings of the accreditation year",
}
# The clocks of the review's own work, which belong to the review (its page, its reviewers
# reminded); every other statutory clock belongs to the incident and its board office.
REVIEW_CLOCKS = ("complete", "panel_copy")


class Outcome(enum.StrEnum):
    MUST_INITIATE = "must_initiate"
    MAY_INITIATE = "may_initiate"
    NOT_MET = "not_met"


OUTCOME_LABELS = {
    Outcome.MUST_INITIATE: "Must initiate a review",
    Outcome.MAY_INITIATE: "May initiate a review",
    Outcome.NOT_MET: "Does not meet the criteria",
}


@dataclass(frozen=True)
class Facts:
    """What the business manager recorded about an incident, as the criteria read it."""

    subject_kind: str  # "child" or "adult"
    abuse_or_neglect_suspected: bool = False
    died: bool = False
    seriously_harmed: bool = False
    concern_about_working_together: bool = False
    died_in_custody: bool = False
    detained_mental_health_act: bool = False
    deprivation_of_liberty: bool = False
    care_and_support_needs: bool = False
    protection_plan_or_looked_after: bool = False
    local_criteria: tuple[str, ...] = ()

    @property
    def has_died(self) -> bool:
        """A death in custody or a secure setting is a death, whether or not "died" was also
        ticked."""
        return self.died or self.died_in_custody


@dataclass(frozen=True)
class Assessment:
    outcome: Outcome
    reason: str
    source: str
    # The statutory review type the facts point to, where the regime distinguishes.
    suggested_review_type: str = ""

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self.outcome]


# Review types. The statutory ones a rulebook allows are `Rulebook.statutory_review_types`.
REVIEW_TYPES = {
    "scr": "Serious case review",
    "rapid_review": "Rapid review",
    "lcspr": "Local child safeguarding practice review",
    "sar_mandatory": "Safeguarding adults review (mandatory)",
    "sar_discretionary": "Safeguarding adults review (discretionary)",
    "learning_review": "Learning review",
    "partnership_case_review": "Partnership case review",
    "cpr_concise": "Child practice review (concise)",
    "cpr_extended": "Child practice review (extended)",
}
REVIEW_TYPE_CHOICES = list(REVIEW_TYPES.items())
# Reviews a board may choose instead of a statutory one (seed procedure 2.2: "an alternative form
# of case review").
ALTERNATIVE_REVIEW_TYPES = ("learning_review", "partnership_case_review")

NOTIFICATION_RECIPIENTS = {
    "national_panel": "National panel",
    "ofsted": "Ofsted",
    "dfe": "Department for Education",
    "secretary_of_state": "Secretary of State",
    "welsh_government": "Welsh Government",
}


@dataclass(frozen=True)
class Rulebook:
    code: str
    edition: int
    title: str
    clocks: tuple[Clock, ...]
    assess: Callable[[Facts], Assessment]
    statutory_review_types: tuple[str, ...]
    # Notifications that meet the notification clock (Met.NOTIFIED).
    notification_recipients: frozenset[str] = field(default_factory=frozenset)
    # The kinds of board, by nation, that work under this regime.
    applies_to: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    # How long a published report must stay online; None where no rule says.
    online_minimum_months: int | None = None
    online_source: str = ""
    # Who is told, with the reasons, when the board decides not to publish; "" where no rule says.
    not_publishing_told_to: str = ""

    @property
    def key(self) -> str:
        return f"{self.code}:{self.edition}"

    def clock(self, code: str) -> Clock | None:
        return next((clock for clock in self.clocks if clock.code == code), None)

    def rule(self, clock_code: str) -> str:
        return f"{self.code}.{clock_code}"


# --- Criteria ---------------------------------------------------------------------------------


def _serious_harm(facts: Facts) -> tuple[bool, str]:
    if facts.seriously_harmed:
        return True, "was seriously harmed"
    if facts.local_criteria:
        # Seed procedure 2.1: a board may include local definitions (such as serious sexual
        # abuse, including exploitation) in its working definition of serious harm.
        return True, "meets the board's local definition of serious harm (" + ", ".join(
            facts.local_criteria
        ) + ")"
    return False, ""


LSCB_REGS = "Local Safeguarding Children Boards Regulations 2006, regulation 5(2)"


def _assess_lscb_2015(facts: Facts) -> Assessment:
    """Regulation 5(2) LSCB Regulations 2006 and Working Together 2015 ch.4 (seed procedure 2.1)."""
    harmed, harm_text = _serious_harm(facts)
    if facts.died_in_custody or (
        facts.has_died and (facts.detained_mental_health_act or facts.deprivation_of_liberty)
    ):
        return Assessment(
            Outcome.MUST_INITIATE,
            "The child died in custody or a secure setting, while detained under the Mental "
            "Health Act 1983, or while subject to a deprivation of liberty order: a serious case "
            "review must always be carried out, even if the other criteria are not met.",
            "Working Together 2015 ch.4; seed procedure 2.1",
            "scr",
        )
    if facts.abuse_or_neglect_suspected and facts.has_died:
        return Assessment(
            Outcome.MUST_INITIATE,
            "Abuse or neglect is known or suspected and the child died.",
            LSCB_REGS + "(a) and (b)(i)",
            "scr",
        )
    if facts.abuse_or_neglect_suspected and harmed and facts.concern_about_working_together:
        return Assessment(
            Outcome.MUST_INITIATE,
            f"Abuse or neglect is known or suspected, the child {harm_text}, and there is cause "
            "for concern about how the agencies worked together to safeguard the child.",
            LSCB_REGS + "(a) and (b)(ii)",
            "scr",
        )
    if facts.abuse_or_neglect_suspected and harmed:
        return Assessment(
            Outcome.MAY_INITIATE,
            f"Abuse or neglect is known or suspected and the child {harm_text}, but no concern "
            "about how agencies worked together is recorded. The board may still commission a "
            "serious case review or an alternative review.",
            "Working Together 2015 ch.4; seed procedure 2.2",
            "scr",
        )
    return Assessment(
        Outcome.NOT_MET,
        "The facts recorded do not meet the serious case review criteria. The board may still "
        "commission an alternative review.",
        LSCB_REGS,
    )


def _assess_partners_2018(facts: Facts) -> Assessment:
    """Children Act 2004 s16C and Working Together 2018/2023 ch.4 and ch.5."""
    harmed, harm_text = _serious_harm(facts)
    if facts.abuse_or_neglect_suspected and (facts.has_died or harmed):
        what = "died" if facts.has_died else harm_text
        return Assessment(
            Outcome.MAY_INITIATE,
            f"A serious child safeguarding case: abuse or neglect is known or suspected and the "
            f"child {what}. The Child Safeguarding Practice Review Panel must be notified and a "
            "rapid review held; the safeguarding partners then commission a local child "
            "safeguarding practice review where they consider it appropriate.",
            "Children Act 2004 s16C(1); Working Together 2018 ch.4",
            "lcspr",
        )
    return Assessment(
        Outcome.NOT_MET,
        "The facts recorded do not make this a serious child safeguarding case. The partners "
        "may still hold a learning review.",
        "Children Act 2004 s16C(1)",
    )


def _assess_sab_2014(facts: Facts) -> Assessment:
    """Care Act 2014 s44: mandatory (s44(1)-(3)) and discretionary (s44(4)) reviews."""
    harmed, harm_text = _serious_harm(facts)
    if not facts.care_and_support_needs:
        return Assessment(
            Outcome.NOT_MET,
            "A safeguarding adults review is for an adult with needs for care and support; "
            "none are recorded.",
            "Care Act 2014 s44(1)(a)",
        )
    serious = facts.abuse_or_neglect_suspected and (facts.has_died or harmed)
    if serious and facts.concern_about_working_together:
        what = "died" if facts.has_died else f"is alive and {harm_text}"
        return Assessment(
            Outcome.MUST_INITIATE,
            f"The adult has needs for care and support, abuse or neglect is known or suspected, "
            f"the adult {what}, and there is reasonable cause for concern about how the board's "
            "members worked together.",
            "Care Act 2014 s44(1)-(3)",
            "sar_mandatory",
        )
    return Assessment(
        Outcome.MAY_INITIATE,
        "The adult has needs for care and support but the conditions for a mandatory review are "
        "not all met: the board may arrange a discretionary review.",
        "Care Act 2014 s44(4)",
        "sar_discretionary",
    )


WALES_REGS = "Safeguarding Boards (Functions and Procedures) (Wales) Regulations 2015"


def _assess_wales_2016(facts: Facts) -> Assessment:
    """Child (and adult) practice reviews, in force 6 April 2016: concise or extended."""
    harmed, harm_text = _serious_harm(facts)
    if facts.abuse_or_neglect_suspected and (facts.has_died or harmed):
        extended = (
            facts.protection_plan_or_looked_after
            if facts.subject_kind == "child"
            else facts.care_and_support_needs
        )
        who = "child" if facts.subject_kind == "child" else "adult"
        what = "died" if facts.has_died else harm_text
        kind = "an extended" if extended else "a concise"
        because = (
            "was on the child protection register or looked after in the 6 months before"
            if facts.subject_kind == "child"
            else "was receiving care and support"
        )
        return Assessment(
            Outcome.MUST_INITIATE,
            f"Abuse or neglect is known or suspected and the {who} {what}: {kind} practice "
            f"review is required" + (f", because the {who} {because}." if extended else "."),
            WALES_REGS + ", regulations 3 and 4",
            "cpr_extended" if extended else "cpr_concise",
        )
    return Assessment(
        Outcome.NOT_MET,
        "The facts recorded do not meet the practice review criteria. The board may still hold "
        "a learning review.",
        WALES_REGS,
    )


# --- Clocks -----------------------------------------------------------------------------------

NOTIFY_WT2015 = Clock(
    code="notify_panel",
    title="Notify Ofsted and the national panel",
    length=5,
    unit=Unit.WORKING_DAYS,
    starts=Start.LA_AWARE,
    met_by=Met.NOTIFIED,
    source="Working Together 2015 ch.4: the local authority notifies within 5 working days of "
    "becoming aware (seed procedure 2.1)",
    only_if_criteria_met=True,
)
DECISION_WT2015 = Clock(
    code="decision",
    title="Decide whether to initiate a serious case review",
    length=1,
    unit=Unit.CALENDAR_MONTHS,
    starts=Start.BOARD_NOTIFIED,
    met_by=Met.DECISION_RECORDED,
    source="Working Together 2015 ch.4: normally within one month of notification (seed "
    "procedure 2.2)",
)
NOT_INITIATING_WT2015 = Clock(
    code="not_initiating_notice",
    title="Tell the national panel of a decision not to initiate, with reasons",
    length=14,
    unit=Unit.DAYS,
    starts=Start.DECIDED_NOT_TO_INITIATE,
    met_by=Met.PANEL_TOLD_OF_DECISION,
    source="National panel of independent experts: guidance on serious case review initiation "
    "decisions, flowchart 1 (within 14 days)",
)
COMPLETE_WT2015 = Clock(
    code="complete",
    title="Complete the review",
    length=6,
    unit=Unit.CALENDAR_MONTHS,
    starts=Start.INITIATED,
    met_by=Met.REVIEW_COMPLETED,
    source="Working Together 2015 ch.4, timescale for completion: within six months of "
    "initiation (seed procedure 2.6)",
)
PANEL_COPY_WT2015 = Clock(
    code="panel_copy",
    title="Send the final report to the national panel",
    length=7,
    unit=Unit.DAYS,
    starts=Start.PUBLICATION_PLANNED,
    met_by=Met.PANEL_COPY_SENT,
    counts_back=True,
    source="Working Together 2013 p.71: at least one week before publication",
)

NOTIFY_WT2018 = Clock(
    code="notify_panel",
    title="Notify the Child Safeguarding Practice Review Panel",
    length=5,
    unit=Unit.WORKING_DAYS,
    starts=Start.LA_AWARE,
    met_by=Met.NOTIFIED,
    source="Children Act 2004 s16C; Working Together 2018 ch.4: within 5 working days of "
    "becoming aware",
    only_if_criteria_met=True,
)
RAPID_REVIEW_WT2018 = Clock(
    code="rapid_review",
    title="Complete the rapid review and decide on a local review",
    length=15,
    unit=Unit.WORKING_DAYS,
    starts=Start.PANEL_NOTIFIED,
    met_by=Met.DECISION_RECORDED,
    source="Working Together 2018 ch.4: within 15 working days, from the date the notification "
    "was sent to the Panel",
)
COMPLETE_WT2018 = Clock(
    code="complete",
    title="Complete the review (target)",
    length=6,
    unit=Unit.CALENDAR_MONTHS,
    starts=Start.INITIATED,
    met_by=Met.REVIEW_COMPLETED,
    confirmed=False,
    source="Working Together 2018 ch.4: local reviews are expected to be completed within six "
    "months (not confirmed in the primary source)",
)
PANEL_COPY_WT2018 = Clock(
    code="panel_copy",
    title="Send the final report to the Panel and the Secretary of State",
    length=7,
    unit=Unit.WORKING_DAYS,
    starts=Start.PUBLICATION_PLANNED,
    met_by=Met.PANEL_COPY_SENT,
    counts_back=True,
    confirmed=False,
    source="Working Together 2018 ch.4: at least 7 working days before publication (not "
    "confirmed in the primary source)",
)
COMPLETE_SAR = Clock(
    code="complete",
    title="Complete the review (target)",
    length=6,
    unit=Unit.CALENDAR_MONTHS,
    starts=Start.INITIATED,
    met_by=Met.REVIEW_COMPLETED,
    confirmed=False,
    source="Care and support statutory guidance ch.14: within six months of initiation unless "
    "there is good reason (not confirmed in the primary source)",
)

RULEBOOKS = {
    rulebook.key: rulebook
    for rulebook in [
        Rulebook(
            code="lscb-2015",
            edition=1,
            title="Local Safeguarding Children Boards: Working Together 2013 and 2015",
            clocks=(
                NOTIFY_WT2015,
                DECISION_WT2015,
                NOT_INITIATING_WT2015,
                COMPLETE_WT2015,
                PANEL_COPY_WT2015,
            ),
            assess=_assess_lscb_2015,
            statutory_review_types=("scr",),
            applies_to=frozenset({("children", "england")}),
            notification_recipients=frozenset({"national_panel", "ofsted"}),
            online_minimum_months=12,
            online_source="Working Together 2013 p.71: on the website for at least 12 months, "
            "then available on request (seed procedure 2.9)",
            # Working Together: the board tells the national panel why it will not publish.
            not_publishing_told_to="national_panel",
        ),
        Rulebook(
            code="partners-2018",
            edition=1,
            title="Safeguarding partners: Working Together 2018 and 2023",
            clocks=(NOTIFY_WT2018, RAPID_REVIEW_WT2018, COMPLETE_WT2018, PANEL_COPY_WT2018),
            assess=_assess_partners_2018,
            statutory_review_types=("lcspr",),
            applies_to=frozenset({("children", "england")}),
            notification_recipients=frozenset({"national_panel"}),
            online_minimum_months=12,
            online_source="Working Together 2018 ch.4: published reports stay available for at "
            "least one year",
            # Working Together: the board tells the national panel why it will not publish.
            not_publishing_told_to="national_panel",
        ),
        Rulebook(
            code="sab-2014",
            edition=1,
            title="Safeguarding Adults Boards: Care Act 2014 s44",
            clocks=(COMPLETE_SAR,),
            assess=_assess_sab_2014,
            statutory_review_types=("sar_mandatory", "sar_discretionary"),
            applies_to=frozenset({("adults", "england")}),
        ),
        Rulebook(
            code="wales-2016",
            edition=1,
            title="Wales: child and adult practice reviews (2016 regulations)",
            # No timescales were found in the Welsh guidance (domain.md section 2): no clocks.
            clocks=(),
            assess=_assess_wales_2016,
            statutory_review_types=("cpr_concise", "cpr_extended"),
            # The 2015 Welsh regulations cover both children's and adults' practice reviews.
            applies_to=frozenset({("children", "wales"), ("adults", "wales")}),
        ),
    ]
}

# The edition a new incident is logged under, by the board's regime.
CURRENT = {
    "lscb-2015": "lscb-2015:1",
    "partners-2018": "partners-2018:1",
    "sab-2014": "sab-2014:1",
    "wales-2016": "wales-2016:1",
}


def regimes_for(kind: str, nation: str) -> list[str]:
    """The regimes a board of this kind in this nation can work under."""
    return [
        regime for regime, key in CURRENT.items() if (kind, nation) in RULEBOOKS[key].applies_to
    ]


def for_regime(regime: str) -> Rulebook:
    return RULEBOOKS[CURRENT[regime]]


def get(key: str) -> Rulebook:
    return RULEBOOKS[key]
