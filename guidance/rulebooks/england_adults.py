"""England's adults' regime: Safeguarding Adults Boards under the Care Act 2014 s44."""

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
    harm_values,
    say,
    serious_harm,
)

MANDATORY = {
    DIED: _(
        "The adult has needs for care and support, abuse or neglect is known or suspected, the "
        "adult died, and there is reasonable cause for concern about how the board's members "
        "worked together."
    ),
    HARMED: _(
        "The adult has needs for care and support, abuse or neglect is known or suspected, the "
        "adult is alive and was seriously harmed, and there is reasonable cause for concern about "
        "how the board's members worked together."
    ),
    LOCAL: _(
        "The adult has needs for care and support, abuse or neglect is known or suspected, the "
        "adult is alive and meets the board's local definition of serious harm (%(criteria)s), "
        "and there is reasonable cause for concern about how the board's members worked together."
    ),
}


def _assess_sab_2014(facts: Facts) -> Assessment:
    """Care Act 2014 s44: mandatory (s44(1)-(3)) and discretionary (s44(4)) reviews."""
    harm = serious_harm(facts)
    if not facts.care_and_support_needs:
        return Assessment(
            Outcome.NOT_MET,
            say(
                _(
                    "A safeguarding adults review is for an adult with needs for care and "
                    "support; none are recorded."
                )
            ),
            say(_("Care Act 2014 s44(1)(a)")),
        )
    serious = facts.abuse_or_neglect_suspected and (facts.has_died or harm)
    if serious and facts.concern_about_working_together:
        what = DIED if facts.has_died else harm
        return Assessment(
            Outcome.MUST_INITIATE,
            say(MANDATORY[what], **harm_values(facts)),
            say(_("Care Act 2014 s44(1)-(3)")),
            "sar_mandatory",
        )
    return Assessment(
        Outcome.MAY_INITIATE,
        say(
            _(
                "The adult has needs for care and support but the conditions for a mandatory "
                "review are not all met: the board may arrange a discretionary review."
            )
        ),
        say(_("Care Act 2014 s44(4)")),
        "sar_discretionary",
    )


COMPLETE_SAR = Clock(
    code="complete",
    title=_("Complete the review (target)"),
    length=6,
    unit=Unit.CALENDAR_MONTHS,
    starts=Start.INITIATED,
    met_by=Met.REVIEW_COMPLETED,
    confirmed=False,
    source=_(
        "Care and support statutory guidance chapter 14: within six months of initiation unless "
        "there is good reason (not confirmed in the primary source)"
    ),
)

SAB_2014 = Rulebook(
    code="sab-2014",
    edition=1,
    title=_("Safeguarding Adults Boards: Care Act 2014 s44"),
    clocks=(COMPLETE_SAR,),
    assess=_assess_sab_2014,
    statutory_review_types=("sar_mandatory", "sar_discretionary"),
    applies_to=frozenset({("adults", "england")}),
)
