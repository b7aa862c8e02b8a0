"""A board's self-assessment of a review against its quality markers: start it, judge each
marker with its evidence, complete it, reopen it with a reason, withdraw it with a reason.

The board's business manager or chair assesses (`quality.assess`). Every change is saved with
its actor, so the history says who judged what and when; nothing is deleted. A completed
assessment changes only once reopened, so what was exported for scrutiny stays what it said
until someone says why it must change.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import permissions, records
from core.history import acting_as
from guidance import quality_markers as qm
from quality import selectors
from quality.models import Assessment, MarkerJudgement

THIS_ASSESSMENT = gettext_lazy("This self-assessment")


@transaction.atomic
def assessment_start(*, actor, review) -> Assessment:
    """Start the review's self-assessment against the markers of its kind, one blank judgement
    a marker. Refused for a review no marker set covers (a domestic homicide review) and while
    the review has one already."""
    permissions.require(actor, "quality.assess", review)
    marker_set = selectors.marker_set_of(review)
    if marker_set is None:
        raise ValidationError(
            _("No published set of quality markers covers this kind of review"),
            code="no_marker_set",
        )
    if Assessment.objects.filter(review=review).exists():
        raise ValidationError(
            _("This review already has a self-assessment"), code="already_started"
        )
    assessment = Assessment(review=review, marker_set=marker_set.code, started_by=actor)
    try:
        with transaction.atomic():
            acting_as(assessment, actor).save()
    except IntegrityError as error:
        # Someone else started one at the same moment.
        raise ValidationError(
            _("This review already has a self-assessment"), code="already_started"
        ) from error
    for marker in marker_set.markers:
        acting_as(MarkerJudgement(assessment=assessment, marker=marker.code), actor).save()
    return assessment


def _require_open(assessment: Assessment) -> None:
    records.require_current(assessment, THIS_ASSESSMENT)
    if assessment.is_completed:
        raise ValidationError(
            _("The self-assessment is completed: reopen it, with a reason, to change it"),
            code="completed",
        )


@transaction.atomic
def marker_judge(
    *,
    actor,
    assessment: Assessment,
    marker: str,
    judgement: str,
    evidence: str,
    add_held: bool = False,
) -> MarkerJudgement:
    """Judge one marker, with the board's evidence; `add_held` adds what the service holds
    about it (quality.selectors.evidence_held) to the evidence, each line once."""
    assessment = records.locked(assessment)
    permissions.require(actor, "quality.assess", assessment.review)
    _require_open(assessment)
    definition = assessment.markers.marker(marker)
    if definition is None:
        raise ValidationError({"marker": _("Select a marker of this set")})
    if judgement not in qm.JUDGEMENTS:
        raise ValidationError({"judgement": _("Select whether the marker is met")})
    evidence = (evidence or "").strip()
    if add_held:
        held = selectors.held_for(
            definition, selectors.evidence_held(assessment.review, kinds=definition.evidence)
        )
        new = [line for line in held if line not in evidence]
        evidence = "\n".join([evidence, *new] if evidence else new)
    if judgement in (qm.MET, qm.PARTLY_MET, qm.NOT_MET) and not evidence:
        raise ValidationError(
            {"evidence": _("Enter the evidence for the judgement, or add what the service holds")}
        )
    row = MarkerJudgement.objects.select_for_update().get(assessment=assessment, marker=marker)
    row.judgement, row.evidence = judgement, evidence
    row.judged_by, row.judged_on = actor, timezone.localdate()
    row.full_clean(exclude=["assessment", "judged_by"])
    acting_as(row, actor).save()
    return row


@transaction.atomic
def assessment_complete(*, actor, assessment: Assessment) -> Assessment:
    """Complete it: refused while any marker is not judged, naming each one."""
    assessment = records.locked(assessment)
    permissions.require(actor, "quality.assess", assessment.review)
    _require_open(assessment)
    missing = selectors.unjudged(assessment)
    if missing:
        raise ValidationError(
            _("Judge every marker before you complete the self-assessment. Not judged: %(names)s")
            % {"names": ", ".join(f"{marker.number}. {marker.name}" for marker in missing)},
            code="unjudged",
        )
    assessment.state = Assessment.State.COMPLETED
    assessment.completed_on, assessment.completed_by = timezone.localdate(), actor
    acting_as(assessment, actor).save()
    return assessment


@transaction.atomic
def assessment_reopen(*, actor, assessment: Assessment, reason: str) -> Assessment:
    """Open a completed assessment again, saying why (kept in its history)."""
    assessment = records.locked(assessment)
    permissions.require(actor, "quality.assess", assessment.review)
    records.require_current(assessment, THIS_ASSESSMENT)
    if not assessment.is_completed:
        raise ValidationError(_("The self-assessment is not completed"), code="not_completed")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Enter why you are reopening it")})
    assessment.state = Assessment.State.IN_PROGRESS
    assessment.reopen_reason = reason
    assessment.completed_on = assessment.completed_by = None
    assessment.full_clean(exclude=["review", "started_by", "completed_by"])
    acting_as(assessment, actor).save()
    return assessment


@transaction.atomic
def assessment_withdraw(*, actor, assessment: Assessment, reason: str) -> Assessment:
    """Withdrawn with a reason (started in error, or to start again): it stays in the history,
    and the review may have a new one."""
    assessment = records.locked(assessment)
    permissions.require(actor, "quality.assess", assessment.review)
    return records.withdraw(assessment, actor=actor, reason=reason, what=THIS_ASSESSMENT)
