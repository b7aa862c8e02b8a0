"""England's children's regimes: Local Safeguarding Children Boards (Working Together 2013 and
2015) and the safeguarding partners (Working Together 2018, then 2023).

The sources of Working Together 2023's rules, and what could not be confirmed in a primary
source, are in docs/research/wt2023.md."""

import dataclasses
import datetime as dt

from guidance.rulebooks.base import (
    Assessment,
    Clock,
    Facts,
    Met,
    Outcome,
    Rulebook,
    Start,
    Unit,
    serious_harm,
)

LSCB_REGS = "Local Safeguarding Children Boards Regulations 2006, regulation 5(2)"


def _assess_lscb_2015(facts: Facts) -> Assessment:
    """Regulation 5(2) LSCB Regulations 2006 and Working Together 2015 chapter 4
    (Hertfordshire SCB procedures 8.1, section 2.1)."""
    harmed, harm_text = serious_harm(facts)
    if facts.died_in_custody or (
        facts.has_died and (facts.detained_mental_health_act or facts.deprivation_of_liberty)
    ):
        return Assessment(
            Outcome.MUST_INITIATE,
            "The child died in custody or a secure setting, while detained under the Mental "
            "Health Act 1983, or while subject to a deprivation of liberty order: a serious case "
            "review must always be carried out, even if the other criteria are not met.",
            "Working Together 2015 chapter 4; Hertfordshire SCB procedures 8.1, section 2.1",
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
            "Working Together 2015 chapter 4; Hertfordshire SCB procedures 8.1, section 2.2",
            "scr",
        )
    return Assessment(
        Outcome.NOT_MET,
        "The facts recorded do not meet the serious case review criteria. The board may still "
        "commission an alternative review.",
        LSCB_REGS,
    )


def _assess_partners_2018(facts: Facts) -> Assessment:
    """Children Act 2004 s16C and Working Together 2018 chapter 4."""
    harmed, harm_text = serious_harm(facts)
    if facts.abuse_or_neglect_suspected and (facts.has_died or harmed):
        what = "died" if facts.has_died else harm_text
        return Assessment(
            Outcome.MAY_INITIATE,
            f"A serious child safeguarding case: abuse or neglect is known or suspected and the "
            f"child {what}. The Child Safeguarding Practice Review Panel must be notified and a "
            "rapid review held; the safeguarding partners then commission a local child "
            "safeguarding practice review where they consider it appropriate.",
            "Children Act 2004 s16C(1); Working Together 2018 chapter 4",
            "lcspr",
        )
    return Assessment(
        Outcome.NOT_MET,
        "The facts recorded do not make this a serious child safeguarding case. The partners "
        "may still hold a learning review.",
        "Children Act 2004 s16C(1)",
    )


# The Secretary of State and Ofsted are told of these deaths whether or not abuse or neglect is
# known or suspected (gov.uk, "Report a serious child safeguarding incident": "For looked-after
# children, you must notify us of their death whether or not you know or suspect abuse or
# neglect"; Working Together 2023 chapter 5 adds care leavers up to and including the age of 24).
DEATH_IN_CARE_SOURCE = (
    "Working Together 2023 chapter 5; gov.uk, Report a serious child safeguarding incident: a "
    "looked-after child's death within 5 working days, whether or not abuse or neglect is "
    "suspected. Care leavers to 24: Working Together 2023 chapter 5 as local procedures quote it "
    "(not confirmed in the primary source)"
)


def _died_in_care(facts: Facts) -> bool:
    return facts.has_died and (facts.looked_after or facts.care_leaver)


def _death_in_care_text(facts: Facts) -> str:
    who = "a looked-after child" if facts.looked_after else "a care leaver aged 24 or under"
    return (
        f" The death of {who} must also be notified to the Secretary of State (Department for "
        "Education) and Ofsted within 5 working days of the local authority becoming aware, "
        "whether or not abuse or neglect is known or suspected."
    )


def _assess_partners_2023(facts: Facts) -> Assessment:
    """Children Act 2004 s16C and Working Together 2023 chapter 5."""
    harmed, harm_text = serious_harm(facts)
    in_care = _death_in_care_text(facts) if _died_in_care(facts) else ""
    if facts.abuse_or_neglect_suspected and (facts.has_died or harmed):
        what = "died" if facts.has_died else harm_text
        where = (
            " outside England while normally resident in the local authority's area, so this "
            "local authority notifies"
            if facts.outside_england
            else ""
        )
        return Assessment(
            Outcome.MAY_INITIATE,
            f"A serious child safeguarding case: abuse or neglect is known or suspected and the "
            f"child {what}{where}. The Child Safeguarding Practice Review Panel must be notified "
            "and a rapid review held; the safeguarding partners then commission a local child "
            "safeguarding practice review where they consider it appropriate." + in_care,
            "Children Act 2004 s16C(1)"
            + ("(b)" if facts.outside_england else "")
            + "; Working Together 2023 chapter 5",
            "lcspr",
        )
    if in_care:
        return Assessment(
            Outcome.NOT_MET,
            "Abuse or neglect is not known or suspected, so this is not a serious child "
            "safeguarding case and the Panel does not consider it." + in_care,
            "Working Together 2023 chapter 5; gov.uk, Report a serious child safeguarding incident "
            "(care leavers: not confirmed in the primary source)",
        )
    return Assessment(
        Outcome.NOT_MET,
        "The facts recorded do not make this a serious child safeguarding case. The partners "
        "may still hold a learning review.",
        "Children Act 2004 s16C(1)",
    )


# --- Clocks -----------------------------------------------------------------------------------

