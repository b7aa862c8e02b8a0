"""Reads of the trainees: their records, progress toward assessment, the assessment itself and
the practice review. Staff see every trainee; a trainee sees only their own record."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accreditation.models import (
    Assessment,
    CompetencyArea,
    EvidenceItem,
    IndividualSupervision,
    SupervisionBooking,
    Trainee,
)
from accreditation.selectors._scope import own_or_404
from reviews.models import Review

Booking = SupervisionBooking.Status


def trainee_get(*, user, trainee_id) -> Trainee:
    return own_or_404(
        Trainee.objects.select_related("user", "cohort__programme", "practice_review__board"),
        user,
        "user",
        pk=trainee_id,
    )


def my_trainee_records(*, user):
    return Trainee.objects.filter(user=user).select_related("cohort__programme")


def current_trainees():
    return Trainee.objects.filter(status=Trainee.Status.IN_TRAINING).select_related(
        "user", "cohort"
    )


@dataclass
class Progress:
    """What a trainee has done toward assessment, and what is still needed."""

    training_days: int
    training_days_attended: int
    group_sessions_required: int
    group_sessions_attended: int
    practice_review: object
    individual_hours: Decimal
    evidence: dict = field(default_factory=dict)  # {area: {source: count}}
    still_needed: list[str] = field(default_factory=list)

    @property
    def ready_for_assessment(self) -> bool:
        return not self.still_needed


def progress_of(trainee: Trainee) -> Progress:
    required = settings.ACCREDITATION_GROUP_SESSIONS_REQUIRED
    days = trainee.cohort.training_days.count()
    attended_days = trainee.attendance.filter(training_day__withdrawn_at__isnull=True).count()
    sessions = trainee.bookings.filter(status=Booking.ATTENDED).count()
    hours = trainee.individual_supervision.aggregate(total=Sum("hours"))["total"] or Decimal(0)
    areas = list(CompetencyArea.objects.filter(active=True))
    counts = {
        (row["area_id"], row["source"]): row["n"]
        for row in EvidenceItem.objects.filter(assessment__trainee=trainee)
        .values("area_id", "source")
        .annotate(n=Count("pk"))
    }
    evidence = {
        area: {source: counts.get((area.pk, source), 0) for source in EvidenceItem.Source.values}
        for area in areas
    }
    needed = []
    if attended_days < days:
        needed.append(
            _("%(missing)s of the %(days)s training days to attend")
            % {"missing": days - attended_days, "days": days}
        )
    if sessions < required:
        needed.append(
            _("%(more)s more group supervision sessions (%(attended)s of %(required)s attended)")
            % {"more": required - sessions, "attended": sessions, "required": required}
        )
    if trainee.practice_review is None:
        needed.append(_("a practice review, with the trainee appointed to it"))
    for area, by_source in evidence.items():
        missing = [EvidenceItem.Source(s).label.lower() for s, n in by_source.items() if n == 0]
        if missing:
            needed.append(
                _("evidence for “%(area)s” from: %(sources)s")
                % {"area": _(area.name), "sources": ", ".join(missing)}
            )
    return Progress(
        training_days=days,
        training_days_attended=attended_days,
        group_sessions_required=required,
        group_sessions_attended=sessions,
        practice_review=trainee.practice_review,
        individual_hours=hours,
        evidence=evidence,
        still_needed=needed,
    )


def assessment_of(*, trainee: Trainee, related=("assessor", "moderator")) -> Assessment | None:
    """The trainee's assessment (with the `related` people), or None: a trainee record's."""
    assessments = Assessment.objects.filter(trainee=trainee)
    if related:
        assessments = assessments.select_related(*related)
    return assessments.first()


def practice_reviews_for(*, trainee: Trainee):
    """Reviews appointing the trainee as a trainee now: staff link one as their practice review."""
    return Review.objects.filter(
        appointments__user=trainee.user,
        appointments__role="trainee",
        appointments__ended_on__isnull=True,
    ).select_related("incident", "board")


def competency_areas():
    """Every competency area of the assessment, retired ones included: the staff's list."""
    return CompetencyArea.objects.all()


def competency_area_get(*, area_id) -> CompetencyArea:
    """A competency area, retired or not, or 404: the staff's to retire or bring back."""
    return get_object_or_404(CompetencyArea, pk=area_id)


def charges_by_board():
    """Hours of individual supervision to charge to each commissioning board."""
    return (
        IndividualSupervision.objects.values("board_to_charge__name")
        .annotate(hours=Sum("hours"), sessions=Count("pk"))
        .order_by("board_to_charge__name")
    )
