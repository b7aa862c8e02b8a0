"""Reading the quality markers of a review: which set applies, its assessment, and (in
`evidence`) what the service already holds for each marker."""

from django.db.models import Prefetch
from django.http import Http404

from core import permissions
from guidance import quality_markers as qm
from quality.models import Assessment, MarkerJudgement
from quality.selectors.evidence import evidence_held, held_for
from reviews import selectors as review_selectors

__all__ = [
    "assessment_of",
    "assessments_of",
    "evidence_held",
    "held_for",
    "marker_set_of",
    "review_get",
    "stages_of",
    "unjudged",
]


def review_get(*, user, board_id, review_id):
    """The review, if `user` may see its quality markers; else 404, as for someone outside the
    board (an appointed reviewer sees the review, not the board's assessment of it). Read with
    the records of one row its evidence needs: the decision, the report, the publication."""
    review = review_selectors.review_get(
        user=user,
        board_id=board_id,
        review_id=review_id,
        related=("incident__decision", "report", "publication"),
    )
    if not permissions.can(user, "quality.view", review):
        raise Http404
    return review


def marker_set_of(review) -> qm.MarkerSet | None:
    """The set that applies to the review (guidance.quality_markers.set_for), or None."""
    return qm.set_for(review.review_type, review.incident.subject_kind)


def assessments_of(review) -> tuple[Assessment | None, list]:
    """(the review's current assessment with its judgements, its withdrawn ones newest first),
    in one query and the judgements' one."""
    assessments = list(
        Assessment.all_objects.filter(review=review)
        .select_related("started_by", "completed_by", "withdrawn_by")
        .prefetch_related(
            Prefetch("judgements", queryset=MarkerJudgement.objects.select_related("judged_by"))
        )
        .order_by("-created_at")
    )
    current = next((a for a in assessments if not a.is_withdrawn), None)
    withdrawn = sorted(
        (a for a in assessments if a.is_withdrawn), key=lambda a: a.withdrawn_at, reverse=True
    )
    return current, withdrawn


def assessment_of(review) -> Assessment | None:
    """The review's current assessment with its judgements (and who judged), or None."""
    return assessments_of(review)[0]


def stages_of(assessment: Assessment) -> list[tuple]:
    """[(stage, [(marker, judgement)])] in the set's order."""
    by_code = {judgement.marker: judgement for judgement in assessment.judgements.all()}
    markers = assessment.markers
    return [
        (stage, [(marker, by_code.get(marker.code)) for marker in markers.of_stage(stage.code)])
        for stage in markers.stages
    ]


def unjudged(assessment: Assessment) -> list:
    """The markers of the assessment not yet judged, in order."""
    judged = {j.marker for j in assessment.judgements.all() if j.judgement}
    return [marker for marker in assessment.markers.markers if marker.code not in judged]
