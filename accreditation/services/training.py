"""Training: attendance at the course, the practice review, group and individual supervision.

Group supervision follows the session's date (SupervisionSession's refusals): places are
booked ahead and up to the day, by the trainee or by staff; from the day on, staff record who
attended, booked or not. Sessions, and attendance recorded in error, are corrected or
withdrawn with a reason, never deleted.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from accreditation.models import (
    IndividualSupervision,
    SupervisionBooking,
    SupervisionSession,
    Trainee,
    TrainingAttendance,
    TrainingDay,
)
from core import permissions, records
from core.emails import in_language_of
from core.history import acting_as
from core.validation import not_in_future
from reminders.models import OutboxEmail
from reviews.models import Review, ReviewerAppointment

Booking = SupervisionBooking.Status


@transaction.atomic
def attendance_record(*, actor, training_day: TrainingDay, trainees) -> int:
    """Record who attended a training day: exactly `trainees` (of the day's cohort)."""
    permissions.require(actor, "accreditation.manage")
    not_in_future(date=training_day.date)
    cohort_trainees = {t.pk: t for t in training_day.cohort.trainees.all()}
    wanted = {t.pk for t in trainees}
    if wanted - set(cohort_trainees):
        raise ValidationError({"trainees": _("Select trainees of this cohort")})
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
            {
                "review": _("%(name)s is not appointed to this review as a trainee")
                % {"name": trainee.user.name}
            }
        )
    if not review.method.needs_accredited_reviewers:
        raise ValidationError({"review": _("A practice review is a Learning Together review")})
    if not current.exclude(user=trainee.user).exists():
        raise ValidationError(
            {"review": _("The trainee works in a pair: the board has not appointed their partner")}
        )
    trainee.practice_review = review
    acting_as(trainee, actor).save()
    return trainee


def _check_session(*, capacity: int, facilitator, taken: int = 0) -> None:
    errors = {}
    if capacity is None or capacity < 1:
        errors["capacity"] = _("Enter a number of places of 1 or more")
    elif capacity < taken:
        errors["capacity"] = _(
            "%(taken)s places are taken: enter a number of places of %(taken)s or more"
        ) % {"taken": taken}
    if facilitator is None or not facilitator.is_accreditation_staff:
        errors["facilitator"] = _("Select a member of the accreditation staff")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_add(
    *, actor, date: dt.date, title: str, venue: str, capacity: int, facilitator
) -> SupervisionSession:
    """A session ahead, or one that has taken place (entered afterwards, to record who
    attended): the date decides what may be done with it (SupervisionSession)."""
    permissions.require(actor, "accreditation.manage")
    _check_session(capacity=capacity, facilitator=facilitator)
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


def _recorded(session: SupervisionSession):
    """The session's bookings whose attendance has been recorded."""
    return SupervisionBooking.objects.filter(
        session=session, status__in=(Booking.ATTENDED, Booking.ABSENT)
    )


@transaction.atomic
def session_update(
    *,
    actor,
    session: SupervisionSession,
    date: dt.date,
    title: str,
    venue: str,
    capacity: int,
    facilitator,
) -> SupervisionSession:
    """Correct a session. Its date is fixed once attendance is recorded: attendance belongs
    to the day it happened, so a session held on another day is withdrawn and added again.
    Places are never cut below those taken, and moving the date keeps every booked trainee
    to one session a day."""
    permissions.require(actor, "accreditation.manage")
    session = records.locked(session)
    records.require_current(session, _("This session"))
    live = SupervisionBooking.objects.filter(session=session).exclude(status=Booking.CANCELLED)
    _check_session(capacity=capacity, facilitator=facilitator, taken=live.count())
    if date != session.date:
        if _recorded(session).exists():
            raise ValidationError(
                {
                    "date": _(
                        "Attendance has been recorded at this session: its date can no "
                        "longer change. Withdraw the session, with the reason, and add it on the "
                        "right date"
                    )
                }
            )
        clash = (
            SupervisionBooking.objects.filter(
                session__date=date, trainee__in=live.values("trainee")
            )
            .exclude(status=Booking.CANCELLED)
            .select_related("trainee__user")
            .first()
        )
        if clash is not None:
            raise ValidationError(
                {
                    "date": _(
                        "%(name)s has another supervision session on %(date)s: move the "
                        "session to another day"
                    )
                    % {"name": clash.trainee.user.name, "date": date_format(date, "j F Y")}
                }
            )
    session.date, session.title, session.venue = date, (title or "").strip(), (venue or "").strip()
    session.capacity, session.facilitator = capacity, facilitator
    session.full_clean()
    acting_as(session, actor).save()
    return session