NOTIFY_WT2015 = Clock(
    code="notify_panel",
    title="Notify Ofsted and the national panel",
    length=5,
    unit=Unit.WORKING_DAYS,
    starts=Start.LA_AWARE,
    met_by=Met.NOTIFIED,
    source="Working Together 2015 chapter 4: the local authority notifies within 5 working days of "
    "becoming aware (Hertfordshire SCB procedures 8.1, section 2.1)",
    only_if_criteria_met=True,
)
DECISION_WT2015 = Clock(
    code="decision",
    title="Decide whether to initiate a serious case review",
    length=1,
    unit=Unit.CALENDAR_MONTHS,
    starts=Start.BOARD_NOTIFIED,
    met_by=Met.DECISION_RECORDED,
    source="Working Together 2015 chapter 4: normally within one month of notification "
    "(Hertfordshire SCB procedures 8.1, section 2.2)",
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
    source="Working Together 2015 chapter 4, timescale for completion: within six months of "
    "initiation (Hertfordshire SCB procedures 8.1, section 2.6)",
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
    source="Children Act 2004 s16C; Working Together 2018 chapter 4: within 5 working days of "
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
    source="Working Together 2018 chapter 4: within 15 working days, from the date the "
    "notification was sent to the Panel",
)
COMPLETE_WT2018 = Clock(
    code="complete",
    title="Complete the review (target)",
    length=6,
    unit=Unit.CALENDAR_MONTHS,
    starts=Start.INITIATED,
    met_by=Met.REVIEW_COMPLETED,
    confirmed=False,
    source="Working Together 2018 chapter 4: local reviews are expected to be completed within six "
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
    source="Working Together 2018 chapter 4: at least 7 working days before publication (not "
    "confirmed in the primary source)",
)

# Working Together 2023 carries the 2018 clocks over; only their sources (and what could be
# confirmed of them) change.
NOTIFY_WT2023 = dataclasses.replace(
    NOTIFY_WT2018,
    source="Children Act 2004 s16C; Working Together 2023 chapter 5; gov.uk, Report a serious "
    "child safeguarding incident: within 5 working days of becoming aware",
)
NOTIFY_DFE_OFSTED = Clock(
    code="notify_dfe_ofsted",
    title="Notify the Secretary of State (DfE) and Ofsted of the death",
    length=5,
    unit=Unit.WORKING_DAYS,
    starts=Start.LA_AWARE,
    met_by=Met.DFE_AND_OFSTED_NOTIFIED,
    source=DEATH_IN_CARE_SOURCE,
    only_if=_died_in_care,
)
RAPID_REVIEW_WT2023 = dataclasses.replace(
    RAPID_REVIEW_WT2018,
    confirmed=False,
    source="Working Together 2023 chapter 5: within 15 working days of the notification to the "
    "Panel (the start not confirmed in the primary source: the Panel's FAQ says 15 working "
    "days, local procedures count from the notification)",
)
COMPLETE_WT2023 = dataclasses.replace(
    COMPLETE_WT2018,
    source="Working Together 2023 chapter 5: local reviews are expected to be completed within six "
    "months (not confirmed in the primary source)",
)
PANEL_COPY_WT2023 = dataclasses.replace(
    PANEL_COPY_WT2018,
    source="Working Together 2023 chapter 5: at least 7 working days before publication (not "
    "confirmed in the primary source)",
)


LSCB_2015 = Rulebook(
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
    "then available on request (Hertfordshire SCB procedures 8.1, section 2.9)",
    # Working Together: the board tells the national panel why it will not publish.
    not_publishing_told_to="national_panel",
)
PARTNERS_2018 = Rulebook(
    code="partners-2018",
    edition=1,
    title="Safeguarding partners: Working Together 2018",
    clocks=(NOTIFY_WT2018, RAPID_REVIEW_WT2018, COMPLETE_WT2018, PANEL_COPY_WT2018),
    assess=_assess_partners_2018,
    statutory_review_types=("lcspr",),
    applies_to=frozenset({("children", "england")}),
    notification_recipients=frozenset({"national_panel"}),
    online_minimum_months=12,
    online_source="Working Together 2018 chapter 4: published reports stay available for at "
    "least one year",
    # Working Together: the board tells the national panel why it will not publish.
    not_publishing_told_to="national_panel",
    # The Child Safeguarding Practice Review and Relevant Agency (England) Regulations 2018
    # (SI 2018/789), reg 1: in force the day after they were made on 28 June 2018.
    in_force_from=dt.date(2018, 6, 29),
)
PARTNERS_2023 = Rulebook(
    code="partners-2023",
    edition=1,
    title="Safeguarding partners: Working Together 2023",
    clocks=(
        NOTIFY_WT2023,
        NOTIFY_DFE_OFSTED,
        RAPID_REVIEW_WT2023,
        COMPLETE_WT2023,
        PANEL_COPY_WT2023,
    ),
    assess=_assess_partners_2023,
    statutory_review_types=("lcspr",),
    applies_to=frozenset({("children", "england")}),
    notification_recipients=frozenset({"national_panel"}),
    online_minimum_months=12,
    online_source="Working Together 2023 chapter 5: published reports stay available for at "
    "least one year (not confirmed in the primary source)",
    not_publishing_told_to="national_panel",
    # Published and in force on 15 December 2023, replacing the 2018 edition. No transitional
    # rule was found: an incident is assessed under the edition in force on the day the local
    # authority became aware of it (docs/research/wt2023.md, section 1).
    in_force_from=dt.date(2023, 12, 15),
    subjects_per_notification=4,
    subjects_source='gov.uk, Report a serious child safeguarding incident: "You must raise '
    "only 1 notification per incident, even if more than 1 child is affected. You can include: "
    'details of up to 4 children per incident"',
)
