"""Reads of group supervision: sessions, places booked and attendance. Staff see them all; a
trainee reaches only their own places."""

import datetime as dt

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accreditation.models import SupervisionBooking, SupervisionSession, Trainee
from core import permissions

Booking = SupervisionBooking.Status

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


def sessions_before(*, today: dt.date | None = None):
    """The sessions that have taken place, latest first (their list is paged)."""
    today = today or timezone.localdate()
    return (
        SupervisionSession.objects.filter(date__lt=today)
        .annotate(taken=_TAKEN)
        .order_by("-date", "title", "pk")
    )


def session_list():
    """Current sessions with their facilitators, earliest first: the staff's (the API)."""
    return SupervisionSession.objects.select_related("facilitator").order_by("date", "title")


def every_session():
    """Every session, withdrawn ones included (for `withdrawn_rows`): the staff's list."""
    return SupervisionSession.all_objects.all()


def session_get(*, user, session_id, withdrawn: bool = False) -> SupervisionSession:
    """A current session, or 404; with `withdrawn`, a withdrawn one too."""
    permissions.require(user, "accreditation.manage")
    sessions = SupervisionSession.all_objects if withdrawn else SupervisionSession.objects
    return get_object_or_404(sessions.select_related("facilitator", "withdrawn_by"), pk=session_id)


def session_to_book(*, session_id) -> SupervisionSession:
    """A current session, or 404: anyone signed in books (the service says who may)."""
    return get_object_or_404(SupervisionSession, pk=session_id)


def session_bookings(session: SupervisionSession):
    """The session's places; a withdrawn session's as they stood (the attendance recorded at
    it, its places cancelled), without attendance withdrawn as recorded in error."""
    bookings = SupervisionBooking.all_objects.filter(session=session, withdrawn_at__isnull=True)
    return bookings.select_related("trainee__user").order_by("trainee__user__name")


def session_places(*, session: SupervisionSession):
    """The session's current places, cancelled ones included: the staff's to count."""
    return SupervisionBooking.objects.filter(session=session)


def session_places_taken(*, session: SupervisionSession):
    """The session's current places not cancelled (booked, attended, absent): the staff's."""
    return SupervisionBooking.objects.filter(session=session).exclude(status=Booking.CANCELLED)


def session_attendance_choices(*, session: SupervisionSession):
    """Trainees in training and anyone with a place taken at `session`: the staff's choice."""
    return (
        (
            Trainee.objects.filter(status=Trainee.Status.IN_TRAINING)
            | Trainee.objects.filter(pk__in=session_places_taken(session=session).values("trainee"))
        )
        .select_related("user", "cohort")
        .order_by("user__name")
        .distinct()
    )


def booking_get(*, user, session_id, booking_id) -> SupervisionBooking:
    """A current place at the session, or 404: the trainee's own, or any for staff."""
    booking = get_object_or_404(
        SupervisionBooking.objects.select_related("session", "trainee"),
        pk=booking_id,
        session_id=session_id,
    )
    if not permissions.can(user, "accreditation.own", booking.trainee):
        raise Http404
    return booking


def booking_recorded_get(*, session: SupervisionSession, booking_id) -> SupervisionBooking:
    """A place at `session` recorded as attended or absent, or 404: the staff's to withdraw."""
    return get_object_or_404(
        SupervisionBooking.objects.filter(
            session=session, status__in=(Booking.ATTENDED, Booking.ABSENT)
        ).select_related("trainee__user"),
        pk=booking_id,
    )


def trainee_bookings(trainee: Trainee):
    """A trainee's places at current sessions, soonest first."""
    return trainee.bookings.select_related("session").order_by("session__date", "session__title")


def trainee_to_book_for(*, user, trainee_id) -> Trainee | None:
    """The trainee record `trainee_id` if `user` may book for it (own; staff: any), else None."""
    trainee = Trainee.objects.select_related("user").filter(pk=trainee_id).first()
    if trainee is None or not permissions.can(user, "accreditation.own", trainee):
        return None
    return trainee
