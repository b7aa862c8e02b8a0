"""How reviews are run: methodologies, their stages, and the work of each stage, as data.

These are practice models, not statute (statute lives in rulebooks.py). A methodology is a list
of stages; each stage names the conditions that must hold to enter it (checked by
`reviews.services.workflow`) and the tasks shown on the review's task list. A new methodology
is a new entry here, never a branch in code. An option of a methodology (Learning Together's
six) that runs differently has its own stage set (`Methodology.option_stages`); `get(code,
option)` gives the methodology with its option's stages.

Sources: SCIE Guide 24 "Learning together to safeguard children" (Fish, Munro, Bairstow 2008)
and the SCIE Learning Together pages (domain.md section 1).
"""

import functools
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from guidance.rulebooks.base import Translated, copy


@dataclass(frozen=True)
class Stage:
    code: str
    title: str = Translated()
    # Conditions (codes of reviews.services.workflow.CONDITIONS) that must hold to enter.
    requires: tuple[str, ...] = ()
    # Tasks (codes of reviews.services.workflow.TASKS) on the task list while in this stage.
    tasks: tuple[str, ...] = ()
    # Entering this stage completes the review (it meets the completion clock).
    completes: bool = False
    # Conversations, episodes and findings (and their assurance and the board's response) can
    # still be recorded or changed: not once the report is out for publication.
    analysis_open: bool = True
    # Actions can still be added and progressed: until the review is closed.
    actions_open: bool = True
    # Codes of the methodology's own stages this stage of an option stands in for: a review of
    # that option which reached one of them before the option had stages of its own is taken
    # to be at this stage (so it shows this stage's tasks and moves on from here).
    replaces: tuple[str, ...] = ()


@dataclass(frozen=True)
class Methodology:
    code: str
    title: str = Translated()
    stages: tuple[Stage, ...]
    options: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    # Lead reviewers must be accredited in the model, trainees in training (SCIE: "two
    # independent reviewers who are accredited and supervised").
    needs_accredited_reviewers: bool = False
    # The stage sets of the options that run differently from `stages`, by option code; an
    # option not named here runs `stages`.
    option_stages: dict[str, tuple[Stage, ...]] = field(default_factory=dict, hash=False)
    # Where each option is described, by option code.
    option_sources: dict[str, str] = field(default_factory=dict, hash=False)
    # The option whose stages `stages` are, once resolved by `for_option` ("" for none).
    option: str = ""

    def stages_for(self, option: str) -> tuple[Stage, ...]:
        return self.option_stages.get(option, self.stages)

    def for_option(self, option: str) -> "Methodology":
        """This methodology with the stages of `option` (itself if the option has none)."""
        if option not in self.option_stages:
            return self
        return copy(self, stages=self.option_stages[option], option=option)

    def _index(self, code: str) -> int | None:
        return next(
            (
                index
                for index, stage in enumerate(self.stages)
                if code == stage.code or code in stage.replaces
            ),
            None,
        )

    def stage(self, code: str) -> Stage | None:
        index = self._index(code)
        return None if index is None else self.stages[index]

    def next_stage(self, code: str) -> Stage | None:
        index = self._index(code)
        return (
            self.stages[index + 1] if index is not None and index < len(self.stages) - 1 else None
        )

    def previous_stage(self, code: str) -> Stage | None:
        index = self._index(code)
        return self.stages[index - 1] if index else None


SETUP_TASKS = ("reviewers", "terms_of_reference", "research_questions", "team", "meetings")
GATHERING_TASKS = ("agency_requests", "files_locked", "chronology", "involvement")
# Titles that stages of several sets share (a stage's title is read only when shown).
REPORT_TITLE = _("Report and board response")
FINDINGS_TITLE = _("Findings")
REPORT_STAGE = Stage(
    "report",
    REPORT_TITLE,
    requires=("findings_recorded", "findings_quality_assured"),
    tasks=("board_response", "actions"),
)
PUBLICATION_STAGE = Stage(
    "publication",
    _("Publication"),
    requires=("board_responded", "actions_agreed"),
    tasks=("actions",),
    completes=True,
    analysis_open=False,
)
CLOSED_STAGE = Stage(
    "closed",
    _("Closed"),
    requires=("actions_finished",),
    analysis_open=False,
    actions_open=False,
)

# The full model's stages follow Guide 24's "Putting it into practice" (domain.md 1.3):
# preparation; data collection with one-to-one conversations; organising and analysing
# practice in key practice episodes and their contributory factors; generalising into
# underlying patterns (the findings); the output.
LT_PREPARATION = Stage("preparation", _("Preparation and scoping"), tasks=SETUP_TASKS)
# What a Learning Together review needs before it gathers anything, and before it analyses.
LT_READY_TO_GATHER = ("reviewer_pair", "independence", "terms_of_reference", "research_questions")
LT_INFORMATION_IN = ("agencies_asked", "agency_information_received", "files_locked")
LT_FINDINGS = Stage(
    "findings",
    FINDINGS_TITLE,
    requires=("episodes_recorded",),
    tasks=("findings", "quality_assurance"),
)

