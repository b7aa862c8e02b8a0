"""Reads of the programme: programmes, cohorts and what they are made of (training days,
questions, selection criteria), and applications. Staff see every cohort and application;
an applicant sees only their own applications."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accreditation.models import (
    Accreditation,
    Application,
    ApplicationAnswer,
    ApplicationScore,
    Cohort,
    CohortQuestion,
    Programme,
    SelectionCriterion,
    Trainee,
    TrainingAttendance,
    TrainingDay,
)
from accreditation.selectors._scope import own_or_404
from accreditation.selectors.trainees import my_trainee_records
from core import permissions


def programmes():
    """Every programme: the staff's overview."""
    return Programme.objects.all()


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


def cohorts_latest_first():
    """Current cohorts with their training days, latest closing first: the staff's (the API)."""
    return Cohort.objects.prefetch_related("training_days").order_by("-applications_close_on")


def cohort_choices():
    """Every current cohort: for the staff (the API) to name one by id."""
    return Cohort.objects.all()


def every_cohort():
    """Every cohort with its programme, withdrawn ones included (for `withdrawn_rows`): staff's."""
    return Cohort.all_objects.select_related("programme")


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


def cohort_to_apply_to(*, cohort_id) -> Cohort:
    """A current cohort with its programme, or 404: anyone signed in may apply to one."""
    return get_object_or_404(Cohort.objects.select_related("programme"), pk=cohort_id)


def cohort_child(cohort: Cohort, model, pk):
    """A current training day, question or criterion of `cohort`, or 404."""
    return get_object_or_404(model.objects.filter(cohort=cohort), pk=pk)


def training_day_attendance(*, day: TrainingDay):
    """The attendance recorded on a training day: the staff's."""
    return TrainingAttendance.objects.filter(training_day=day)


def question_answers(*, question: CohortQuestion):
    """The applicants' answers to a question: the staff's."""
    return ApplicationAnswer.objects.filter(question=question)


def criterion_scores(*, criterion: SelectionCriterion):
    """The scores given against a selection criterion: the staff's."""
    return ApplicationScore.objects.filter(criterion=criterion)


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


def application_list(*, cohort_id=None):
    """Every application (only `cohort_id`'s, if given) with its scores: the staff's (the API)."""
    applications = Application.objects.select_related("applicant").prefetch_related(
        "scores__criterion"
    )
    return applications.filter(cohort_id=cohort_id) if cohort_id else applications


def application_get(*, user, application_id) -> Application:
    return own_or_404(
        Application.objects.select_related("cohort__programme", "applicant", "decided_by"),
        user,
        "applicant",
        pk=application_id,
    )


def my_applications(*, user):
    return Application.objects.filter(applicant=user).select_related("cohort__programme")


@dataclass
class ProgrammeSummary:
    """What the home page says of the programme to this user."""

    applications: list
    trainee_records: list
    accreditation: Accreditation | None
    open_cohorts: int
    is_staff: bool
    sees_directory: bool


def programme_parts(*, user) -> dict:
    """The querysets behind `programme_summary`, by name, for a caller to count (with other
    counts, in one query) before the summary reads them."""
    return {
        "applications": my_applications(user=user),
        "trainee_records": my_trainee_records(user=user).exclude(status=Trainee.Status.WITHDRAWN),
        "accreditation": Accreditation.objects.filter(user=user),
        "open_cohorts": open_cohorts(),
    }


def programme_summary(*, user, parts: dict | None = None, counts: dict | None = None):
    """What the home page says of the programme to `user`. `counts`: the rows of each of
    `parts` (`programme_parts`), counted already: those with none are not read."""
    parts = parts or programme_parts(user=user)
    counts = counts or {}

    def rows(name) -> list:
        return list(parts[name]) if counts.get(name, 1) else []

    accreditation = rows("accreditation")
    return ProgrammeSummary(
        applications=rows("applications"),
        trainee_records=rows("trainee_records"),
        accreditation=accreditation[0] if accreditation else None,
        open_cohorts=counts["open_cohorts"]
        if "open_cohorts" in counts
        else parts["open_cohorts"].count(),
        is_staff=permissions.can(user, "accreditation.manage"),
        sees_directory=permissions.can(user, "directory.view"),
    )
