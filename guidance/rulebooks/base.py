"""What every rulebook is made of: clocks (what starts them, their length, what meets them),
the facts the criteria read, an assessment, the review types and the national bodies told.

The rules' words are translated (Welsh Language Standards): the texts of a rulebook are
`gettext_lazy` strings, read in the language of the page that shows them. A text field of a
rule (`Translated`) reads as a `RuleText`, a plain str, so that it goes into JSON, joins and
comparisons like any other; an assessment's reason and source are read when the incident is
recorded and stored with it, in the language of the person who recorded it.
"""

import datetime as dt
import enum
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, fields

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from guidance import calendar

_REQUIRED = object()


class RuleText(str):
    """A text of the rules as read in the active language. A str, which remembers its
    translation, so that a copy of its rule (`dataclasses.replace`) is read in the language of
    whoever reads the copy, not of whoever made it."""

    promise = None


class Translated:
    """A dataclass field holding a text of the rules, given as `gettext_lazy(...)` (or a plain
    str): read, it is a `RuleText` in the language active at that moment."""

    def __init__(self, default=_REQUIRED):
        self.default = default

    def __set_name__(self, owner, name):
        self.attribute = f"_{name}_text"

    def __get__(self, obj, owner=None):
        if obj is None:
            if self.default is _REQUIRED:
                raise AttributeError(self.attribute)  # the field has no default
            return self.default
        value = obj.__dict__[self.attribute]
        if not isinstance(value, Promise):
            return value
        text = RuleText(value)
        text.promise = value
        return text

    def __set__(self, obj, value):
        if isinstance(value, RuleText) and value.promise is not None:
            value = value.promise
        obj.__dict__[self.attribute] = value


def copy(rule, **changes):
    """`dataclasses.replace` for a rule with texts, which keeps their translations and reads
    none of them: rules are copied as their modules load, before any language can be read."""
    for each in fields(rule):
        if each.init and each.name not in changes:
            field_of_class = type(rule).__dict__.get(each.name)
            changes[each.name] = (
                rule.__dict__[field_of_class.attribute]
                if isinstance(field_of_class, Translated)
                else getattr(rule, each.name)
            )
    return type(rule)(**changes)


def say(message, **values) -> str:
    """A message read now, in the active language, with its values: an assessment's reason and
    source are written into the incident when it is recorded."""
    return str(message) % values if values else str(message)


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
    DECIDED = "decided"  # the decision whether to hold a review, either way
    REVIEW_COMPLETED = "review_completed"  # the review's report was completed


class Met(enum.StrEnum):
    """What meets a clock."""

    # a notification of the incident to one of the rulebook's notification recipients
    NOTIFIED = "notified"
    DECISION_RECORDED = "decision_recorded"
    # a notification to the panel about the decision, on or after it
    PANEL_TOLD_OF_DECISION = "panel_told_of_decision"
    # notifications of the incident to both the Department for Education and Ofsted (the later)
    DFE_AND_OFSTED_NOTIFIED = "dfe_and_ofsted_notified"
    REVIEW_COMPLETED = "review_completed"
    PANEL_COPY_SENT = "panel_copy_sent"
    # A notification about the decision to one of the clock's recipients, on or after it.
    DECISION_NOTIFIED = "decision_notified"
    # A copy of the final report sent to one of the clock's recipients.
    REPORT_COPY_SENT = "report_copy_sent"


@dataclass(frozen=True)
class Clock:
    code: str
    title: str = Translated()
    # None where no source sets a length: the clock runs only once the board sets one.
    length: int | None
    unit: Unit
    starts: Start
    met_by: Met
    source: str = Translated()
    confirmed: bool = True
    # A clock counted back from its start: the latest date by which something must happen.
    counts_back: bool = False
    # A clock only for incidents that meet the criteria: the notification of a serious incident
    # is owed when abuse or neglect is known or suspected and the child died or was seriously
    # harmed (or died in custody), which is what "not met" says is not the case.
    only_if_criteria_met: bool = False
    # A clock owed only when the facts say so, whatever the criteria's outcome (the notice of
    # the death of a looked-after child is owed whether or not abuse or neglect is suspected).
    only_if: Callable[["Facts"], bool] | None = None
    # Whose notification meets it (Met.NOTIFIED, DECISION_NOTIFIED, REPORT_COPY_SENT), where it
    # is not the rulebook's notification recipients.
    recipients: frozenset[str] = frozenset()
    # The board's own length replaced the default (`Rulebook.with_timescales`).
    set_by_board: bool = False

    @property
    def board_may_set(self) -> bool:
        """A length not confirmed in a primary source, or none given, is the board's to set;
        a confirmed statutory length never is."""
        return not self.confirmed or self.length is None

    @property
    def met_key(self) -> str:
        """The event that meets it: a notification to its own recipients is an event of its own."""
        return f"{self.met_by}:{self.code}" if self.recipients else self.met_by

    def applies_to(self, criteria_outcome: str, facts: "Facts") -> bool:
        if self.only_if is not None and not self.only_if(facts):
            return False
        return not (self.only_if_criteria_met and criteria_outcome == Outcome.NOT_MET)

    def due(self, start: dt.date, holidays: Collection[dt.date]) -> dt.date:
        if self.length is None:
            raise ValueError(f"The clock {self.code} has no length: the board has not set one")
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
        """ "15 working days", "6 calendar months", in the active language."""
        if self.length is None:
            return str(_("No time set"))
        count = {"count": self.length}
        if self.unit is Unit.WORKING_DAYS:
            return ngettext("%(count)s working day", "%(count)s working days", self.length) % count
        if self.unit is Unit.CALENDAR_MONTHS:
            return (
                ngettext("%(count)s calendar month", "%(count)s calendar months", self.length)
                % count
            )
        return ngettext("%(count)s day", "%(count)s days", self.length) % count


