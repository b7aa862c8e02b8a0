"""Training: attendance at the course, the practice review, group and individual supervision."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accreditation.models import (
    IndividualSupervision,
    SupervisionBooking,
    SupervisionSession,
    Trainee,
    TrainingAttendance,
    TrainingDay,
)
from core import permissions
from core.history import acting_as
from reviews.models import Review, ReviewerAppointment
from reviews.services.validation import not_in_future

Booking = SupervisionBooking.Status


@transaction.atomic
def attendance_record(*, actor, training_day: TrainingDay, trainees) -> int:
    """Record who attended a training day: exactly `trainees` (of the day's cohort)."""
    permissions.require(actor, "accreditation.manage")
    not_in_future(date=training_day.date)
    cohort_trainees = {t.pk: t for t in training_day.cohort.trainees.all()}
    wanted = {t.pk for t in trainees}
    if wanted - set(cohort_trainees):
        raise ValidationError({"trainees": "Select trainees of this cohort"})
    existing = set(
        TrainingAttendance.objects.filter(training_day=training_day).values_list(
            "trainee_id", flat=True
        )
    )
    for gone in TrainingAttendance.objects.filter(
        training_day=training_day, trainee_id__in=existing - wanted
    ):
        acting_as(gone, actor).delete()
    for trainee_id in wanted - existing:
        acting_as(
            TrainingAttendance(trainee=cohort_trainees[trainee_id], training_day=training_day),
            actor,
        ).save()
    return len(wanted)


@transaction.atomic
def practice_review_link(*, actor, trainee: Trainee, review: Review) -> Trainee:
    """Record which review is the trainee's practice review. They must be appointed to it, in
    the Reviews app, as a trainee: the board commissions it and checks the pair there."""
    permissions.require(actor, "accreditation.manage")
    current = ReviewerAppointment.objects.filter(review=review, ended_on__isnull=True)
    if not current.filter(user=trainee.user, role=ReviewerAppointment.Role.TRAINEE).exists():
        raise ValidationError(
            {"review": f"{trainee.user.name} is not appointed to this review as a trainee"}
        )
    if not review.method.needs_accredited_reviewers:
        raise ValidationError({"review": "A practice review is a Learning Together review"})
    if not current.exclude(user=trainee.user).exists():
        raise ValidationError(
            {"review": "The trainee works in a pair: the board has not appointed their partner"}
        )
    trainee.practice_review = review
    acting_as(trainee, actor).save()
    return trainee


@transaction.atomic
def session_add(
    *, actor, date: dt.date, title: str, venue: str, capacity: int, facilitator
) -> SupervisionSession:
    permissions.require(actor, "accreditation.manage")
    if capacity < 1:
        raise ValidationError({"capacity": "Enter a capacity of 1 or more"})
    if not facilitator.is_accreditation_staff:
        raise ValidationError({"facilitator": "Select a member of the accreditation staff"})
    session = SupervisionSession(
        date=date,
        title=(title or "").strip(),
        venue=(venue or "").strip(),
        capacity=capacity,
        facilitator=facilitator,
    )
    session.full_clean()
    acting_as(session, actor).save()
    return session


@transaction.atomic
def session_book(*, actor, session: SupervisionSession, trainee: Trainee) -> SupervisionBooking:
    """Book a place: by the trainee, or by staff for them. Refused when the session is full,
    already booked by the trainee, or the trainee has another session that day."""
    permissions.require(actor, "accreditation.own", trainee)
    # One booker at a time per session (the last place) and per trainee (one session a day).
    session = SupervisionSession.objects.select_for_update().get(pk=session.pk)
    trainee = Trainee.objects.select_for_update().get(pk=trainee.pk)
    if not trainee.is_current:
        raise ValidationError("Only a trainee in training can book group supervision")
    if session.date < timezone.localdate():
        raise ValidationError("This session has already taken place")
    live = SupervisionBooking.objects.exclude(status=Booking.CANCELLED)
    if live.filter(session=session, trainee=trainee).exists():
        raise ValidationError("You already have a place at this session")
    if live.filter(session__date=session.date, trainee=trainee).exists():
        raise ValidationError(f"You already have a supervision session on {session.date:%-d %B %Y}")
    if live.filter(session=session).count() >= session.capacity:
        raise ValidationError(f"This session is full: all {session.capacity} places are taken")
    booking = SupervisionBooking(session=session, trainee=trainee)
    acting_as(booking, actor).save()
    return booking


@transaction.atomic
def booking_cancel(*, actor, booking: SupervisionBooking) -> SupervisionBooking:
    permissions.require(actor, "accreditation.own", booking.trainee)
    booking = SupervisionBooking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != Booking.BOOKED:
        raise ValidationError("Only a booked place can be cancelled")
    booking.status = Booking.CANCELLED
    acting_as(booking, actor).save()
    return booking


@transaction.atomic
def booking_record(*, actor, booking: SupervisionBooking, attended: bool) -> SupervisionBooking:
    """Staff record whether the trainee came, on or after the day."""
    permissions.require(actor, "accreditation.manage")
    booking = (
        SupervisionBooking.objects.select_for_update().select_related("session").get(pk=booking.pk)
    )
    if booking.status == Booking.CANCELLED:
        raise ValidationError("This place was cancelled")
    not_in_future(date=booking.session.date)
    booking.status = Booking.ATTENDED if attended else Booking.ABSENT
    acting_as(booking, actor).save()
    return booking


@transaction.atomic
def individual_supervision_add(
    *,
    actor,
    trainee: Trainee,
    held_on: dt.date,
    hours: Decimal,
    supervisor,
    notes: str = "",
) -> IndividualSupervision:
    """Log individual supervision, charged to the board that commissioned the practice review."""
    permissions.require(actor, "accreditation.manage")
    review = trainee.practice_review
    if review is None:
        raise ValidationError(
            "Record the practice review first: individual supervision is charged to the "
            "board that commissioned it"
        )
    if hours is None or not Decimal("0.5") <= hours <= Decimal("12"):
        raise ValidationError({"hours": "Enter the hours, from 0.5 to 12"})
    not_in_future(held_on=held_on)
    record = IndividualSupervision(
        trainee=trainee,
        held_on=held_on,
        hours=hours,
        supervisor=supervisor,
        board_to_charge_id=review.board_id,
        notes=(notes or "").strip(),
    )
    acting_as(record, actor).save()
    return record
