"""England's children's regimes: Local Safeguarding Children Boards (Working Together 2013 and
2015) and the safeguarding partners (Working Together 2018, then 2023).

The sources of Working Together 2023's rules, and what could not be confirmed in a primary
source, are in docs/research/wt2023.md."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from guidance.rulebooks.base import (
    DIED,
    HARMED,
    LOCAL,
    Assessment,
    Clock,
    Facts,
    Met,
    Outcome,
    Rulebook,
    Start,
    Unit,
    copy,
    harm_values,
    say,
    serious_harm,
)


def _assess_lscb_2015(facts: Facts) -> Assessment:
    """Regulation 5(2) LSCB Regulations 2006 and Working Together 2015 chapter 4
    (Hertfordshire SCB procedures 8.1, section 2.1)."""
    harm = serious_harm(facts)
    if facts.died_in_custody or (
        facts.has_died and (facts.detained_mental_health_act or facts.deprivation_of_liberty)
    ):
        return Assessment(
            Outcome.MUST_INITIATE,
            say(
                _(
                    "The child died in custody or a secure setting, while detained under the "
                    "Mental Health Act 1983, or while subject to a deprivation of liberty order: "
                    "a serious case review must always be carried out, even if the other "
                    "criteria are not met."
                )
            ),
            say(
                _("Working Together 2015 chapter 4; Hertfordshire SCB procedures 8.1, section 2.1")
            ),
            "scr",
        )
    if facts.abuse_or_neglect_suspected and facts.has_died:
        return Assessment(
            Outcome.MUST_INITIATE,
            say(_("Abuse or neglect is known or suspected and the child died.")),
            say(
                _(
                    "Local Safeguarding Children Boards Regulations 2006, regulation 5(2)(a) "
                    "and (b)(i)"
                )
            ),
            "scr",
        )
    if facts.abuse_or_neglect_suspected and harm and facts.concern_about_working_together:
        reason = {
            HARMED: _(
                "Abuse or neglect is known or suspected, the child was seriously harmed, and "
                "there is cause for concern about how the agencies worked together to "
                "safeguard the child."
            ),
            LOCAL: _(
                "Abuse or neglect is known or suspected, the child meets the board's local "
                "definition of serious harm (%(criteria)s), and there is cause for concern "
                "about how the agencies worked together to safeguard the child."
            ),
        }[harm]
        return Assessment(
            Outcome.MUST_INITIATE,
            say(reason, **harm_values(facts)),
            say(
                _(
                    "Local Safeguarding Children Boards Regulations 2006, regulation 5(2)(a) "
                    "and (b)(ii)"
                )
            ),
            "scr",
        )
    if facts.abuse_or_neglect_suspected and harm:
        reason = {
            HARMED: _(
                "Abuse or neglect is known or suspected and the child was seriously harmed, "
                "but no concern about how agencies worked together is recorded."
            ),
            LOCAL: _(
                "Abuse or neglect is known or suspected and the child meets the board's local "
                "definition of serious harm (%(criteria)s), but no concern about how agencies "
                "worked together is recorded."
            ),
        }[harm]
        return Assessment(
            Outcome.MAY_INITIATE,
            " ".join(
                [
                    say(reason, **harm_values(facts)),
                    say(
                        _(
                            "The board may still commission a serious case review or an "
                            "alternative review."
                        )
                    ),
                ]
            ),
            say(
                _("Working Together 2015 chapter 4; Hertfordshire SCB procedures 8.1, section 2.2")
            ),
            "scr",
        )
    return Assessment(
        Outcome.NOT_MET,
        say(
            _(
                "The facts recorded do not meet the serious case review criteria. The board may "
                "still commission an alternative review."
            )
        ),
        say(_("Local Safeguarding Children Boards Regulations 2006, regulation 5(2)")),
    )


# A serious child safeguarding case, in the words of Working Together 2018 and 2023: how the
# child was harmed, and (2023) whether outside England while normally resident in the area.
SERIOUS_CASE = {
    (DIED, False): _(
        "A serious child safeguarding case: abuse or neglect is known or suspected and the child "
        "died."
    ),
    (HARMED, False): _(
        "A serious child safeguarding case: abuse or neglect is known or suspected and the child "
        "was seriously harmed."
    ),
    (LOCAL, False): _(
        "A serious child safeguarding case: abuse or neglect is known or suspected and the child "
        "meets the board's local definition of serious harm (%(criteria)s)."
    ),
    (DIED, True): _(
        "A serious child safeguarding case: abuse or neglect is known or suspected and the child "
        "died outside England while normally resident in the local authority's area, so this "
        "local authority notifies."
    ),
    (HARMED, True): _(
        "A serious child safeguarding case: abuse or neglect is known or suspected and the child "
        "was seriously harmed outside England while normally resident in the local authority's "
        "area, so this local authority notifies."
    ),
    (LOCAL, True): _(
        "A serious child safeguarding case: abuse or neglect is known or suspected and the child "
        "meets the board's local definition of serious harm (%(criteria)s) outside England "
        "while normally resident in the local authority's area, so this local authority "
        "notifies."
    ),
}
RAPID_REVIEW_THEN_LOCAL = _(
    "The Child Safeguarding Practice Review Panel must be notified and a rapid review held; the "
    "safeguarding partners then commission a local child safeguarding practice review where they "
    "consider it appropriate."
)
NOT_A_SERIOUS_CASE = _(
    "The facts recorded do not make this a serious child safeguarding case. The partners may "
    "still hold a learning review."
)


def _serious_case(facts: Facts, harm: str, outside_england: bool = False) -> str:
    what = DIED if facts.has_died else harm
    return " ".join(
        [
            say(SERIOUS_CASE[what, outside_england], **harm_values(facts)),
            say(RAPID_REVIEW_THEN_LOCAL),
        ]
    )


def _assess_partners_2018(facts: Facts) -> Assessment:
    """Children Act 2004 s16C and Working Together 2018 chapter 4."""
    harm = serious_harm(facts)
    if facts.abuse_or_neglect_suspected and (facts.has_died or harm):
        return Assessment(
            Outcome.MAY_INITIATE,
            _serious_case(facts, harm),
            say(_("Children Act 2004 s16C(1); Working Together 2018 chapter 4")),
            "lcspr",
        )
    return Assessment(
        Outcome.NOT_MET,
        say(NOT_A_SERIOUS_CASE),
        say(_("Children Act 2004 s16C(1)")),
    )


# The Secretary of State and Ofsted are told of these deaths whether or not abuse or neglect is
# known or suspected (gov.uk, "Report a serious child safeguarding incident": "For looked-after
# children, you must notify us of their death whether or not you know or suspect abuse or
# neglect"; Working Together 2023 chapter 5 adds care leavers up to and including the age of 24).
DEATH_IN_CARE_SOURCE = _(
    "Working Together 2023 chapter 5; gov.uk, Report a serious child safeguarding incident: a "
    "looked-after child's death within 5 working days, whether or not abuse or neglect is "
    "suspected. Care leavers to 24: Working Together 2023 chapter 5 as local procedures quote it "
    "(not confirmed in the primary source)"
)


def _died_in_care(facts: Facts) -> bool:
    return facts.has_died and (facts.looked_after or facts.care_leaver)


def _death_in_care_text(facts: Facts) -> str:
    if facts.looked_after:
        return say(
            _(
                "The death of a looked-after child must also be notified to the Secretary of "
                "State (Department for Education) and Ofsted within 5 working days of the local "
                "authority becoming aware, whether or not abuse or neglect is known or suspected."
            )
        )
    return say(
        _(
            "The death of a care leaver aged 24 or under must also be notified to the Secretary "
            "of State (Department for Education) and Ofsted within 5 working days of the local "
            "authority becoming aware, whether or not abuse or neglect is known or suspected."
        )
    )


def _assess_partners_2023(facts: Facts) -> Assessment:
    """Children Act 2004 s16C and Working Together 2023 chapter 5."""
    harm = serious_harm(facts)
    in_care = [_death_in_care_text(facts)] if _died_in_care(facts) else []
    if facts.abuse_or_neglect_suspected and (facts.has_died or harm):
        source = (
            _("Children Act 2004 s16C(1)(b); Working Together 2023 chapter 5")
            if facts.outside_england
            else _("Children Act 2004 s16C(1); Working Together 2023 chapter 5")
        )
        return Assessment(
            Outcome.MAY_INITIATE,
            " ".join([_serious_case(facts, harm, facts.outside_england), *in_care]),
            say(source),
            "lcspr",
        )
    if in_care:
        return Assessment(
            Outcome.NOT_MET,
            " ".join(
                [
                    say(
                        _(
                            "Abuse or neglect is not known or suspected, so this is not a "
                            "serious child safeguarding case and the Panel does not consider it."
                        )
                    ),
                    *in_care,
                ]
            ),
            say(
                _(
                    "Working Together 2023 chapter 5; gov.uk, Report a serious child "
                    "safeguarding incident (care leavers: not confirmed in the primary source)"
                )
            ),
        )
    return Assessment(
        Outcome.NOT_MET,
        say(NOT_A_SERIOUS_CASE),
        say(_("Children Act 2004 s16C(1)")),
    )


# --- Clocks -----------------------------------------------------------------------------------

NOTIFY_WT2015 = Clock(
    code="notify_panel",
    title=_("Notify Ofsted and the national panel"),
    length=5,
    unit=Unit.WORKING_DAYS,
    starts=Start.LA_AWARE,
    met_by=Met.NOTIFIED,
    source=_(
        "Working Together 2015 chapter 4: the local authority notifies within 5 working days of "
        "becoming aware (Hertfordshire SCB procedures 8.1, section 2.1)"
    ),
    only_if_criteria_met=True,
)
DECISION_WT2015 = Clock(
    code="decision",
    title=_("Decide whether to initiate a serious case review"),
    length=1,
    unit=Unit.CALENDAR_MONTHS,
    starts=Start.BOARD_NOTIFIED,
    met_by=Met.DECISION_RECORDED,
    source=_(
        "Working Together 2015 chapter 4: normally within one month of notification "
        "(Hertfordshire SCB procedures 8.1, section 2.2)"
    ),
)
NOT_INITIATING_WT2015 = Clock(
    code="not_initiating_notice",
    title=_("Tell the national panel of a decision not to initiate, with reasons"),
    length=14,
    unit=Unit.DAYS,
    starts=Start.DECIDED_NOT_TO_INITIATE,
    met_by=Met.PANEL_TOLD_OF_DECISION,
    source=_(
        "National panel of independent experts: guidance on serious case review initiation "
        "decisions, flowchart 1 (within 14 days)"
    ),
)
COMPLETE_WT2015 = Clock(
    code="complete",
    title=_("Complete the review"),
    length=6,
    unit=Unit.CALENDAR_MONTHS,
    starts=Start.INITIATED,
    met_by=Met.REVIEW_COMPLETED,
    source=_(
        "Working Together 2015 chapter 4, timescale for completion: within six months of "
        "initiation (Hertfordshire SCB procedures 8.1, section 2.6)"
    ),
)
PANEL_COPY_WT2015 = Clock(
    code="panel_copy",
    title=_("Send the final report to the national panel"),
    length=7,
    unit=Unit.DAYS,
    starts=Start.PUBLICATION_PLANNED,
    met_by=Met.PANEL_COPY_SENT,
    counts_back=True,
    source=_("Working Together 2013 p.71: at least one week before publication"),
)

NOTIFY_WT2018 = Clock(
    code="notify_panel",
    title=_("Notify the Child Safeguarding Practice Review Panel"),
    length=5,
    unit=Unit.WORKING_DAYS,
    starts=Start.LA_AWARE,
    met_by=Met.NOTIFIED,
    source=_(
        "Children Act 2004 s16C; Working Together 2018 chapter 4: within 5 working days of "
        "becoming aware"
    ),
    only_if_criteria_met=True,
)
RAPID_REVIEW_WT2018 = Clock(
    code="rapid_review",
    title=_("Complete the rapid review and decide on a local review"),
    length=15,
    unit=Unit.WORKING_DAYS,
    starts=Start.PANEL_NOTIFIED,
    met_by=Met.DECISION_RECORDED,
    source=_(
        "Working Together 2018 chapter 4: within 15 working days, from the date the "
        "notification was sent to the Panel"
    ),
)
COMPLETE_WT2018 = Clock(
    code="complete",
    title=_("Complete the review (target)"),
    length=6,
    unit=Unit.CALENDAR_MONTHS,
    starts=Start.INITIATED,
    met_by=Met.REVIEW_COMPLETED,
    confirmed=False,
    source=_(
        "Working Together 2018 chapter 4: local reviews are expected to be completed within six "
        "months (not confirmed in the primary source)"
    ),
)
PANEL_COPY_WT2018 = Clock(
    code="panel_copy",
    title=_("Send the final report to the Panel and the Secretary of State"),
    length=7,
    unit=Unit.WORKING_DAYS,
    starts=Start.PUBLICATION_PLANNED,
    met_by=Met.PANEL_COPY_SENT,
    counts_back=True,
    confirmed=False,
    source=_(
        "Working Together 2018 chapter 4: at least 7 working days before publication (not "
        "confirmed in the primary source)"
    ),
)

# Working Together 2023 carries the 2018 clocks over; only their sources (and what could be
# confirmed of them) change.
NOTIFY_WT2023 = copy(
    NOTIFY_WT2018,
    source=_(
        "Children Act 2004 s16C; Working Together 2023 chapter 5; gov.uk, Report a serious "
        "child safeguarding incident: within 5 working days of becoming aware"
    ),
)
NOTIFY_DFE_OFSTED = Clock(
    code="notify_dfe_ofsted",
    title=_("Notify the Secretary of State (DfE) and Ofsted of the death"),
    length=5,
    unit=Unit.WORKING_DAYS,
    starts=Start.LA_AWARE,
    met_by=Met.DFE_AND_OFSTED_NOTIFIED,
    source=DEATH_IN_CARE_SOURCE,
    only_if=_died_in_care,
)
RAPID_REVIEW_WT2023 = copy(
    RAPID_REVIEW_WT2018,
    confirmed=False,
    source=_(
        "Working Together 2023 chapter 5: within 15 working days of the notification to the "
        "Panel (the start not confirmed in the primary source: the Panel's FAQ says 15 working "
        "days, local procedures count from the notification)"
    ),
)
COMPLETE_WT2023 = copy(
    COMPLETE_WT2018,
    source=_(
        "Working Together 2023 chapter 5: local reviews are expected to be completed within six "
        "months (not confirmed in the primary source)"
    ),
)
PANEL_COPY_WT2023 = copy(
    PANEL_COPY_WT2018,
    source=_(
        "Working Together 2023 chapter 5: at least 7 working days before publication (not "
        "confirmed in the primary source)"
    ),
)


LSCB_2015 = Rulebook(
    code="lscb-2015",
    edition=1,
    title=_("Local Safeguarding Children Boards: Working Together 2013 and 2015"),
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
    online_source=_(
        "Working Together 2013 p.71: on the website for at least 12 months, "
        "then available on request (Hertfordshire SCB procedures 8.1, section 2.9)"
    ),
    # Working Together: the board tells the national panel why it will not publish.
    not_publishing_told_to="national_panel",
)
PARTNERS_2018 = Rulebook(
    code="partners-2018",
    edition=1,
    title=_("Safeguarding partners: Working Together 2018"),
    clocks=(NOTIFY_WT2018, RAPID_REVIEW_WT2018, COMPLETE_WT2018, PANEL_COPY_WT2018),
    assess=_assess_partners_2018,
    statutory_review_types=("lcspr",),
    applies_to=frozenset({("children", "england")}),
    notification_recipients=frozenset({"national_panel"}),
    online_minimum_months=12,
    online_source=_(
        "Working Together 2018 chapter 4: published reports stay available for at least one year"
    ),
    # Working Together: the board tells the national panel why it will not publish.
    not_publishing_told_to="national_panel",
    # The Child Safeguarding Practice Review and Relevant Agency (England) Regulations 2018
    # (SI 2018/789), reg 1: in force the day after they were made on 28 June 2018.
    in_force_from=dt.date(2018, 6, 29),
)
PARTNERS_2023 = Rulebook(
    code="partners-2023",
    edition=1,
    title=_("Safeguarding partners: Working Together 2023"),
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
    online_source=_(
        "Working Together 2023 chapter 5: published reports stay available for at "
        "least one year (not confirmed in the primary source)"
    ),
    not_publishing_told_to="national_panel",
    # Published and in force on 15 December 2023, replacing the 2018 edition. No transitional
    # rule was found: an incident is assessed under the edition in force on the day the local
    # authority became aware of it (docs/research/wt2023.md, section 1).
    in_force_from=dt.date(2023, 12, 15),
    subjects_per_notification=4,
    subjects_source=_(
        'gov.uk, Report a serious child safeguarding incident: "You must raise '
        "only 1 notification per incident, even if more than 1 child is affected. You can include: "
        'details of up to 4 children per incident"'
    ),
)