# The kinds of clock, named the same whatever the regime (for filters and tables).
CLOCK_KINDS = {
    "notify_panel": _("Notification"),
    "notify_dfe_ofsted": _("Notice of a death in care"),
    "rapid_review": _("Rapid review"),
    "decision": _("Decision"),
    "not_initiating_notice": _("Notice of no review"),
    "complete": _("Completion"),
    "panel_copy": _("Report to the panel"),
    "notify_welsh_government": _("Notice to the Welsh Government"),
    "notify_home_office": _("Notice to the Home Office"),
    "home_office_notice": _("Decision told to the Home Office"),
    "commissioner_copy": _("Report to the Domestic Abuse Commissioner"),
    # Deadlines the board sets itself, listed beside the statutory ones.
    "agency_request": _("Information from an agency"),
    "action": _("Action"),
    # An accredited reviewer's (settings.ACCREDITATION_*; SCIE's programme, not statute).
    "annual_review": _("Annual review of the accreditation"),
    "network_meetings": _("Network meetings of the accreditation year"),
}
# The clocks of the review's own work, which belong to the review (its page, its reviewers
# reminded); every other statutory clock belongs to the incident and its board office.
REVIEW_CLOCKS = ("complete", "panel_copy", "commissioner_copy")


class Outcome(enum.StrEnum):
    MUST_INITIATE = "must_initiate"
    MAY_INITIATE = "may_initiate"
    NOT_MET = "not_met"


OUTCOME_LABELS = {
    Outcome.MUST_INITIATE: _("Must initiate a review"),
    Outcome.MAY_INITIATE: _("May initiate a review"),
    Outcome.NOT_MET: _("Does not meet the criteria"),
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
    # Working Together 2023: looked after by a local authority, or a care leaver aged 24 or
    # under; harmed outside England while normally resident in the area (s16C(1)(b)).
    looked_after: bool = False
    care_leaver: bool = False
    outside_england: bool = False
    # Domestic homicide (Domestic Violence, Crime and Victims Act 2004 s9(1)): the person, aged
    # 16 or over, died from violence, abuse or neglect by a relative, a current or former
    # intimate partner, or a member of the same household.
    domestic_homicide: bool = False
    # Wales SUSR: the homicide was by an adult known to mental health services in the 12 months
    # before; or the victim, 18 or over, was killed with (or likely with) an offensive weapon.
    mental_health_homicide: bool = False
    offensive_weapon_homicide: bool = False
    local_criteria: tuple[str, ...] = ()

    @property
    def has_died(self) -> bool:
        """A death in custody or a secure setting is a death, whether or not "died" was also
        ticked."""
        return self.died or self.died_in_custody


# The facts recorded on an incident, each a yes or no (the subject's kind and the board's local
# criteria are recorded otherwise).
FACT_NAMES = tuple(
    f.name for f in fields(Facts) if f.name not in ("subject_kind", "local_criteria")
)


@dataclass(frozen=True)
class Assessment:
    outcome: Outcome
    # Read in the language active when the facts were assessed (`say`): stored with the
    # incident as it was recorded.
    reason: str
    source: str
    # The statutory review type the facts point to, where the regime distinguishes.
    suggested_review_type: str = ""

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self.outcome]