@transaction.atomic
def session_withdraw(*, actor, session: SupervisionSession, reason: str) -> SupervisionSession:
    """A session that will not run, or was entered in error. Its booked places are cancelled
    (the trainees are told, if it was still to come); attendance recorded at it no longer
    counts toward a trainee's sessions. All of it stays in the history."""
    permissions.require(actor, "accreditation.manage")
    session = records.locked(session)
    records.withdraw(session, actor=actor, reason=reason, what=_("This session"))
    booked = list(
        SupervisionBooking.all_objects.filter(
            session=session, status=Booking.BOOKED, withdrawn_at__isnull=True
        ).select_related("trainee__user")
    )
    for booking in booked:
        booking.status = Booking.CANCELLED
        acting_as(booking, actor).save()
    if session.date >= timezone.localdate():
        OutboxEmail.objects.bulk_create(_session_withdrawn_email(session, b) for b in booked)
    return session


def _session_withdrawn_email(session: SupervisionSession, booking) -> OutboxEmail:
    """The trainee's notice that a session they booked will not run, in their language."""
    user = booking.trainee.user
    with in_language_of(user):
        return OutboxEmail(
            to=user.email,
            subject=_("Group supervision on %(date)s will not take place")
            % {"date": date_format(session.date, "j F Y")},
            body=render_to_string(
                "accreditation/email/session_withdrawn.txt",
                {
                    "name": user.name,
                    "session": session,
                    "link": settings.SITE_URL
                    + reverse("accreditation:trainee_detail", args=[booking.trainee_id]),
                },
            ),
            next_attempt_at=timezone.now(),
        )


def _said_to(actor, trainee: Trainee, *, to_them: str, to_staff: str, **values) -> str:
    """The message for the trainee themselves ("You …"), or for staff (naming the trainee)."""
    if actor.pk == trainee.user_id:
        return to_them % values
    return to_staff % {"name": trainee.user.name, **values}


def _another_that_day(session: SupervisionSession, trainee: Trainee, *statuses):
    return (
        SupervisionBooking.objects.filter(
            trainee=trainee, session__date=session.date, status__in=statuses
        )
        .exclude(session=session)
        .select_related("session")
        .first()
    )


@transaction.atomic
def session_book(*, actor, session: SupervisionSession, trainee: Trainee) -> SupervisionBooking:
    """Book a place ahead: by the trainee, or by staff for them. Refused once the session has
    taken place (staff record attendance instead), when it is full, already booked by the
    trainee, or the trainee has another session that day."""
    permissions.require(actor, "accreditation.own", trainee)
    # One booker at a time per session (the last place) and per trainee (one session a day).
    session = records.locked(session)
    records.require_current(session, _("This session"))
    trainee = (
        Trainee.objects.select_for_update(of=("self",)).select_related("user").get(pk=trainee.pk)
    )
    if not trainee.is_current:
        raise ValidationError(_("Only a trainee in training can book group supervision"))
    refusal = session.booking_refusal(timezone.localdate())
    if refusal:
        raise ValidationError(refusal)
    live = SupervisionBooking.objects.exclude(status=Booking.CANCELLED)
    if live.filter(session=session, trainee=trainee).exists():
        raise ValidationError(
            _said_to(
                actor,
                trainee,
                to_them=_("You already have a place at this session"),
                to_staff=_("%(name)s already has a place at this session"),
            )
        )
    if _another_that_day(session, trainee, Booking.BOOKED, Booking.ATTENDED):
        raise ValidationError(
            _said_to(
                actor,
                trainee,
                to_them=_("You already have a supervision session on %(date)s"),
                to_staff=_("%(name)s already has a supervision session on %(date)s"),
                date=date_format(session.date, "j F Y"),
            )
        )
    if live.filter(session=session).count() >= session.capacity:
        raise ValidationError(
            _("This session is full: all %(capacity)s places are taken")
            % {"capacity": session.capacity}
        )
    booking = SupervisionBooking(session=session, trainee=trainee)
    acting_as(booking, actor).save()
    return booking