# The six options, as SCIE describes them (Learning Together review options,
# https://www.scie.org.uk/children/learningtogether/services/reviews.asp, domain.md 1.3 [V]):
# every option produces a report with findings, so every stage set ends with the findings,
# the report, publication and closing. The source, as domain.md records it, describes each
# option in a line and lists no stages for any: the stage sets of the focused and themed
# options below are this service's reading of that line, not SCIE's [U].
# Each names the source whole, so that each translates whole.
LT_OPTION_SOURCES = {
    "full": _(
        "SCIE, Learning Together review options "
        "(https://www.scie.org.uk/children/learningtogether/services/reviews.asp): conversations "
        "with all key staff, about five review team meetings and two joint meetings with the "
        "case group, usually spread over six months"
    ),
    "intensive": _(
        "SCIE, Learning Together review options "
        "(https://www.scie.org.uk/children/learningtogether/services/reviews.asp): the full "
        "model, in two blocks"
    ),
    "speed_plus": _(
        "SCIE, Learning Together review options "
        "(https://www.scie.org.uk/children/learningtogether/services/reviews.asp): all of the "
        "full model in a single week, then the report is written"
    ),
    "mid_range": _(
        "SCIE, Learning Together review options "
        "(https://www.scie.org.uk/children/learningtogether/services/reviews.asp): up to six "
        "conversations with frontline staff"
    ),
    "focused": _(
        "SCIE, Learning Together review options "
        "(https://www.scie.org.uk/children/learningtogether/services/reviews.asp): a one-day "
        "event, with no individual conversations"
    ),
    "themed": _(
        "SCIE, Learning Together review options "
        "(https://www.scie.org.uk/children/learningtogether/services/reviews.asp): a case-file "
        "audit and review"
    ),
}

# Full, intensive and speed+ differ in pace, not in their steps: they run the full model's
# stages. Mid-range runs them too: its limit of six frontline conversations is not enforced
# (the conversations task stays; the reviewers keep to the number).
LT_FULL_STAGES = (
    LT_PREPARATION,
    Stage(
        "data_collection",
        _("Data collection"),
        requires=LT_READY_TO_GATHER,
        tasks=(*GATHERING_TASKS, "conversations"),
    ),
    Stage(
        "analysis",
        _("Analysis"),
        requires=LT_INFORMATION_IN,
        tasks=("conversations", "episodes", "meetings"),
    ),
    LT_FINDINGS,
    REPORT_STAGE,
    PUBLICATION_STAGE,
    CLOSED_STAGE,
)

# Focused: the agencies' information and chronology are gathered, then the practitioners meet
# once, together, at the learning event, where the key practice episodes are drawn out; no
# one-to-one conversations. That the findings wait for the event to be recorded as held is
# this service's rule [U].
LT_FOCUSED_STAGES = (
    LT_PREPARATION,
    Stage(
        "data_collection",
        _("Data collection"),
        requires=LT_READY_TO_GATHER,
        tasks=GATHERING_TASKS,
    ),
    Stage(
        "learning_event",
        _("Learning event"),
        requires=LT_INFORMATION_IN,
        tasks=("meetings", "episodes"),
        replaces=("analysis",),
    ),
    Stage(
        "findings",
        FINDINGS_TITLE,
        requires=("learning_event_held", *LT_FINDINGS.requires),
        tasks=LT_FINDINGS.tasks,
    ),
    REPORT_STAGE,
    PUBLICATION_STAGE,
    CLOSED_STAGE,
)

# Themed: the agencies' case files are audited (requested, locked down, read into the
# chronology) in place of conversations, then analysed into key practice episodes. SCIE's
# themed reviews may look across several cases on one theme [U]; here a review is of its
# incident, so the audit is of that case's files.
LT_THEMED_STAGES = (
    LT_PREPARATION,
    Stage(
        "case_file_audit",
        _("Case-file audit"),
        requires=LT_READY_TO_GATHER,
        tasks=GATHERING_TASKS,
        replaces=("data_collection",),
    ),
    Stage(
        "analysis",
        _("Analysis"),
        requires=LT_INFORMATION_IN,
        tasks=("episodes", "meetings"),
    ),
    LT_FINDINGS,
    REPORT_STAGE,
    PUBLICATION_STAGE,
    CLOSED_STAGE,
)

LEARNING_TOGETHER = Methodology(
    code="learning_together",
    title=_("Learning Together (SCIE systems model)"),
    needs_accredited_reviewers=True,
    options=(
        # "Name: description": a refusal names the option by the words before the colon.
        ("full", _("Full: conversations with all key staff, over about six months")),
        ("intensive", _("Intensive: the full model in two blocks")),
        ("speed_plus", _("Speed+: the full model in a single week, then the report")),
        ("mid_range", _("Mid-range: up to six frontline conversations")),
        ("focused", _("Focused: a one-day event, no individual conversations")),
        ("themed", _("Themed: a case-file audit and review")),
    ),
    stages=LT_FULL_STAGES,
    option_stages={"focused": LT_FOCUSED_STAGES, "themed": LT_THEMED_STAGES},
    option_sources=LT_OPTION_SOURCES,
)


