"""Wales: child and adult practice reviews under the 2015 regulations (in force 6 April 2016),
then the single unified safeguarding review (from 1 October 2024)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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

# Each sentence of a practice review's criteria, whole: by the subject (a child or an adult),
# how they were harmed, and whether the review is concise or extended (with the reason).
PRACTICE_REVIEW = {
    ("child", DIED, False): _(
        "Abuse or neglect is known or suspected and the child died: a concise practice review is "
        "required."
    ),
    ("child", DIED, True): _(
        "Abuse or neglect is known or suspected and the child died: an extended practice review "
        "is required, because the child was on the child protection register or looked after in "
        "the 6 months before."
    ),
    ("child", HARMED, False): _(
        "Abuse or neglect is known or suspected and the child was seriously harmed: a concise "
        "practice review is required."
    ),
    ("child", HARMED, True): _(
        "Abuse or neglect is known or suspected and the child was seriously harmed: an extended "
        "practice review is required, because the child was on the child protection register or "
        "looked after in the 6 months before."
    ),
    ("child", LOCAL, False): _(
        "Abuse or neglect is known or suspected and the child meets the board's local definition "
        "of serious harm (%(criteria)s): a concise practice review is required."
    ),
    ("child", LOCAL, True): _(
        "Abuse or neglect is known or suspected and the child meets the board's local definition "
        "of serious harm (%(criteria)s): an extended practice review is required, because the "
        "child was on the child protection register or looked after in the 6 months before."
    ),
    ("adult", DIED, False): _(
        "Abuse or neglect is known or suspected and the adult died: a concise practice review is "
        "required."
    ),
    ("adult", DIED, True): _(
        "Abuse or neglect is known or suspected and the adult died: an extended practice review "
        "is required, because the adult was receiving care and support."
    ),
    ("adult", HARMED, False): _(
        "Abuse or neglect is known or suspected and the adult was seriously harmed: a concise "
        "practice review is required."
    ),
    ("adult", HARMED, True): _(
        "Abuse or neglect is known or suspected and the adult was seriously harmed: an extended "
        "practice review is required, because the adult was receiving care and support."
    ),
    ("adult", LOCAL, False): _(
        "Abuse or neglect is known or suspected and the adult meets the board's local definition "
        "of serious harm (%(criteria)s): a concise practice review is required."
    ),
    ("adult", LOCAL, True): _(
        "Abuse or neglect is known or suspected and the adult meets the board's local definition "
        "of serious harm (%(criteria)s): an extended practice review is required, because the "
        "adult was receiving care and support."
    ),
}


def _assess_wales_2016(facts: Facts) -> Assessment:
    """Child (and adult) practice reviews, in force 6 April 2016: concise or extended."""
    harm = serious_harm(facts)
    if facts.abuse_or_neglect_suspected and (facts.has_died or harm):
        extended = (
            facts.protection_plan_or_looked_after
            if facts.subject_kind == "child"
            else facts.care_and_support_needs
        )
        who = "child" if facts.subject_kind == "child" else "adult"
        what = DIED if facts.has_died else harm
        return Assessment(
            Outcome.MUST_INITIATE,
            say(PRACTICE_REVIEW[who, what, bool(extended)], **harm_values(facts)),
            say(
                _(
                    "Safeguarding Boards (Functions and Procedures) (Wales) Regulations 2015, "
                    "regulations 3 and 4"
                )
            ),
            "cpr_extended" if extended else "cpr_concise",
        )
    return Assessment(
        Outcome.NOT_MET,
        say(
            _(
                "The facts recorded do not meet the practice review criteria. The board may still "
                "hold a learning review."
            )
        ),
        say(_("Safeguarding Boards (Functions and Procedures) (Wales) Regulations 2015")),
    )


WALES_2016 = Rulebook(
    code="wales-2016",
    edition=1,
    title=_("Wales: child and adult practice reviews (2016 regulations)"),
    # No timescales were found in the Welsh guidance (domain.md section 2): no clocks.
    clocks=(),
    assess=_assess_wales_2016,
    statutory_review_types=("cpr_concise", "cpr_extended"),
    # The 2015 Welsh regulations cover both children's and adults' practice reviews.
    applies_to=frozenset({("children", "wales"), ("adults", "wales")}),
)


# The Single Unified Safeguarding Review. Its statutory guidance (Welsh Government) was not in
# the sources searched; what was confirmed, and what was not, is in docs/research/wales-susr.md.
# Where the search for a timescale went: docs/research/wales-susr.md, section 4. Each source
# below names the guidance and says no timescale was found, whole, so that it translates whole.


def _and(reviews: list[str]) -> str:
    """ "A and B and C": the reviews whose criteria are met, each already a translated phrase."""
    joined = reviews[0]
    for review in reviews[1:]:
        joined = say(
            pgettext_lazy(
                "the reviews whose criteria an incident meets", "%(reviews)s and %(review)s"
            ),
            reviews=joined,
            review=review,
        )
    return joined


def _assess_wales_susr_2024(facts: Facts) -> Assessment:
    """One review where any of the five review types' criteria are met (SUSR guidance)."""
    harm = serious_harm(facts)
    met = []
    if facts.abuse_or_neglect_suspected and (facts.has_died or harm):
        met.append(
            say(_("a child practice review"))
            if facts.subject_kind == "child"
            else say(_("an adult practice review"))
        )
    if facts.domestic_homicide:
        met.append(say(_("a domestic homicide review")))
    if facts.mental_health_homicide:
        met.append(say(_("a mental health homicide review")))
    if facts.offensive_weapon_homicide and not facts.domestic_homicide:
        # The Home Office: an offensive weapons homicide review is not needed where another
        # review, such as a domestic homicide review, is already required.
        met.append(say(_("an offensive weapons homicide review")))
    if met:
        return Assessment(
            Outcome.MUST_INITIATE,
            say(
                _(
                    "The incident meets the criteria for %(reviews)s: one single unified "
                    "safeguarding review takes their place. The chair of the board decides, "
                    "after the case review group has met."
                ),
                reviews=_and(met),
            ),
            say(
                _(
                    'Welsh Government, Single unified safeguarding review guidance ("a single '
                    'review process incorporating all reviews in Wales"); Safeguarding Boards '
                    "(Functions and Procedures) (Wales) Regulations 2015"
                )
            ),
            "susr",
        )
    return Assessment(
        Outcome.NOT_MET,
        say(
            _(
                "The facts recorded meet none of the criteria of the reviews a single unified "
                "safeguarding review takes the place of. The board may still hold a learning "
                "review."
            )
        ),
        say(_("Welsh Government, Single unified safeguarding review guidance")),
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
    _("The chair decides whether a SUSR will be held"),
    Start.BOARD_NOTIFIED,
    Met.DECISION_RECORDED,
    _(
        'Welsh Government, Single unified safeguarding review guidance: "The chair of the board '
        'decides whether a SUSR will occur", after a case review group meeting. No timescale was '
        "found in the SUSR guidance: the board sets its own"
    ),
)
NOTIFY_WELSH_GOVERNMENT = _unset(
    "notify_welsh_government",
    _("Notify the Welsh Government of the review"),
    Start.INITIATED,
    Met.NOTIFIED,
    _(
        'Welsh Government, Single unified safeguarding review guidance: "Notifying Welsh '
        'Government whenever a SUSR takes place". No timescale was found in the SUSR guidance: '
        "the board sets its own"
    ),
    recipients=frozenset({"welsh_government"}),
)
NOTIFY_HOME_OFFICE_SUSR = _unset(
    "notify_home_office",
    _("Notify the Home Office of a review of a domestic homicide"),
    Start.INITIATED,
    Met.NOTIFIED,
    _(
        "Safer Communities Wales: domestic homicide reviews in Wales are still submitted to the "
        "Home Office for quality assurance (not confirmed in a primary source). No timescale was "
        "found in the SUSR guidance: the board sets its own"
    ),
    recipients=frozenset({"home_office"}),
    only_if=lambda facts: facts.domestic_homicide,
)
COMPLETE_SUSR = _unset(
    "complete",
    _("Complete the review"),
    Start.INITIATED,
    Met.REVIEW_COMPLETED,
    _(
        "Welsh Government, Single unified safeguarding review guidance: the report makes "
        "recommendations and an action plan, which the case review group signs off. No "
        "timescale was found in the SUSR guidance: the board sets its own"
    ),
)