# Review types. The statutory ones a rulebook allows are `Rulebook.statutory_review_types`.
REVIEW_TYPES = {
    "scr": _("Serious case review"),
    "rapid_review": _("Rapid review"),
    "lcspr": _("Local child safeguarding practice review"),
    "sar_mandatory": _("Safeguarding adults review (mandatory)"),
    "sar_discretionary": _("Safeguarding adults review (discretionary)"),
    "learning_review": _("Learning review"),
    "partnership_case_review": _("Partnership case review"),
    "cpr_concise": _("Child practice review (concise)"),
    "cpr_extended": _("Child practice review (extended)"),
    "susr": _("Single unified safeguarding review"),
    "dhr": _("Domestic homicide review"),
}
REVIEW_TYPE_CHOICES = list(REVIEW_TYPES.items())
# Reviews a board may choose instead of a statutory one (Hertfordshire SCB procedures 8.1,
# section 2.2: "an alternative form of case review").
ALTERNATIVE_REVIEW_TYPES = ("learning_review", "partnership_case_review")

# The national lists of reviewers a rulebook may name (`Rulebook.approved_list`). The names
# are stored (ApprovedReviewer.approved_list) and compared: pages show their labels.
APPROVED_LISTS = ("Welsh Government",)
APPROVED_LIST_LABELS = {"Welsh Government": _("Welsh Government")}

NOTIFICATION_RECIPIENTS = {
    "national_panel": _("National panel"),
    "ofsted": _("Ofsted"),
    "dfe": _("Department for Education"),
    "secretary_of_state": _("Secretary of State"),
    "welsh_government": _("Welsh Government"),
    "home_office": _("Home Office"),
    "domestic_abuse_commissioner": _("Domestic Abuse Commissioner"),
}


@dataclass(frozen=True)
class Rulebook:
    code: str
    edition: int
    title: str = Translated()
    clocks: tuple[Clock, ...]
    assess: Callable[[Facts], Assessment]
    statutory_review_types: tuple[str, ...]
    # Notifications that meet the notification clock (Met.NOTIFIED).
    notification_recipients: frozenset[str] = field(default_factory=frozenset)
    # The kinds of board, by nation, that work under this regime.
    applies_to: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    # How long a published report must stay online; None where no rule says.
    online_minimum_months: int | None = None
    online_source: str = Translated("")
    # Who is told, with the reasons, when the board decides not to publish; "" where no rule says.
    not_publishing_told_to: str = ""
    # The first day on which an incident is assessed under this edition (by the day the local
    # authority became aware of it); None for a regime's first edition.
    in_force_from: dt.date | None = None
    # How many subjects (children) one notification may name; None where no rule says.
    subjects_per_notification: int | None = None
    subjects_source: str = Translated("")
    # The Home Office Quality Assurance Panel must approve the report before it is published,
    # for incidents whose facts say so; None where no such step applies.
    home_office_qa: Callable[[Facts], bool] | None = None
    home_office_qa_source: str = Translated("")
    # Reviewers must come from a list kept by a national body (its name, one of
    # APPROVED_LISTS: a stored value, not a text); "" where none.
    approved_list: str = ""
    approved_list_source: str = Translated("")
    # The chair decides after a case review group has met: its date is part of the decision.
    case_review_group: bool = False
    case_review_group_source: str = Translated("")

    def needs_home_office_qa(self, facts: Facts) -> bool:
        return self.home_office_qa is not None and self.home_office_qa(facts)

    def with_timescales(self, timescales: Mapping[str, tuple[int, "Unit"]]) -> "Rulebook":
        """This edition with the board's own lengths (by clock code) for the clocks it may set."""
        if not timescales:
            return self
        clocks = tuple(
            copy(
                clock,
                length=timescales[clock.code][0],
                unit=Unit(timescales[clock.code][1]),
                set_by_board=True,
            )
            if clock.board_may_set and clock.code in timescales
            else clock
            for clock in self.clocks
        )
        return copy(self, clocks=clocks)

    @property
    def key(self) -> str:
        return f"{self.code}:{self.edition}"

    def clock(self, code: str) -> Clock | None:
        return next((clock for clock in self.clocks if clock.code == code), None)

    def rule(self, clock_code: str) -> str:
        return f"{self.code}.{clock_code}"


# How the facts meet the criteria of harm, for the assessments' sentences: each possible
# sentence is written whole for each (Welsh words them differently), never put together.
DIED = "died"
HARMED = "harmed"
# Seed procedure 2.1: a board may include local definitions (such as serious sexual abuse,
# including exploitation) in its working definition of serious harm.
LOCAL = "local"


def serious_harm(facts: Facts) -> str:
    """HARMED, LOCAL (the board's local definition of serious harm) or "" (neither)."""
    if facts.seriously_harmed:
        return HARMED
    if facts.local_criteria:
        return LOCAL
    return ""


def harm_values(facts: Facts) -> dict:
    """The values of a sentence about harm: the board's local criteria met, by their names."""
    return {"criteria": ", ".join(facts.local_criteria)}
