"""Setting up programmes and cohorts: training days, the application questions and the
selection criteria. Accreditation staff only.

Each record is corrected while what depends on it allows, and otherwise withdrawn with a
reason (it leaves the lists and stays in the history; nothing is deleted):
- a cohort: its places never fall below the places offered, its fee is fixed once offered
  (the offer letter quotes it), its window always holds every application and closes before
  the first training day; withdrawn only while nobody holds or waits for a place;
- a training day: its date is fixed once attendance is recorded;
- a question: fixed once anyone has applied (their answers were to it as asked);
- a selection criterion: fixed once an application is scored against it; withdrawn, its
  scores no longer count in the totals.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from accreditation.models import (
    Application,
    ApplicationScore,
    Cohort,
    CohortQuestion,
    Programme,
    SelectionCriterion,
    Trainee,
    TrainingAttendance,
    TrainingDay,
)
from core import permissions, records
from core.history import acting_as


def _saved(instance, actor):
    instance.full_clean()
    acting_as(instance, actor).save()
    return instance


def _text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


@transaction.atomic
def programme_add(*, actor, name: str, description: str = "") -> Programme:
    permissions.require(actor, "accreditation.manage")
    name = _text(name, "name", _("Enter the programme's name"))
    if Programme.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("There is already a programme with this name")})
    return _saved(Programme(name=name, description=(description or "").strip()), actor)


@transaction.atomic
def cohort_add(
    *,
    actor,
    programme: Programme,
    name: str,
    venue: str,
    trainers: str,
    places: int,
    fee_pence: int,
    vat_applies: bool,
    applications_open_on: dt.date,
    applications_close_on: dt.date,
) -> Cohort:
    permissions.require(actor, "accreditation.manage")
    name = _text(name, "name", _("Enter the cohort's name"))
    if applications_close_on < applications_open_on:
        raise ValidationError(
            {"applications_close_on": _("The closing date must be on or after the opening date")}
        )
    if places < 1:
        raise ValidationError({"places": _("Enter a number of places of 1 or more")})
    _name_free(programme, name)
    return _saved(
        Cohort(
            programme=programme,
            name=name,
            venue=_text(venue, "venue", _("Enter the venue")),
            trainers=_text(trainers, "trainers", _("Enter who runs the course")),
            places=places,
            fee_pence=fee_pence,
            vat_applies=vat_applies,
            applications_open_on=applications_open_on,
            applications_close_on=applications_close_on,
        ),
        actor,
    )


def _name_free(programme: Programme, name: str, cohort: Cohort | None = None) -> None:
    others = programme.cohorts.filter(name__iexact=name)
    if cohort is not None:
        others = others.exclude(pk=cohort.pk)
    if others.exists():
        raise ValidationError({"name": _("The programme already has a cohort with this name")})


def _day(date: dt.date) -> str:
    return date_format(date, "j F Y")


@transaction.atomic
def cohort_update(
    *,
    actor,
    cohort: Cohort,
    name: str,
    venue: str,
    trainers: str,
    places: int,
    fee_pence: int,
    vat_applies: bool,
    applications_open_on: dt.date,
    applications_close_on: dt.date,
) -> Cohort:
    """Correct a cohort (not its programme). Every rule is checked and all that fail are said
    at once."""
    permissions.require(actor, "accreditation.manage")
    # The lock that application_decide takes: no offer slips in while the places change.
    cohort = records.locked(cohort)
    records.require_current(cohort, _("This cohort"))
    errors = {}
    name, venue, trainers = ((value or "").strip() for value in (name, venue, trainers))
    for field, value, message in [
        ("name", name, _("Enter the cohort's name")),
        ("venue", venue, _("Enter the venue")),
        ("trainers", trainers, _("Enter who runs the course")),
    ]:
        if not value:
            errors[field] = message
    try:
        _name_free(cohort.programme, name, cohort)
    except ValidationError as error:
        errors.update(error.message_dict)
    offered = cohort.applications.filter(status=Application.Status.OFFERED).count()
    if places is None or places < 1:
        errors["places"] = _("Enter a number of places of 1 or more")
    elif places < offered:
        errors["places"] = _(
            "%(offered)s places have been offered: enter a number of places of %(offered)s or more"
        ) % {"offered": offered}
    if offered and (fee_pence, vat_applies) != (cohort.fee_pence, cohort.vat_applies):
        errors["fee_pence"] = _(
            "Places have been offered at %(fee)s: the fee can no longer change"
        ) % {"fee": cohort.fee_text}
    # The window is checked when it moves: what was recorded before stays as it was.
    closes_moved = applications_close_on != cohort.applications_close_on
    opens_moved = applications_open_on != cohort.applications_open_on
    submitted = cohort.applications.aggregate(first=Min("submitted_on"), last=Max("submitted_on"))
    first_day = cohort.training_days.aggregate(first=Min("date"))["first"]
    if applications_close_on < applications_open_on:
        errors["applications_close_on"] = _("The closing date must be on or after the opening date")
    elif closes_moved and submitted["last"] and applications_close_on < submitted["last"]:
        errors["applications_close_on"] = _(
            "An application came on %(date)s: applications must close on or after that day"
        ) % {"date": _day(submitted["last"])}
    elif closes_moved and first_day and applications_close_on >= first_day:
        errors["applications_close_on"] = _(
            "The first training day is %(date)s: applications must close before it"
        ) % {"date": _day(first_day)}
    if opens_moved and submitted["first"] and applications_open_on > submitted["first"]:
        errors["applications_open_on"] = _(
            "The first application came on %(date)s: applications must open on or before that day"
        ) % {"date": _day(submitted["first"])}
    if errors:
        raise ValidationError(errors)
    cohort.name, cohort.venue, cohort.trainers = name, venue, trainers
    cohort.places, cohort.fee_pence, cohort.vat_applies = places, fee_pence, vat_applies
    cohort.applications_open_on = applications_open_on
    cohort.applications_close_on = applications_close_on
    return _saved(cohort, actor)


def cohort_withdraw_refusal(cohort: Cohort) -> str:
    """Why the cohort cannot be withdrawn now, or "" (the page says it in place of the link)."""
    assessed = (Trainee.Status.ACCREDITED, Trainee.Status.NOT_YET)
    trainees = Trainee.objects.filter(cohort=cohort).aggregate(
        assessed=Count("pk", filter=Q(status__in=assessed)),
        in_training=Count("pk", filter=Q(status=Trainee.Status.IN_TRAINING)),
    )
    if trainees["assessed"]:
        return _("Its trainees have been assessed: the cohort stays on record")
    if count := trainees["in_training"]:
        return _(
            "%(count)s trainees hold places in this cohort: decline their applications first, "
            "so that they are told, then withdraw it"
        ) % {"count": count}
    waiting = cohort.applications.filter(
        status__in=(Application.Status.SUBMITTED, Application.Status.WAITING_LIST)
    ).count()
    if waiting:
        return _(
            "%(count)s applications are waiting for a decision: decide them first, so that the "
            "applicants are told, then withdraw it"
        ) % {"count": waiting}
    return ""


@transaction.atomic
def cohort_withdraw(*, actor, cohort: Cohort, reason: str) -> Cohort:
    """A cohort that will not run, or was added in error. Withdrawn only while nobody holds
    or waits for a place: the applicants are told by the decision on their application, and
    a cohort that has run stays on record with its trainees."""
    permissions.require(actor, "accreditation.manage")
    cohort = records.locked(cohort)
    records.require_current(cohort, _("This cohort"))
    refusal = cohort_withdraw_refusal(cohort)
    if refusal:
        raise ValidationError(refusal)
    return records.withdraw(cohort, actor=actor, reason=reason, what=_("This cohort"))


def _check_day(cohort: Cohort, date: dt.date, day: TrainingDay | None = None) -> None:
    others = cohort.training_days.filter(date=date)
    if day is not None:
        others = others.exclude(pk=day.pk)
    if others.exists():
        raise ValidationError({"date": _("The cohort already has a training day on this date")})
    if date <= cohort.applications_close_on:
        raise ValidationError({"date": _("Training days come after applications close")})


@transaction.atomic
def training_day_add(
    *, actor, cohort: Cohort, date: dt.date, block: int, venue: str = ""
) -> TrainingDay:
    permissions.require(actor, "accreditation.manage")
    records.require_current(cohort, _("This cohort"))
    _check_day(cohort, date)
    return _saved(
        TrainingDay(cohort=cohort, date=date, block=block, venue=(venue or "").strip()), actor
    )


def _locked_day(actor, day: TrainingDay) -> TrainingDay:
    permissions.require(actor, "accreditation.manage")
    day = records.locked(day)
    records.require_current(day, _("This training day"))
    return day


@transaction.atomic
def training_day_update(
    *, actor, day: TrainingDay, date: dt.date, block: int, venue: str = ""
) -> TrainingDay:
    """Correct a day. Its date is fixed once attendance is recorded: the attendance belongs to
    the day it happened, so a day held on another date is withdrawn and added again."""
    day = _locked_day(actor, day)
    if date != day.date:
        if TrainingAttendance.objects.filter(training_day=day).exists():
            raise ValidationError(
                {
                    "date": _(
                        "Attendance has been recorded for this day: its date can no longer "
                        "change. Withdraw the day, with the reason, and add the right one"
                    )
                }
            )
        _check_day(day.cohort, date, day)
    day.date, day.block, day.venue = date, block, (venue or "").strip()
    return _saved(day, actor)


@transaction.atomic
def training_day_withdraw(*, actor, day: TrainingDay, reason: str) -> TrainingDay:
    """A day that will not run, or was added in error: it leaves the course, and attendance
    recorded for it no longer counts toward the trainees' days."""
    day = _locked_day(actor, day)
    return records.withdraw(day, actor=actor, reason=reason, what=_("This training day"))