def _generic(code, title, middle: tuple[Stage, ...]) -> Methodology:
    """A methodology with the usual start and end around its own middle stages."""
    return Methodology(
        code=code,
        title=title,
        stages=(
            Stage("scoping", _("Scoping"), tasks=SETUP_TASKS),
            *middle,
            Stage(
                "findings",
                FINDINGS_TITLE,
                requires=(
                    "reviewer_pair",
                    "independence",
                    "agencies_asked",
                    "agency_information_received",
                ),
                tasks=("findings", "quality_assurance"),
            ),
            Stage(
                REPORT_STAGE.code,
                REPORT_TITLE,
                requires=("findings_recorded",),
                tasks=REPORT_STAGE.tasks,
            ),
            PUBLICATION_STAGE,
            CLOSED_STAGE,
        ),
    )


METHODOLOGIES = {
    methodology.code: methodology
    for methodology in [
        LEARNING_TOGETHER,
        _generic(
            "root_cause_analysis",
            _("Root cause analysis"),
            (
                Stage(
                    "information_gathering",
                    _("Information gathering"),
                    requires=("terms_of_reference",),
                    tasks=GATHERING_TASKS,
                ),
                Stage("analysis", _("Analysis"), tasks=("episodes",)),
            ),
        ),
        _generic(
            "silp",
            _("Significant Incident Learning Process (SILP)"),
            (
                Stage(
                    "agency_reports",
                    _("Agency reports"),
                    requires=("terms_of_reference",),
                    tasks=GATHERING_TASKS,
                ),
                Stage(
                    "learning_event", _("Learning event and recall session"), tasks=("meetings",)
                ),
            ),
        ),
        _generic(
            "child_practice_review",
            _("Child practice review (Wales)"),
            (
                Stage(
                    "information_gathering",
                    _("Information gathering"),
                    requires=("terms_of_reference",),
                    tasks=GATHERING_TASKS,
                ),
                Stage("learning_event", _("Learning event"), tasks=("meetings",)),
            ),
        ),
        # Welsh Government, SUSR guidance (docs/research/wales-susr.md, section 3): after the
        # chair's decision, "a review panel is identified with representation from the
        # different agencies involved"; families are involved and meet the reviewers;
        # practitioners "hold a learning event"; the report makes recommendations and an
        # action plan, which "the Case Review Group will sign off" (the report stage here).
        _generic(
            "susr",
            _("Single unified safeguarding review (Wales)"),
            (
                Stage(
                    "review_panel",
                    _("Review panel, information and the family"),
                    requires=("terms_of_reference",),
                    tasks=(*GATHERING_TASKS, "meetings"),
                ),
                Stage(
                    "learning_event", _("Learning event with practitioners"), tasks=("meetings",)
                ),
            ),
        ),
        _generic(
            "appreciative_inquiry",
            _("Appreciative inquiry"),
            (
                Stage(
                    "inquiry",
                    _("Inquiry"),
                    requires=("terms_of_reference",),
                    tasks=(*GATHERING_TASKS, "conversations"),
                ),
                Stage("learning_event", _("Learning event"), tasks=("meetings",)),
            ),
        ),
        _generic(
            "other",
            _("Another methodology"),
            (
                Stage(
                    "information_gathering",
                    _("Information gathering"),
                    requires=("terms_of_reference",),
                    tasks=GATHERING_TASKS,
                ),
                Stage("analysis", _("Analysis"), tasks=("episodes",)),
            ),
        ),
    ]
}
DEFAULT = LEARNING_TOGETHER.code

# Structured conversations and key practice episodes analyse practice under these nine headings
# (Guide 24 appendix 3, section 4).
CONTRIBUTORY_FACTORS = {
    "family": _("Aspects of the family"),
    "role": _("Aspects of the practitioner's role"),
    "conditions_of_work": _("Conditions of work and the work environment"),
    "personal": _("Personal aspects"),
    "own_team": _("Own team factors"),
    "inter_agency": _("Inter-agency and inter-professional team factors"),
    "culture_and_management": _("Organisational culture and management"),
    "wider_context": _("Wider political context"),
    "other": _("Other"),
}

# The six Learning Together categories of underlying patterns (Guide 24 appendix 6), seeded
# into the editable FindingCategory table: data, in English, not translated here (the pages show
# the table's names).
FINDING_CATEGORIES = [
    ("tools", "Human–tool operation"),
    ("management_systems", "Human–management system operation"),
    ("incidents_and_crises", "Multi-agency working in response to incidents and crises"),
    ("longer_term_work", "Multi-agency working in assessment and longer-term work"),
    ("family_professional", "Family–professional interaction"),
    ("human_reasoning", "Human reasoning"),
]


@functools.cache  # a page lists many reviews: resolve each methodology and option once
def get(code: str, option: str = "") -> Methodology:
    """The methodology of `code` (the default if unknown), with the stages of its `option`."""
    return (METHODOLOGIES.get(code) or METHODOLOGIES[DEFAULT]).for_option(option)
