"""Reads of the accreditation records.

Accreditation staff see every cohort, application, trainee and accreditation. Anyone else sees
only their own: an application, a trainee record or an accreditation of someone else answers
404, so its existence does not leak. Boards' business managers and chairs see the directory.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Prefetch, Q, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accreditation.models import (
    Accreditation,
    Application,
    Cohort,
    CohortQuestion,
    CompetencyArea,
    EvidenceItem,
    IndividualSupervision,
    NetworkMeeting,
    SelectionCriterion,
    SupervisionBooking,
    SupervisionSession,
    Trainee,
    TrainingDay,
)
from core import permissions

Booking = SupervisionBooking.Status


def _own_or_404(queryset, user, owner_field: str, **lookup):
    if not permissions.can(user, "accreditation.manage"):
        queryset = queryset.filter(**{owner_field: user})
    return get_object_or_404(queryset, **lookup)


def open_cohorts(*, today: dt.date | None = None):
    today = today or timezone.localdate()
    return (
        Cohort.objects.filter(applications_open_on__lte=today, applications_close_on__gte=today)
        .select_related("programme")
        .prefetch_related("training_days")
        .order_by("applications_close_on")
    )


def cohort_list():
    return Cohort.objects.select_related("programme").annotate(
        applied=Count("applications", distinct=True),
        offered=Count("applications", filter=Q(applications__status="offered"), distinct=True),
    )


def cohort_get(*, user, cohort_id, withdrawn: bool = False) -> Cohort:
    """A current cohort, or 404; with `withdrawn`, a withdrawn one too, and every training
    day, question and criterion it ever had (`every_day`, `every_question`,
    `every_criterion`, withdrawn ones included): its page shows what is current and what was
    withdrawn, and why."""
    permissions.require(user, "accreditation.manage")
    if not withdrawn:
        cohorts = Cohort.objects.prefetch_related("training_days", "questions", "criteria")
    else:
        cohorts = Cohort.all_objects.prefetch_related(
            *(
                Prefetch(related, model.all_objects.select_related("withdrawn_by"), to_attr=attr)
                for related, model, attr in [
                    ("training_days", TrainingDay, "every_day"),
                    ("questions", CohortQuestion, "every_question"),
                    ("criteria", SelectionCriterion, "every_criterion"),
                ]
            )
        )
    return get_object_or_404(
        cohorts.select_related("programme", "withdrawn_by"),
        pk=cohort_id,
    )


def cohort_child(cohort: Cohort, model, pk):
    """A current training day, question or criterion of `cohort`, or 404."""
    return get_object_or_404(model.objects.filter(cohort=cohort), pk=pk)


# Scores against a withdrawn criterion stay in the history but count no more.
_CURRENT_SCORES = Q(scores__criterion__withdrawn_at__isnull=True)


def applications_of(cohort: Cohort):
    """The cohort's applications, each with its total score and how many staff scored it."""
    return (
        cohort.applications.select_related("applicant")
        .annotate(
            total=Sum("scores__score", filter=_CURRENT_SCORES),
            scorers=Count("scores__scorer", filter=_CURRENT_SCORES, distinct=True),
        )
        .order_by("status", "-total", "submitted_on")
    )


def application_get(*, user, application_id) -> Application:
    return _own_or_404(
        Application.objects.select_related("cohort__programme", "applicant", "decided_by"),
        user,
        "applicant",
        pk=application_id,
    )


def my_applications(*, user):
    return Application.objects.filter(applicant=user).select_related("cohort__programme")


def trainee_get(*, user, trainee_id) -> Trainee:
    return _own_or_404(
        Trainee.objects.select_related("user", "cohort__programme", "practice_review__board"),
        user,
        "user",
        pk=trainee_id,
    )


def my_trainee_records(*, user):
    return Trainee.objects.filter(user=user).select_related("cohort__programme")


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
        needed.append(f"{days - attended_days} of the {days} training days to attend")
    if sessions < required:
        needed.append(
            f"{required - sessions} more group supervision sessions ({sessions} of "
            f"{required} attended)"
        )
    if trainee.practice_review is None:
        needed.append("a practice review, with the trainee appointed to it")
    for area, by_source in evidence.items():
        missing = [EvidenceItem.Source(s).label.lower() for s, n in by_source.items() if n == 0]
        if missing:
            needed.append(f"evidence for “{area.name}” from: {', '.join(missing)}")
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


# Places taken: live bookings (an aggregate over the relation does not go through the
# bookings' manager, so withdrawn ones are left out here).
_TAKEN = Count(
    "bookings",
    filter=Q(bookings__withdrawn_at__isnull=True) & ~Q(bookings__status=Booking.CANCELLED),
)


