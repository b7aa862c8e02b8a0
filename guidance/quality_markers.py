"""The quality markers of case reviews, as data: which set applies to a review, each marker's
stage, name and theme, and the evidence the service holds that bears on it (issue 22).

Two published sets, each of SCIE (with the NSPCC for the children's):
- the 18 Serious Case Review Quality Markers (NSPCC/SCIE 2016, from the Learning into Practice
  project), in three stages: setting up the review (5), running it (8), its outputs (5).
  https://www.scie.org.uk/safeguarding/children/case-reviews/quality-markers/ and
  https://www.nspcc.org.uk/services-and-resources/research-and-resources/2016/serious-case-review-quality-markers/
- the 15 Safeguarding Adults Review Quality Markers (SCIE 2018, refreshed April 2022), in
  three stages: setting up (5), running (7), output, action and impact (3). The practitioners'
  involvement and the involvement of the person, family and network are two markers (10, 11).
  https://www.scie.org.uk/safeguarding/adults/reviews/quality-markers/list/

The markers' own text is copyright SCIE/NSPCC: each marker here is its name, its stage and a
line of our own saying its theme, with the address of its set. The sources frame each marker
as a question of whether it is being met ("How might you know if you are meeting this quality
marker?"), and give no scale: the judgements (`JUDGEMENTS`) are of that wording.

Domestic homicide reviews have no marker set of SCIE or the NSPCC: their quality assurance is
the Home Office's panel (publication: HomeOfficeQaStep). No source was found letting a
community safety partnership use the adults' set instead, so none is offered.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from guidance.rulebooks.base import Translated

CHILDREN = "children"
ADULTS = "adults"

SCR_SOURCE = "https://www.scie.org.uk/safeguarding/children/case-reviews/quality-markers/"
SCR_SOURCE_NSPCC = (
    "https://www.nspcc.org.uk/services-and-resources/research-and-resources/2016/"
    "serious-case-review-quality-markers/"
)
SAR_SOURCE = "https://www.scie.org.uk/safeguarding/adults/reviews/quality-markers/list/"

# What the service already holds, by kind: reviews' records read by quality.selectors.
CLOCKS = "clocks"  # the case's statutory clocks, met on time or not
REFERRAL = "referral"  # when the local authority knew and the board was told
DECISION = "decision"  # the chair's decision and its date
FAMILY = "family"  # involvement offered to the family, and their answers
PRACTITIONERS = "practitioners"  # practitioners' involvement, conversations held
AGENCY_RETURNS = "agency_returns"  # agencies' returns against their due dates
MEETINGS = "meetings"  # review team and case group meetings held
PROCEEDINGS = "proceedings"  # parallel proceedings recorded
ANALYSIS = "analysis"  # findings, and those quality-assured
REPORT = "report"  # the report's quality assurance, approval and sign-off
PUBLICATION = "publication"  # the decision to publish, planned and actual dates
ACTIONS = "actions"  # the action plan: owners, due dates, progress
BOARD_RESPONSE = "board_response"  # the board's written response to the findings

EVIDENCE_KINDS = (
    CLOCKS,
    REFERRAL,
    DECISION,
    FAMILY,
    PRACTITIONERS,
    AGENCY_RETURNS,
    MEETINGS,
    PROCEEDINGS,
    ANALYSIS,
    REPORT,
    PUBLICATION,
    ACTIONS,
    BOARD_RESPONSE,
)


@dataclass(frozen=True)
class Stage:
    code: str
    title: str = Translated()


@dataclass(frozen=True)
class Marker:
    number: int
    code: str
    stage: str
    name: str = Translated()
    # Our own words for what the marker is about, never the source's text.
    theme: str = Translated()
    source: str = ""
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class MarkerSet:
    code: str
    title: str = Translated()
    published: str = Translated()
    sources: tuple[str, ...] = ()
    stages: tuple[Stage, ...] = ()
    markers: tuple[Marker, ...] = ()

    def marker(self, code: str) -> Marker | None:
        return next((marker for marker in self.markers if marker.code == code), None)

    def stage(self, code: str) -> Stage | None:
        return next((stage for stage in self.stages if stage.code == code), None)

    def of_stage(self, code: str) -> list[Marker]:
        return [marker for marker in self.markers if marker.stage == code]


SETUP, RUNNING, OUTPUTS = "setup", "running", "outputs"


def _scr(number, code, stage, name, theme, evidence=()):
    return Marker(number, code, stage, name, theme, SCR_SOURCE, tuple(evidence))


def _sar(number, code, stage, name, theme, evidence=()):
    return Marker(number, code, stage, name, theme, SAR_SOURCE, tuple(evidence))


CHILDREN_SET = MarkerSet(
    code=CHILDREN,
    title=_("Serious Case Review Quality Markers"),
    published=_("NSPCC and SCIE, 2016 (Learning into Practice project)"),
    sources=(SCR_SOURCE, SCR_SOURCE_NSPCC),
    stages=(
        Stage(SETUP, _("Setting up the review")),
        Stage(RUNNING, _("Running the review")),
        Stage(OUTPUTS, _("Outputs of the review")),
    ),
    markers=(
        _scr(
            1,
            "referral",
            SETUP,
            _("Referral"),
            _("The case comes to the board for consideration promptly, with its reasons."),
            [REFERRAL, CLOCKS],
        ),
        _scr(
            2,
            "decision_making",
            SETUP,
            _("Decision making"),
            _(
                "Whether to review, and how, is decided in good time from the case and its "
                "local context, with reasons that can be defended."
            ),
            [DECISION, CLOCKS],
        ),
        _scr(
            3,
            "advising_board_members",
            SETUP,
            _("Advising board members"),
            _("Board members are told of the decision and its reasons, and what it asks of them."),
        ),
        _scr(
            4,
            "informing_the_family",
            SETUP,
            _("Informing the family"),
            _("The family learn what the review is for and how it will work, with respect."),
            [FAMILY],
        ),
        _scr(
            5,
            "clarity_of_purpose",
            SETUP,
            _("Clarity of purpose"),
            _("From the start the board is open that the review is for learning, not blame."),
        ),
        _scr(
            6,
            "commissioning",
            RUNNING,
            _("Commissioning"),
            _(
                "The form and focus of the review are settled with board members and the lead "
                "reviewers, in proportion to the case."
            ),
        ),
        _scr(
            7,
            "governance",
            RUNNING,
            _("Governance"),
            _("Oversight of the review's progress, timeliness and quality is clear and sound."),
            [MEETINGS, CLOCKS],
        ),
        _scr(
            8,
            "scr_management",
            RUNNING,
            _("SCR management"),
            _("The review is planned and managed: its tasks, people, time and resources."),
            [MEETINGS, CLOCKS],
        ),
        _scr(
            9,
            "parallel_processes",
            RUNNING,
            _("Parallel processes"),
            _("Criminal proceedings, inquests and other inquiries are worked with, not around."),
            [PROCEEDINGS],
        ),
        _scr(
            10,
            "assembling_information",
            RUNNING,
            _("Assembling information"),
            _("What the review needs is gathered from the agencies in good time, in proportion."),
            [AGENCY_RETURNS],
        ),
        _scr(
            11,
            "practitioner_involvement",
            RUNNING,
            _("Practitioner involvement"),
            _("Practitioners and their managers take part, and are supported to."),
            [PRACTITIONERS],
        ),
        _scr(
            12,
            "family_involvement",
            RUNNING,
            _("Family involvement"),
            _("The family are offered a part in the review, and their view informs it."),
            [FAMILY],
        ),
        _scr(
            13,
            "analysis",
            RUNNING,
            _("Analysis"),
            _("The analysis is open and rigorous: it explains why practice was as it was."),
            [ANALYSIS],
        ),
        _scr(
            14,
            "report",
            OUTPUTS,
            _("Report"),
            _(
                "The report sets out the analysis and findings that matter for improvement, "
                "with as little of the family's detail as it can."
            ),
            [REPORT],
        ),
        _scr(
            15,
            "improvement_action",
            OUTPUTS,
            _("Improvement action"),
            _("The agencies agree, after real discussion, what will be done about the findings."),
            [ACTIONS],
        ),
        _scr(
            16,
            "board_written_response",
            OUTPUTS,
            _("Board written response"),
            _("The board agrees a short written response, for publication, of what will be done."),
            [BOARD_RESPONSE],
        ),
        _scr(
            17,
            "publication",
            OUTPUTS,
            _("Publication"),
            _("Whether, when and how to publish is decided with care for its impact."),
            [PUBLICATION],
        ),
        _scr(
            18,
            "implementation_and_evaluation",
            OUTPUTS,
            _("Implementation and evaluation"),
            _(
                "The learning and the response enter the board's business plan, and the actions "
                "are followed up to see whether services improve."
            ),
            [ACTIONS],
        ),
    ),
)

ADULTS_SET = MarkerSet(
    code=ADULTS,
    title=_("Safeguarding Adults Review Quality Markers"),
    published=_("SCIE, 2018, refreshed April 2022"),
    sources=(SAR_SOURCE,),
    stages=(
        Stage(SETUP, _("Setting up the review")),
        Stage(RUNNING, _("Running the review")),
        Stage(OUTPUTS, _("Output, action and impact")),
    ),
    markers=(
        _sar(
            1,
            "referral",
            SETUP,
            _("Referral"),
            _("The case comes to the board for consideration promptly, with its reasons."),
            [REFERRAL, CLOCKS],
        ),
        _sar(
            2,
            "decision_making",
            SETUP,
            _("Decision making: what kind of SAR, if any"),
            _(
                "Whether a review is needed, and its size and scope, are decided in good time "
                "from the case and its local context, with reasons that can be defended."
            ),
            [DECISION, CLOCKS],
        ),
        _sar(
            3,
            "informing_the_person",
            SETUP,
            _("Informing the person, members of their family and social network"),
            _(
                "The person and those close to them learn what the review is for and how it "
                "will work, and are treated with respect."
            ),
            [FAMILY],
        ),
        _sar(
            4,
            "clarity_of_purpose",
            SETUP,
            _("Clarity of purpose"),
            _(
                "From the start the board is open that the review is a statutory process for "
                "learning and improvement, and names what may get in its way."
            ),
        ),
        _sar(
            5,
            "commissioning",
            SETUP,
            _("Commissioning"),
            _(
                "The approach is chosen with the reviewers from the case and its context, "
                "rigorous and in proportion."
            ),
        ),
        _sar(
            6,
            "governance",
            RUNNING,
            _("Governance"),
            _("The board's oversight of the review and accountability for it are sound."),
            [MEETINGS, CLOCKS],
        ),
        _sar(
            7,
            "process_management",
            RUNNING,
            _("Process management"),
            _("The review is planned and managed: its tasks, people, time and resources."),
            [MEETINGS, CLOCKS],
        ),
        _sar(
            8,
            "parallel_processes",
            RUNNING,
            _("Parallel processes"),
            _("Criminal proceedings, inquests and other inquiries are worked with, not around."),
            [PROCEEDINGS],
        ),
        _sar(
            9,
            "assembling_information",
            RUNNING,
            _("Assembling information"),
            _("What the review needs is gathered from the agencies in good time, in proportion."),
            [AGENCY_RETURNS],
        ),
        _sar(
            10,
            "practitioners_involvement",
            RUNNING,
            _("Practitioners' involvement"),
            _("Practitioners and their managers take part, and are supported to."),
            [PRACTITIONERS],
        ),
        _sar(
            11,
            "person_and_family_involvement",
            RUNNING,
            _("Involvement of the person, family members and network"),
            _(
                "The person, their family and network are offered a part in the review, and "
                "their view informs it."
            ),
            [FAMILY],
        ),
        _sar(
            12,
            "analysis",
            RUNNING,
            _("Analysis"),
            _("The analysis is open and rigorous: it explains why practice was as it was."),
            [ANALYSIS],
        ),
        _sar(
            13,
            "report",
            OUTPUTS,
            _("The report"),
            _("The report is clear about the findings that matter for improvement."),
            [REPORT],
        ),
        _sar(
            14,
            "publication_and_dissemination",
            OUTPUTS,
            _("Publication and dissemination"),
            _("The report is published and its learning shared with care for its impact."),
            [PUBLICATION],
        ),
        _sar(
            15,
            "action_and_impact",
            OUTPUTS,
            _("Action and impact"),
            _(
                "The board responds with actions that have owners, follows them up and looks "
                "for their impact."
            ),
            [ACTIONS, BOARD_RESPONSE],
        ),
    ),
)

SETS = {CHILDREN: CHILDREN_SET, ADULTS: ADULTS_SET}

# The judgement of each marker, from the sources' question "are you meeting this marker?".
MET, PARTLY_MET, NOT_MET, NOT_APPLICABLE = "met", "partly_met", "not_met", "not_applicable"
JUDGEMENTS = {
    MET: _("Met"),
    PARTLY_MET: _("Partly met"),
    NOT_MET: _("Not met"),
    NOT_APPLICABLE: _("Not applicable"),
}

# Reviews under the Care Act's safeguarding adults reviews: always the adults' set.
ADULT_REVIEW_TYPES = frozenset({"sar_mandatory", "sar_discretionary"})
# Domestic homicide reviews: no set of SCIE or the NSPCC (see above).
NO_SET_REVIEW_TYPES = frozenset({"dhr"})


def set_for(review_type: str, subject_kind: str) -> MarkerSet | None:
    """The marker set of a review: the adults' for a safeguarding adults review, none for a
    domestic homicide review, and otherwise (child reviews of England and Wales, a single
    unified safeguarding review, a learning review) that of whom the review is about."""
    if review_type in NO_SET_REVIEW_TYPES:
        return None
    if review_type in ADULT_REVIEW_TYPES or subject_kind == "adult":
        return ADULTS_SET
    return CHILDREN_SET
