"""Wales: child and adult practice reviews under the 2015 regulations (in force 6 April 2016),
then the single unified safeguarding review (from 1 October 2024)."""

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

WALES_REGS = "Safeguarding Boards (Functions and Procedures) (Wales) Regulations 2015"


def _assess_wales_2016(facts: Facts) -> Assessment:
    """Child (and adult) practice reviews, in force 6 April 2016: concise or extended."""
    harmed, harm_text = serious_harm(facts)
    if facts.abuse_or_neglect_suspected and (facts.has_died or harmed):
        extended = (
            facts.protection_plan_or_looked_after
            if facts.subject_kind == "child"
            else facts.care_and_support_needs
        )
        who = "child" if facts.subject_kind == "child" else "adult"
        what = "died" if facts.has_died else harm_text
        kind = "an extended" if extended else "a concise"
        because = (
            "was on the child protection register or looked after in the 6 months before"
            if facts.subject_kind == "child"
            else "was receiving care and support"
        )
        return Assessment(
            Outcome.MUST_INITIATE,
            f"Abuse or neglect is known or suspected and the {who} {what}: {kind} practice "
            f"review is required" + (f", because the {who} {because}." if extended else "."),
            WALES_REGS + ", regulations 3 and 4",
            "cpr_extended" if extended else "cpr_concise",
        )
    return Assessment(
        Outcome.NOT_MET,
        "The facts recorded do not meet the practice review criteria. The board may still hold "
        "a learning review.",
        WALES_REGS,
    )


WALES_2016 = Rulebook(
    code="wales-2016",
    edition=1,
    title="Wales: child and adult practice reviews (2016 regulations)",
    # No timescales were found in the Welsh guidance (domain.md section 2): no clocks.
    clocks=(),
    assess=_assess_wales_2016,
    statutory_review_types=("cpr_concise", "cpr_extended"),
    # The 2015 Welsh regulations cover both children's and adults' practice reviews.
    applies_to=frozenset({("children", "wales"), ("adults", "wales")}),
)


# The Single Unified Safeguarding Review. Its statutory guidance (Welsh Government) was not in
# the sources searched; what was confirmed, and what was not, is in docs/research/wales-susr.md.
SUSR_GUIDANCE = "Welsh Government, Single unified safeguarding review guidance"
# Where the search for a timescale went: docs/research/wales-susr.md, section 4.
SUSR_NO_TIMESCALE = "No timescale was found in the SUSR guidance: the board sets its own"


def _assess_wales_susr_2024(facts: Facts) -> Assessment:
    """One review where any of the five review types' criteria are met (SUSR guidance)."""
    harmed, harm_text = serious_harm(facts)
    met = []
    if facts.abuse_or_neglect_suspected and (facts.has_died or harmed):
        met.append(
            "a child practice review"
            if facts.subject_kind == "child"
            else "an adult practice review"
        )
    if facts.domestic_homicide:
        met.append("a domestic homicide review")
    if facts.mental_health_homicide:
        met.append("a mental health homicide review")
    if facts.offensive_weapon_homicide and not facts.domestic_homicide:
        # The Home Office: an offensive weapons homicide review is not needed where another
        # review, such as a domestic homicide review, is already required.
        met.append("an offensive weapons homicide review")
    if met:
        return Assessment(
            Outcome.MUST_INITIATE,
            "The incident meets the criteria for "
            + " and ".join(met)
            + ": one single unified safeguarding review takes their place. The chair of the "
            "board decides, after the case review group has met.",
            SUSR_GUIDANCE
            + ' ("a single review process incorporating all reviews in Wales"); '
            + WALES_REGS,
            "susr",
        )
    return Assessment(
        Outcome.NOT_MET,
        "The facts recorded meet none of the criteria of the reviews a single unified "
        "safeguarding review takes the place of. The board may still hold a learning review.",
        SUSR_GUIDANCE,
    )


def _unset(code, title, starts, met_by, source, **options) -> Clock:
    return Clock(
        code=code,
        title=title,
        length=None,
        unit=Unit.DAYS,
        starts=starts,
        met_by=met_by,
        confirmed=False,
        source=source,
        **options,
    )


DECISION_SUSR = _unset(
    "decision",
    "The chair decides whether a SUSR will be held",
    Start.BOARD_NOTIFIED,
    Met.DECISION_RECORDED,
    SUSR_GUIDANCE + ': "The chair of the board decides whether a SUSR will occur", after '
    "a case review group meeting. " + SUSR_NO_TIMESCALE,
)
NOTIFY_WELSH_GOVERNMENT = _unset(
    "notify_welsh_government",
    "Notify the Welsh Government of the review",
    Start.INITIATED,
    Met.NOTIFIED,
    SUSR_GUIDANCE
    + ': "Notifying Welsh Government whenever a SUSR takes place". '
    + SUSR_NO_TIMESCALE,
    recipients=frozenset({"welsh_government"}),
)
NOTIFY_HOME_OFFICE_SUSR = _unset(
    "notify_home_office",
    "Notify the Home Office of a review of a domestic homicide",
    Start.INITIATED,
    Met.NOTIFIED,
    "Safer Communities Wales: domestic homicide reviews in Wales are still submitted to the "
    "Home Office for quality assurance (not confirmed in a primary source). " + SUSR_NO_TIMESCALE,
    recipients=frozenset({"home_office"}),
    only_if=lambda facts: facts.domestic_homicide,
)
COMPLETE_SUSR = _unset(
    "complete",
    "Complete the review",
    Start.INITIATED,
    Met.REVIEW_COMPLETED,
    SUSR_GUIDANCE + ": the report makes recommendations and an action plan, which the case "
    "review group signs off. " + SUSR_NO_TIMESCALE,
)

WALES_SUSR_2024 = Rulebook(
    code="wales-susr-2024",
    edition=1,
    title="Wales: single unified safeguarding review (from 1 October 2024)",
    clocks=(DECISION_SUSR, NOTIFY_WELSH_GOVERNMENT, NOTIFY_HOME_OFFICE_SUSR, COMPLETE_SUSR),
    assess=_assess_wales_susr_2024,
    statutory_review_types=("susr",),
    notification_recipients=frozenset({"welsh_government", "home_office"}),
    # Regional boards: the children's and adults' boards of a region work as one.
    applies_to=frozenset({("children", "wales"), ("adults", "wales")}),
    home_office_qa=lambda facts: facts.domestic_homicide,
    home_office_qa_source="Safer Communities Wales: there remains a requirement for all "
    "domestic homicide reviews to be submitted to the Home Office for quality assurance (not "
    "confirmed in a primary source)",
    case_review_group=True,
    case_review_group_source=SUSR_GUIDANCE + ': "A case review group meeting to discuss the '
    'incident"; then "The chair of the board decides whether a SUSR will occur"',
    approved_list="Welsh Government",
    approved_list_source=SUSR_GUIDANCE + ': the chair recommends "a chair and reviewer(s) '
    'from an approved list (administered by Welsh Government)"',
)
