"""England's children's regimes: Local Safeguarding Children Boards (Working Together 2013 and
2015) and the safeguarding partners (Working Together 2018)."""

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
    """Regulation 5(2) LSCB Regulations 2006 and Working Together 2015 ch.4 (seed procedure 2.1)."""
    harmed, harm_text = serious_harm(facts)
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
    harmed, harm_text = serious_harm(facts)
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
    "then available on request (seed procedure 2.9)",
    # Working Together: the board tells the national panel why it will not publish.
    not_publishing_told_to="national_panel",
)
PARTNERS_2018 = Rulebook(
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
)
