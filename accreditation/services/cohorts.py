"""Setting up programmes and cohorts: training days, the application questions and the
selection criteria. Accreditation staff only."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from accreditation.models import (
    Cohort,
    CohortQuestion,
    Programme,
    SelectionCriterion,
    TrainingDay,
)
from core import permissions
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
    name = _text(name, "name", "Enter the programme's name")
    if Programme.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": "There is already a programme with this name"})
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
    name = _text(name, "name", "Enter the cohort's name")
    if applications_close_on < applications_open_on:
        raise ValidationError(
            {"applications_close_on": "The closing date must be on or after the opening date"}
        )
    if places < 1:
        raise ValidationError({"places": "Enter a number of places of 1 or more"})
    if programme.cohorts.filter(name__iexact=name).exists():
        raise ValidationError({"name": "The programme already has a cohort with this name"})
    return _saved(
        Cohort(
            programme=programme,
            name=name,
            venue=_text(venue, "venue", "Enter the venue"),
            trainers=_text(trainers, "trainers", "Enter who runs the course"),
            places=places,
            fee_pence=fee_pence,
            vat_applies=vat_applies,
            applications_open_on=applications_open_on,
            applications_close_on=applications_close_on,
        ),
        actor,
    )


@transaction.atomic
def training_day_add(
    *, actor, cohort: Cohort, date: dt.date, block: int, venue: str = ""
) -> TrainingDay:
    permissions.require(actor, "accreditation.manage")
    if cohort.training_days.filter(date=date).exists():
        raise ValidationError({"date": "The cohort already has a training day on this date"})
    if date <= cohort.applications_close_on:
        raise ValidationError({"date": "Training days come after applications close"})
    return _saved(
        TrainingDay(cohort=cohort, date=date, block=block, venue=(venue or "").strip()), actor
    )


@transaction.atomic
def question_add(*, actor, cohort: Cohort, text: str) -> CohortQuestion:
    permissions.require(actor, "accreditation.manage")
    if cohort.applications.exists():
        raise ValidationError("People have applied already: the questions can no longer change")
    text = _text(text, "text", "Enter the question")
    return _saved(CohortQuestion(cohort=cohort, text=text, order=cohort.questions.count()), actor)


@transaction.atomic
def criterion_add(*, actor, cohort: Cohort, text: str, max_score: int) -> SelectionCriterion:
    permissions.require(actor, "accreditation.manage")
    text = _text(text, "text", "Enter the criterion")
    if not 1 <= max_score <= 10:
        raise ValidationError({"max_score": "Enter a top score between 1 and 10"})
    return _saved(
        SelectionCriterion(
            cohort=cohort, text=text, max_score=max_score, order=cohort.criteria.count()
        ),
        actor,
    )
