"""The 15 Safeguarding Adults Review Quality Markers (SCIE, 2018, refreshed April 2022): name,
stage and a line of our own on each one's theme (guidance.quality_markers)."""

from django.utils.translation import gettext_lazy as _

from guidance.quality_markers.base import (
    ACTIONS,
    ADULTS,
    AGENCY_RETURNS,
    ANALYSIS,
    BOARD_RESPONSE,
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
    SAR_SOURCE,
    SETUP,
    Marker,
    MarkerSet,
    Stage,
)


def _sar(number, code, stage, name, theme, evidence=()):
    return Marker(number, code, stage, name, theme, SAR_SOURCE, tuple(evidence))


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
