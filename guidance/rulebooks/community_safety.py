"""England's Community Safety Partnerships: domestic homicide reviews (Domestic Violence, Crime
and Victims Act 2004 s9, in force 13 April 2011; Home Office statutory guidance, 2016).

The Victims and Prisoners Act 2024 s19 renames them domestic abuse related death reviews (a new
s8A); it was not in force when this edition was written, so it has no edition yet. What was
confirmed, and what was not, is in docs/research/dhr.md.
"""

from django.utils.translation import gettext_lazy as _

from guidance.rulebooks.base import (
    Assessment,
    Clock,
    Facts,
    Met,
    Outcome,
    Rulebook,
    Start,
    Unit,
    say,
)

# The Domestic Violence, Crime and Victims Act 2004 and the Home Office's Multi-agency statutory
# guidance for the conduct of domestic homicide reviews (2016) are named whole in each source,
# so that each translates whole. "Not confirmed in the text of the guidance": what was
# searched, and found, is in docs/research/dhr.md.


def _assess_dhr_2016(facts: Facts) -> Assessment:
    if facts.domestic_homicide:
        return Assessment(
            Outcome.MUST_INITIATE,
            say(
                _(
                    "The person, aged 16 or over, died from violence, abuse or neglect by a "
                    "relative, a current or former intimate partner, or a member of the same "
                    "household: the partnership holds a domestic homicide review."
                )
            ),
            say(
                _(
                    "Domestic Violence, Crime and Victims Act 2004 s9(1); Home Office, "
                    "Multi-agency statutory guidance for the conduct of domestic homicide reviews "
                    "(2016)"
                )
            ),
            "dhr",
        )
    if facts.has_died and facts.abuse_or_neglect_suspected:
        return Assessment(
            Outcome.MAY_INITIATE,
            say(
                _(
                    "The person died and domestic abuse is known or suspected, but the death is "
                    "not recorded as caused by a relative, partner or household member (for "
                    "example a suicide): the partnership may hold a domestic homicide review."
                )
            ),
            say(
                _(
                    "Home Office, Multi-agency statutory guidance for the conduct of domestic "
                    "homicide reviews (2016) (not confirmed in the text of the guidance)"
                )
            ),
            "dhr",
        )
    return Assessment(
        Outcome.NOT_MET,
        say(
            _(
                "The facts recorded do not meet the definition of a domestic homicide. The "
                "Secretary of State may still direct a review."
            )
        ),
        say(_("Domestic Violence, Crime and Victims Act 2004 s9(1) and s9(2)")),
    )


DECISION_DHR = Clock(
    code="decision",
    title=_("Decide whether to hold a domestic homicide review"),
    length=1,
    unit=Unit.CALENDAR_MONTHS,
    starts=Start.BOARD_NOTIFIED,
    met_by=Met.DECISION_RECORDED,
    confirmed=False,
    source=_(
        "Home Office, Multi-agency statutory guidance for the conduct of domestic homicide "
        "reviews (2016): within one month of the police telling the partnership of the death "
        "(not confirmed in the text of the guidance)"
    ),
)
HOME_OFFICE_NOTICE = Clock(
    code="home_office_notice",
    title=_("Tell the Home Office of the decision"),
    length=None,
    unit=Unit.DAYS,
    starts=Start.DECIDED,
    met_by=Met.DECISION_NOTIFIED,
    confirmed=False,
    source=_(
        "Home Office: the partnership tells the Home Office of a decision to hold a review, and "
        "of a decision not to, with the reasons. No time was found: the board sets its own"
    ),
    recipients=frozenset({"home_office"}),
)
COMPLETE_DHR = Clock(
    code="complete",
    title=_("Complete the review"),
    length=6,
    unit=Unit.CALENDAR_MONTHS,
    starts=Start.INITIATED,
    met_by=Met.REVIEW_COMPLETED,
    confirmed=False,
    source=_(
        "Home Office, Multi-agency statutory guidance for the conduct of domestic homicide "
        "reviews (2016), section 5: within six months of the decision to hold it (not confirmed "
        "in the text of the guidance)"
    ),
)
COMMISSIONER_COPY = Clock(
    code="commissioner_copy",
    title=_("Send the report to the Domestic Abuse Commissioner"),
    length=None,
    unit=Unit.DAYS,
    starts=Start.REVIEW_COMPLETED,
    met_by=Met.REPORT_COPY_SENT,
    source=_(
        'Domestic Violence, Crime and Victims Act 2004 s9(3B) and (3C): "as soon as reasonably '
        'practicable after the report is completed". The Act sets no number of days: the board '
        "may set its own target"
    ),
    recipients=frozenset({"domestic_abuse_commissioner"}),
)

DHR_2016 = Rulebook(
    code="dhr-2016",
    edition=1,
    title=_("Community Safety Partnerships: domestic homicide reviews (2016 guidance)"),
    clocks=(DECISION_DHR, HOME_OFFICE_NOTICE, COMPLETE_DHR, COMMISSIONER_COPY),
    assess=_assess_dhr_2016,
    statutory_review_types=("dhr",),
    notification_recipients=frozenset({"home_office", "domestic_abuse_commissioner"}),
    applies_to=frozenset({("community_safety", "england")}),
    online_minimum_months=12,
    online_source=_(
        "Home Office, Multi-agency statutory guidance for the conduct of domestic homicide "
        "reviews (2016): on the partnership's website for twelve months (not confirmed in the "
        "text of the guidance)"
    ),
    home_office_qa=lambda facts: True,
    home_office_qa_source=_(
        "The Minister, House of Lords, 27 January 2021: reviews must be published on community "
        "safety partnership websites following approval from the Home Office (the guidance's own "
        "words were not read)"
    ),
)