@transaction.atomic
def question_add(*, actor, cohort: Cohort, text: str) -> CohortQuestion:
    permissions.require(actor, "accreditation.manage")
    records.require_current(cohort, _("This cohort"))
    _no_applications(cohort)
    text = _text(text, "text", _("Enter the question"))
    return _saved(CohortQuestion(cohort=cohort, text=text, order=cohort.questions.count()), actor)


def questions_fixed(cohort: Cohort) -> bool:
    """Once anyone has applied, the questions stay as they were asked."""
    return cohort.applications.exists()


def scored_criteria(cohort: Cohort) -> set:
    """Ids of the cohort's criteria that applications have been scored against (fixed)."""
    return set(
        ApplicationScore.objects.filter(criterion__cohort=cohort).values_list(
            "criterion_id", flat=True
        )
    )


def _no_applications(cohort: Cohort) -> None:
    if questions_fixed(cohort):
        raise ValidationError(
            _(
                "People have applied already: the questions can no longer change. Withdraw a "
                "question, with the reason, if it must not be asked again"
            )
        )


@transaction.atomic
def question_update(*, actor, question: CohortQuestion, text: str) -> CohortQuestion:
    permissions.require(actor, "accreditation.manage")
    question = records.locked(question)
    records.require_current(question, _("This question"))
    _no_applications(question.cohort)
    question.text = _text(text, "text", _("Enter the question"))
    return _saved(question, actor)


