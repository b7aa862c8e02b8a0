"""The quality markers of case reviews, as data: which set applies to a review, each marker's
stage, name and theme, and the evidence the service holds that bears on it (issue 22).

Two published sets, each of SCIE (with the NSPCC for the children's):
- the 18 Serious Case Review Quality Markers (NSPCC/SCIE 2016, from the Learning into Practice
  project), in three stages: setting up the review (5), running it (8), its outputs (5).
  https://www.scie.org.uk/safeguarding/children/case-reviews/quality-markers/ and
  https://www.nspcc.org.uk/services-and-resources/research-and-resources/2016/serious-case-review-quality-markers/
- the 15 Safeguarding Adults Review Quality Markers (SCIE 2018, refreshed April 2022), in
  three stages: setting up (5), running (7), output, action and impact (3). The practitioners'
  involvement and the involvement of the person, family and network are two markers (10, 11).
  https://www.scie.org.uk/safeguarding/adults/reviews/quality-markers/list/

The markers' own text is copyright SCIE/NSPCC: each marker here is its name, its stage and a
line of our own saying its theme, with the address of its set. The sources frame each marker
as a question of whether it is being met ("How might you know if you are meeting this quality
marker?"), and give no scale: the judgements (`JUDGEMENTS`) are of that wording.

Domestic homicide reviews have no marker set of SCIE or the NSPCC: their quality assurance is
the Home Office's panel (publication: HomeOfficeQaStep). No source was found letting a
community safety partnership use the adults' set instead, so none is offered.
"""

from django.utils.translation import gettext_lazy as _

from guidance.quality_markers.adults import ADULTS_SET
from guidance.quality_markers.base import (
    ACTIONS,
    ADULTS,
    AGENCY_RETURNS,
    ANALYSIS,
    BOARD_RESPONSE,
    CHILDREN,
    CLOCKS,
    DECISION,
    EVIDENCE_KINDS,
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
    SCR_SOURCE,
    SCR_SOURCE_NSPCC,
    SETUP,
    Marker,
    MarkerSet,
    Stage,
)
from guidance.quality_markers.children import CHILDREN_SET

__all__ = [
    "ACTIONS",
    "ADULTS",
    "ADULTS_SET",
    "AGENCY_RETURNS",
    "ANALYSIS",
    "BOARD_RESPONSE",
    "CHILDREN",
    "CHILDREN_SET",
    "CLOCKS",
    "DECISION",
    "EVIDENCE_KINDS",
    "FAMILY",
    "JUDGEMENTS",
    "MEETINGS",
    "OUTPUTS",
    "PRACTITIONERS",
    "PROCEEDINGS",
    "PUBLICATION",
    "REFERRAL",
    "REPORT",
    "RUNNING",
    "SAR_SOURCE",
    "SCR_SOURCE",
    "SCR_SOURCE_NSPCC",
    "SETS",
    "SETUP",
    "Marker",
    "MarkerSet",
    "Stage",
    "set_for",
]

SETS = {CHILDREN: CHILDREN_SET, ADULTS: ADULTS_SET}

# The judgement of each marker, from the sources' question "are you meeting this marker?".
MET, PARTLY_MET, NOT_MET, NOT_APPLICABLE = "met", "partly_met", "not_met", "not_applicable"
JUDGEMENTS = {
    MET: _("Met"),
    PARTLY_MET: _("Partly met"),
    NOT_MET: _("Not met"),
    NOT_APPLICABLE: _("Not applicable"),
}

# Reviews under the Care Act's safeguarding adults reviews: always the adults' set.
ADULT_REVIEW_TYPES = frozenset({"sar_mandatory", "sar_discretionary"})
# Domestic homicide reviews: no set of SCIE or the NSPCC (see above).
NO_SET_REVIEW_TYPES = frozenset({"dhr"})


def set_for(review_type: str, subject_kind: str) -> MarkerSet | None:
    """The marker set of a review: the adults' for a safeguarding adults review, none for a
    domestic homicide review, and otherwise (child reviews of England and Wales, a single
    unified safeguarding review, a learning review) that of whom the review is about."""
    if review_type in NO_SET_REVIEW_TYPES:
        return None
    if review_type in ADULT_REVIEW_TYPES or subject_kind == "adult":
        return ADULTS_SET
    return CHILDREN_SET