def sessions_from(*, today: dt.date | None = None):
    """Group supervision sessions from today on, soonest first, with the places taken.
    (The model's ordering does not reach a query with an aggregate: it is said here.)"""
    today = today or timezone.localdate()
    return (
        SupervisionSession.objects.filter(date__gte=today)
        .select_related("facilitator")
        .annotate(taken=_TAKEN)
        .order_by("date", "title", "pk")
    )


def sessions_before(*, today: dt.date | None = None, limit: int = 20):
    """The sessions that have taken place, latest first."""
    today = today or timezone.localdate()
    return (
        SupervisionSession.objects.filter(date__lt=today)
        .annotate(taken=_TAKEN)
        .order_by("-date", "title", "pk")[:limit]
    )


def session_get(*, user, session_id, withdrawn: bool = False) -> SupervisionSession:
    """A current session, or 404; with `withdrawn`, a withdrawn one too."""
    permissions.require(user, "accreditation.manage")
    sessions = SupervisionSession.all_objects if withdrawn else SupervisionSession.objects
    return get_object_or_404(sessions.select_related("facilitator", "withdrawn_by"), pk=session_id)


def session_bookings(session: SupervisionSession):
    """The session's places; a withdrawn session's as they stood (the attendance recorded at
    it, its places cancelled), without attendance withdrawn as recorded in error."""
    bookings = SupervisionBooking.all_objects.filter(session=session, withdrawn_at__isnull=True)
    return bookings.select_related("trainee__user").order_by("trainee__user__name")


def trainee_bookings(trainee: Trainee):
    """A trainee's places at current sessions, soonest first."""
    return trainee.bookings.select_related("session").order_by("session__date", "session__title")


def current_trainees():
    return Trainee.objects.filter(status=Trainee.Status.IN_TRAINING).select_related(
        "user", "cohort"
    )


def charges_by_board():
    """Hours of individual supervision to charge to each commissioning board."""
    return (
        IndividualSupervision.objects.values("board_to_charge__name")
        .annotate(hours=Sum("hours"), sessions=Count("pk"))
        .order_by("board_to_charge__name")
    )


def accreditation_get(*, user, accreditation_id) -> Accreditation:
    return _own_or_404(
        Accreditation.objects.select_related("user", "trainee__cohort"),
        user,
        "user",
        pk=accreditation_id,
    )


def accreditation_list():
    return Accreditation.objects.select_related("user").order_by("status", "annual_review_due_on")


def meetings():
    return NetworkMeeting.objects.annotate(attended=Count("attendance")).order_by("-date", "title")


def directory(*, region: str = "", availability: str = ""):
    """Accredited reviewers boards can commission, with where and whether they work."""
    reviewers = Accreditation.objects.filter(status=Accreditation.Status.ACCREDITED).select_related(
        "user"
    )
    if availability:
        reviewers = reviewers.filter(availability=availability)
    if region:
        # JSON containment is not on SQLite: filter the (short) list in Python.
        return [r for r in reviewers if region in r.regions]
    return list(reviewers)


def reviewer_standing(user) -> str | None:
    """ "accredited" for a reviewer accredited now, "trainee" for one in training, else None."""
    if Accreditation.objects.filter(user=user, status=Accreditation.Status.ACCREDITED).exists():
        return "accredited"
    if Trainee.objects.filter(user=user, status=Trainee.Status.IN_TRAINING).exists():
        return "trainee"
    return None


def trainee_reviewer_ids(user_ids) -> set:
    """Of `user_ids`, those in training and not accredited: a board gives them the lead
    reviewer role so that it can appoint them, and shows them as trainee reviewers."""
    accredited = Accreditation.objects.filter(status=Accreditation.Status.ACCREDITED)
    return set(
        Trainee.objects.filter(user_id__in=user_ids, status=Trainee.Status.IN_TRAINING)
        .exclude(user_id__in=accredited.values("user_id"))
        .values_list("user_id", flat=True)
    )


@dataclass
class ProgrammeSummary:
    """What the home page says of the programme to this user."""

    applications: list
    trainee_records: list
    accreditation: Accreditation | None
    open_cohorts: int
    is_staff: bool
    sees_directory: bool


def programme_summary(*, user) -> ProgrammeSummary:
    return ProgrammeSummary(
        applications=list(my_applications(user=user)),
        trainee_records=list(
            my_trainee_records(user=user).exclude(status=Trainee.Status.WITHDRAWN)
        ),
        accreditation=Accreditation.objects.filter(user=user).first(),
        open_cohorts=open_cohorts().count(),
        is_staff=permissions.can(user, "accreditation.manage"),
        sees_directory=permissions.can(user, "directory.view"),
    )
