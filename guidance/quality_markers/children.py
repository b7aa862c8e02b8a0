"""The 18 Serious Case Review Quality Markers (NSPCC and SCIE, 2016): name, stage and a line of
our own on each one's theme (guidance.quality_markers)."""

from django.utils.translation import gettext_lazy as _

from guidance.quality_markers.base import (
    ACTIONS,
    AGENCY_RETURNS,
    ANALYSIS,
    BOARD_RESPONSE,
    CHILDREN,
    CLOCKS,
    DECISION,
    FAMILY,
    MEETINGS,
    OUTPUTS,
    PRACTITIONERS,
    PROCEEDINGS,
    PUBLICATION,
    REFERRAL,
    REPORT,
    RUNNING,
    SCR_SOURCE,
    SCR_SOURCE_NSPCC,
    SETUP,
    Marker,
    MarkerSet,
    Stage,
)


def _scr(number, code, stage, name, theme, evidence=()):
    return Marker(number, code, stage, name, theme, SCR_SOURCE, tuple(evidence))


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
