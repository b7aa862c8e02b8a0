"""How reviews are run: methodologies, their stages, and the work of each stage, as data.

These are practice models, not statute (statute lives in rulebooks.py). A methodology is a list
of stages; each stage names the conditions that must hold to enter it (checked by
`reviews.services.workflow`) and the tasks shown on the review's task list. A new methodology
is a new entry here, never a branch in code.

Sources: SCIE Guide 24 "Learning together to safeguard children" (Fish, Munro, Bairstow 2008)
and the SCIE Learning Together pages (domain.md section 1).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Stage:
    code: str
    title: str
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


@dataclass(frozen=True)
class Methodology:
    code: str
    title: str
    stages: tuple[Stage, ...]
    options: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    # Lead reviewers must be accredited in the model, trainees in training (SCIE: "two
    # independent reviewers who are accredited and supervised").
    needs_accredited_reviewers: bool = False

    def stage(self, code: str) -> Stage | None:
        return next((stage for stage in self.stages if stage.code == code), None)

    def next_stage(self, code: str) -> Stage | None:
        codes = [stage.code for stage in self.stages]
        index = codes.index(code) if code in codes else -1
        return self.stages[index + 1] if 0 <= index < len(codes) - 1 else None

    def previous_stage(self, code: str) -> Stage | None:
        codes = [stage.code for stage in self.stages]
        index = codes.index(code) if code in codes else 0
        return self.stages[index - 1] if index > 0 else None


SETUP_TASKS = ("reviewers", "terms_of_reference", "research_questions", "team", "meetings")
GATHERING_TASKS = ("agency_requests", "files_locked", "chronology", "involvement")
REPORT_STAGE = Stage(
    "report",
    "Report and board response",
    requires=("findings_recorded", "findings_quality_assured"),
    tasks=("board_response", "actions"),
)
PUBLICATION_STAGE = Stage(
    "publication",
    "Publication",
    requires=("board_responded", "actions_agreed"),
    tasks=("actions",),
    completes=True,
    analysis_open=False,
)
CLOSED_STAGE = Stage(
    "closed",
    "Closed",
    requires=("actions_finished",),
    analysis_open=False,
    actions_open=False,
)

LEARNING_TOGETHER = Methodology(
    code="learning_together",
    title="Learning Together (SCIE systems model)",
    needs_accredited_reviewers=True,
    options=(
        ("full", "Full: conversations with all key staff, over about six months"),
        ("intensive", "Intensive: the full model in two blocks"),
        ("speed_plus", "Speed+: the full model in a single week, then the report"),
        ("mid_range", "Mid-range: up to six frontline conversations"),
        ("focused", "Focused: a one-day event, no individual conversations"),
        ("themed", "Themed: a case-file audit and review"),
    ),
    stages=(
        Stage(
            "preparation",
            "Preparation and scoping",
            tasks=SETUP_TASKS,
        ),
        Stage(
            "data_collection",
            "Data collection",
            requires=("reviewer_pair", "independence", "terms_of_reference", "research_questions"),
            tasks=(*GATHERING_TASKS, "conversations"),
        ),
        Stage(
            "analysis",
            "Analysis",
            requires=("agencies_asked", "agency_information_received", "files_locked"),
            tasks=("conversations", "episodes", "meetings"),
        ),
        Stage(
            "findings",
            "Findings",
            requires=("episodes_recorded",),
            tasks=("findings", "quality_assurance"),
        ),
        REPORT_STAGE,
        PUBLICATION_STAGE,
        CLOSED_STAGE,
    ),
)


def _generic(code, title, middle: tuple[Stage, ...]) -> Methodology:
    """A methodology with the usual start and end around its own middle stages."""
    return Methodology(
        code=code,
        title=title,
        stages=(
            Stage("scoping", "Scoping", tasks=SETUP_TASKS),
            *middle,
            Stage(
                "findings",
                "Findings",
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
                REPORT_STAGE.title,
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
            "Root cause analysis",
            (
                Stage(
                    "information_gathering",
                    "Information gathering",
                    requires=("terms_of_reference",),
                    tasks=GATHERING_TASKS,
                ),
                Stage("analysis", "Analysis", tasks=("episodes",)),
            ),
        ),
        _generic(
            "silp",
            "Significant Incident Learning Process (SILP)",
            (
                Stage(
                    "agency_reports",
                    "Agency reports",
                    requires=("terms_of_reference",),
                    tasks=GATHERING_TASKS,
                ),
                Stage("learning_event", "Learning event and recall session", tasks=("meetings",)),
            ),
        ),
        _generic(
            "child_practice_review",
            "Child practice review (Wales)",
            (
                Stage(
                    "information_gathering",
                    "Information gathering",
                    requires=("terms_of_reference",),
                    tasks=GATHERING_TASKS,
                ),
                Stage("learning_event", "Learning event", tasks=("meetings",)),
            ),
        ),
        _generic(
            "appreciative_inquiry",
            "Appreciative inquiry",
            (
                Stage(
                    "inquiry",
                    "Inquiry",
                    requires=("terms_of_reference",),
                    tasks=(*GATHERING_TASKS, "conversations"),
                ),
                Stage("learning_event", "Learning event", tasks=("meetings",)),
            ),
        ),
        _generic(
            "other",
            "Another methodology",
            (
                Stage(
                    "information_gathering",
                    "Information gathering",
                    requires=("terms_of_reference",),
                    tasks=GATHERING_TASKS,
                ),
                Stage("analysis", "Analysis", tasks=("episodes",)),
            ),
        ),
    ]
}
DEFAULT = LEARNING_TOGETHER.code

# Structured conversations and key practice episodes analyse practice under these nine headings
# (Guide 24 appendix 3, section 4).
CONTRIBUTORY_FACTORS = {
    "family": "Aspects of the family",
    "role": "Aspects of the practitioner's role",
    "conditions_of_work": "Conditions of work and the work environment",
    "personal": "Personal aspects",
    "own_team": "Own team factors",
    "inter_agency": "Inter-agency and inter-professional team factors",
    "culture_and_management": "Organisational culture and management",
    "wider_context": "Wider political context",
    "other": "Other",
}

# The six Learning Together categories of underlying patterns (Guide 24 appendix 6), seeded
# into the editable FindingCategory table.
FINDING_CATEGORIES = [
    ("tools", "Human–tool operation"),
    ("management_systems", "Human–management system operation"),
    ("incidents_and_crises", "Multi-agency working in response to incidents and crises"),
    ("longer_term_work", "Multi-agency working in assessment and longer-term work"),
    ("family_professional", "Family–professional interaction"),
    ("human_reasoning", "Human reasoning"),
]


def get(code: str) -> Methodology:
    return METHODOLOGIES.get(code) or METHODOLOGIES[DEFAULT]