WALES_SUSR_2024 = Rulebook(
    code="wales-susr-2024",
    edition=1,
    title=_("Wales: single unified safeguarding review (from 1 October 2024)"),
    clocks=(DECISION_SUSR, NOTIFY_WELSH_GOVERNMENT, NOTIFY_HOME_OFFICE_SUSR, COMPLETE_SUSR),
    assess=_assess_wales_susr_2024,
    statutory_review_types=("susr",),
    notification_recipients=frozenset({"welsh_government", "home_office"}),
    # Regional boards: the children's and adults' boards of a region work as one.
    applies_to=frozenset({("children", "wales"), ("adults", "wales")}),
    home_office_qa=lambda facts: facts.domestic_homicide,
    home_office_qa_source=_(
        "Safer Communities Wales: there remains a requirement for all domestic homicide reviews "
        "to be submitted to the Home Office for quality assurance (not confirmed in a primary "
        "source)"
    ),
    case_review_group=True,
    case_review_group_source=_(
        'Welsh Government, Single unified safeguarding review guidance: "A case review group '
        'meeting to discuss the incident"; then "The chair of the board decides whether a SUSR '
        'will occur"'
    ),
    # A stored value (ApprovedReviewer.approved_list), not a text: APPROVED_LIST_LABELS.
    approved_list="Welsh Government",
    approved_list_source=_(
        'Welsh Government, Single unified safeguarding review guidance: the chair recommends "a '
        'chair and reviewer(s) from an approved list (administered by Welsh Government)"'
    ),
)