@transaction.atomic
def booking_cancel(*, actor, booking: SupervisionBooking) -> SupervisionBooking:
    """Give up a booked place, up to the day of the session; afterwards staff record whether
    the trainee came."""
    permissions.require(actor, "accreditation.own", booking.trainee)
    booking = records.locked(booking)
    records.require_current(booking, _("This place"))
    if booking.status != Booking.BOOKED:
        raise ValidationError(_("Only a booked place can be cancelled"))
    refusal = booking.session.cancel_refusal(timezone.localdate())
    if refusal:
        raise ValidationError(refusal)
    booking.status = Booking.CANCELLED
    acting_as(booking, actor).save()
    return booking


def _check_attendance(session: SupervisionSession) -> None:
    records.require_current(session, _("This session"))
    refusal = session.attendance_refusal(timezone.localdate())
    if refusal:
        raise ValidationError(refusal)


@transaction.atomic
def booking_record(*, actor, booking: SupervisionBooking, attended: bool) -> SupervisionBooking:
    """Staff record whether a booked trainee came, on or after the day (or correct it)."""
    permissions.require(actor, "accreditation.manage")
    booking = records.locked(booking)
    records.require_current(booking, _("This place"))
    if booking.status == Booking.CANCELLED:
        raise ValidationError(_("This place was cancelled"))
    _check_attendance(booking.session)
    if attended:
        _not_elsewhere(booking.session, booking.trainee)
    booking.status = Booking.ATTENDED if attended else Booking.ABSENT
    acting_as(booking, actor).save()
    return booking


def _not_elsewhere(session: SupervisionSession, trainee: Trainee) -> None:
    """A trainee attends one session a day: each counts toward the sessions required."""
    other = _another_that_day(session, trainee, Booking.BOOKED, Booking.ATTENDED)
    if other is not None:
        raise ValidationError(
            _(
                "%(name)s is recorded at %(session)s on that day: record them as not attending "
                "it, or cancel that place, first"
            )
            % {"name": trainee.user.name, "session": other.session}
        )


@transaction.atomic
def session_attendance_record(*, actor, session: SupervisionSession, trainees) -> int:
    """Staff record exactly who attended a session that has taken place, booked or not
    (sessions are often entered afterwards): those who came are marked attended, with a
    place made for them if they had none; booked trainees who did not come, absent.
    Attendance records who came, so the places do not limit it."""
    permissions.require(actor, "accreditation.manage")
    session = records.locked(session)
    _check_attendance(session)
    wanted = {trainee.pk for trainee in trainees}
    booked = {
        booking.trainee_id: booking
        for booking in SupervisionBooking.objects.filter(session=session)
        .exclude(status=Booking.CANCELLED)
        .select_related("trainee__user")
    }
    newcomers = list(
        Trainee.objects.select_for_update(of=("self",))
        .filter(pk__in=wanted - set(booked))
        .select_related("user")
    )
    problems = [
        _("%(name)s is not in training") % {"name": trainee.user.name}
        for trainee in newcomers
        if not trainee.is_current
    ]
    for trainee in [*newcomers, *(b.trainee for b in booked.values() if b.trainee_id in wanted)]:
        try:
            _not_elsewhere(session, trainee)
        except ValidationError as error:
            problems.extend(error.messages)
    if problems:
        raise ValidationError({"trainees": problems})
    for trainee_id, booking in booked.items():
        status = Booking.ATTENDED if trainee_id in wanted else Booking.ABSENT
        if booking.status != status:
            booking.status = status
            acting_as(booking, actor).save()
    for trainee in newcomers:
        acting_as(
            SupervisionBooking(session=session, trainee=trainee, status=Booking.ATTENDED), actor
        ).save()
    return len(wanted)


@transaction.atomic
def booking_withdraw(*, actor, booking: SupervisionBooking, reason: str) -> SupervisionBooking:
    """Attendance recorded in error (the wrong trainee, say) is withdrawn with the reason:
    it no longer counts and stays in the history. A place still to come is cancelled."""
    permissions.require(actor, "accreditation.manage")
    booking = records.locked(booking)
    records.require_current(booking, _("This attendance"))
    if booking.status not in (Booking.ATTENDED, Booking.ABSENT):
        raise ValidationError(
            _("Only attendance that has been recorded is withdrawn: cancel a booked place instead")
        )
    return records.withdraw(booking, actor=actor, reason=reason, what=_("This attendance"))


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
            _(
                "Record the practice review first: individual supervision is charged to the "
                "board that commissioned it"
            )
        )
    if hours is None or not Decimal("0.5") <= hours <= Decimal("12"):
        raise ValidationError({"hours": _("Enter the hours, from 0.5 to 12")})
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
