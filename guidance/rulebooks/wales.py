"""Wales: child and adult practice reviews under the 2015 regulations (in force 6 April 2016)."""

from guidance.rulebooks.base import Assessment, Facts, Outcome, Rulebook, serious_harm

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