@transaction.atomic
def question_withdraw(*, actor, question: CohortQuestion, reason: str) -> CohortQuestion:
    """New applicants are no longer asked it; those who answered keep their answer."""
    permissions.require(actor, "accreditation.manage")
    question = records.locked(question)
    return records.withdraw(question, actor=actor, reason=reason, what=_("This question"))


@transaction.atomic
def criterion_add(*, actor, cohort: Cohort, text: str, max_score: int) -> SelectionCriterion:
    permissions.require(actor, "accreditation.manage")
    records.require_current(cohort, _("This cohort"))
    text = _check_criterion(text, max_score)
    return _saved(
        SelectionCriterion(
            cohort=cohort, text=text, max_score=max_score, order=cohort.criteria.count()
        ),
        actor,
    )


def _check_criterion(text: str, max_score: int) -> str:
    text = _text(text, "text", _("Enter the criterion"))
    if max_score is None or not 1 <= max_score <= 10:
        raise ValidationError({"max_score": _("Enter a top score between 1 and 10")})
    return text


@transaction.atomic
def criterion_update(
    *, actor, criterion: SelectionCriterion, text: str, max_score: int
) -> SelectionCriterion:
    """Correct a criterion until an application is scored against it."""
    permissions.require(actor, "accreditation.manage")
    criterion = records.locked(criterion)
    records.require_current(criterion, _("This criterion"))
    if ApplicationScore.objects.filter(criterion=criterion).exists():
        raise ValidationError(
            _(
                "Applications have been scored against this criterion: it can no longer change. "
                "Withdraw it, with the reason, and add the right one"
            )
        )
    criterion.text, criterion.max_score = _check_criterion(text, max_score), max_score
    return _saved(criterion, actor)


@transaction.atomic
def criterion_withdraw(*, actor, criterion: SelectionCriterion, reason: str) -> SelectionCriterion:
    """Applications are no longer scored against it, and its scores leave the totals."""
    permissions.require(actor, "accreditation.manage")
    criterion = records.locked(criterion)
    return records.withdraw(criterion, actor=actor, reason=reason, what=_("This criterion"))
