"""Demo data for `make run`: the board's self-assessment of its published review (Child Q,
publication.demo) part-completed, the setting-up markers judged, so that the quality markers
page shows judgements beside what the service holds."""

from guidance import quality_markers as qm
from quality import selectors, services
from quality.models import Assessment
from reviews.models import Review

REFERENCE = "Child Q"
JUDGED = {
    "referral": (qm.MET, "Referred by children's services on the day they knew."),
    "decision_making": (qm.MET, "The chair's decision and its reasons are in the minutes."),
    "advising_board_members": (qm.PARTLY_MET, "Members were told at the next board meeting."),
    "informing_the_family": (qm.MET, "The family liaison worker wrote to the mother."),
    "clarity_of_purpose": (qm.NOT_MET, "The terms of reference did not say it was for learning."),
}


def seed(*, board, manager) -> Assessment | None:
    review = Review.objects.filter(board=board, incident__reference=REFERENCE).first()
    if review is None or Assessment.all_objects.filter(review=review).exists():
        return None
    if selectors.marker_set_of(review) is None:
        return None
    assessment = services.assessment_start(actor=manager, review=review)
    for marker, (judgement, evidence) in JUDGED.items():
        services.marker_judge(
            actor=manager,
            assessment=assessment,
            marker=marker,
            judgement=judgement,
            evidence=evidence,
            add_held=True,
        )
    return assessment
