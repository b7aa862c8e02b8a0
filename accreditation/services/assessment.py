"""The assessment toward accreditation, and its competency areas.

Evidence comes from three sources for each competency area. An assessor gives the summative
judgement (the outcome) and formative feedback; a second assessor moderates. The outcome takes
effect only once the moderator agrees: "accredited" then accredits the trainee.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accreditation import selectors
from accreditation.competencies import DEFAULT_AREAS
from accreditation.models import Assessment, CompetencyArea, EvidenceItem, Trainee
from accreditation.services.accreditations import accreditation_grant
from core import permissions
from core.history import acting_as

Outcome = Assessment.Outcome


def _assessment_of(trainee: Trainee) -> Assessment:
    assessment, _created = Assessment.objects.select_for_update().get_or_create(trainee=trainee)
    return assessment


def _still_open(assessment: Assessment) -> None:
    if assessment.is_final:
        raise ValidationError(_("The assessment is moderated and final"))
    if not assessment.trainee.is_current:
        raise ValidationError(_("Only a trainee in training is assessed"))


def _ready_to_accredit(trainee: Trainee) -> None:
    """Accredited only with everything done: the course, the group supervision, the practice
    review and evidence from every source for every competency area."""
    needed = selectors.progress_of(trainee).still_needed
    if needed:
        raise ValidationError(
            {
                "outcome": _("Not ready to be accredited. Still needed: %(needed)s")
                % {"needed": "; ".join(needed)}
            }
        )


@transaction.atomic
def evidence_add(
    *, actor, trainee: Trainee, area: CompetencyArea, source: str, description: str
) -> EvidenceItem:
    permissions.require(actor, "accreditation.manage")
    assessment = _assessment_of(trainee)
    _still_open(assessment)
    if not area.active:
        raise ValidationError({"area": _("Select a competency area in use")})
    if source not in EvidenceItem.Source.values:
        raise ValidationError({"source": _("Select where the evidence comes from")})
    if not (description or "").strip():
        raise ValidationError({"description": _("Describe the evidence")})
    item = EvidenceItem(
        assessment=assessment,
        area=area,
        source=source,
        description=description.strip(),
        added_by=actor,
    )
    acting_as(item, actor).save()
    return item


@transaction.atomic
def assessment_judge(
    *,
    actor,
    trainee: Trainee,
    outcome: str,
    summative_judgement: str,
    strengths: str,
    areas_to_work_on: str,
) -> Assessment:
    """The assessor's summative judgement and formative feedback. A new judgement needs a new
    moderation."""
    permissions.require(actor, "accreditation.manage")
    assessment = _assessment_of(trainee)
    _still_open(assessment)
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Select the outcome")
    elif outcome == Outcome.ACCREDITED:
        try:
            _ready_to_accredit(trainee)
        except ValidationError as error:
            errors.update(error.message_dict)
    for field, value, message in [
        ("summative_judgement", summative_judgement, _("Give the overall judgement")),
        ("strengths", strengths, _("Say what the trainee's strengths are")),
        ("areas_to_work_on", areas_to_work_on, _("Say what the trainee should work on")),
    ]:
        if not (value or "").strip():
            errors[field] = message
    if errors:
        raise ValidationError(errors)
    assessment.assessor = actor
    assessment.outcome = outcome
    assessment.summative_judgement = summative_judgement.strip()
    assessment.strengths = strengths.strip()
    assessment.areas_to_work_on = areas_to_work_on.strip()
    assessment.judged_on = timezone.localdate()
    assessment.moderator = None
    assessment.moderation_agreed = None
    assessment.moderation_notes = ""
    assessment.moderated_on = None
    acting_as(assessment, actor).save()
    return assessment


@transaction.atomic
def assessment_moderate(*, actor, trainee: Trainee, agreed: bool, notes: str = "") -> Assessment:
    """A second assessor's moderation. Agreed, the outcome takes effect."""
    permissions.require(actor, "accreditation.manage")
    assessment = _assessment_of(trainee)
    _still_open(assessment)
    if not assessment.outcome:
        raise ValidationError(_("The assessor has not given a judgement yet"))
    if assessment.assessor_id == actor.pk:
        raise ValidationError(_("A second assessor moderates: not the one who judged"))
    if not agreed and not (notes or "").strip():
        raise ValidationError({"notes": _("Say why you do not agree")})
    if agreed and assessment.outcome == Outcome.ACCREDITED:
        _ready_to_accredit(trainee)  # still, if anything changed since the judgement
    today = timezone.localdate()
    assessment.moderator = actor
    assessment.moderation_agreed = agreed
    assessment.moderation_notes = (notes or "").strip()
    assessment.moderated_on = today
    acting_as(assessment, actor).save()
    if agreed:
        trainee.status = {
            Outcome.ACCREDITED: Trainee.Status.ACCREDITED,
            Outcome.NOT_YET: Trainee.Status.NOT_YET,
            Outcome.WITHDRAWN: Trainee.Status.WITHDRAWN,
        }[assessment.outcome]
        acting_as(trainee, actor).save()
        if assessment.outcome == Outcome.ACCREDITED:
            accreditation_grant(
                actor=actor, user=trainee.user, accredited_on=today, trainee=trainee
            )
    return assessment


@transaction.atomic
def competency_area_add(*, actor, name: str, description: str = "") -> CompetencyArea:
    permissions.require(actor, "accreditation.manage")
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Enter the competency area")})
    code = slugify(name)[:50]
    if CompetencyArea.objects.filter(code=code).exists():
        raise ValidationError({"name": _("There is already a competency area with this name")})
    return CompetencyArea.objects.create(
        code=code,
        name=name,
        description=(description or "").strip(),
        order=CompetencyArea.objects.count() + 1,
    )


@transaction.atomic
def competency_area_retire(*, actor, area: CompetencyArea, active: bool) -> CompetencyArea:
    """Retire an area (its evidence stays) or bring it back."""
    permissions.require(actor, "accreditation.manage")
    area.active = active
    area.save(update_fields=["active"])
    return area


def competency_areas_ensure() -> None:
    """Put back the default areas where missing (after a test database is emptied); never
    changes or removes what is there."""
    for order, (code, name, description) in enumerate(DEFAULT_AREAS, start=1):
        CompetencyArea.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "order": order}
        )
