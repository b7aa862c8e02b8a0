"""Who takes part and what agencies provide: team and case group, meetings, requests for
information, the chronology, and involvement of family and practitioners."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from boards.models import Agency
from core import permissions
from core.history import acting_as
from reminders.planning import deadlines_changed
from reviews.models import (
    AgencyRequest,
    ChronologyEntry,
    Deadline,
    Involvement,
    Meeting,
    Review,
    ReviewParticipant,
)
from reviews.services.validation import not_before, not_in_future, raise_if_any


def _of_board(review: Review, agency: Agency | None, field: str = "agency") -> None:
    if agency is not None and agency.board_id != review.board_id:
        raise ValidationError({field: "Select an agency of this board"})


def _saved(instance, actor):
    instance.full_clean()
    acting_as(instance, actor).save()
    return instance


@transaction.atomic
def participant_add(
    *, actor, review: Review, group: str, name: str, agency=None, role: str = "", contact: str = ""
) -> ReviewParticipant:
    permissions.require(actor, "reviews.setup", review)
    _of_board(review, agency)
    return _saved(
        ReviewParticipant(
            review=review,
            group=group,
            name=(name or "").strip(),
            agency=agency,
            role=(role or "").strip(),
            contact=(contact or "").strip(),
        ),
        actor,
    )


@transaction.atomic
def participant_remove(*, actor, participant: ReviewParticipant) -> None:
    permissions.require(actor, "reviews.setup", participant.review)
    acting_as(participant, actor).delete()


@transaction.atomic
def meeting_plan(*, actor, review: Review, kind: str, planned_on: dt.date) -> Meeting:
    permissions.require(actor, "reviews.setup", review)
    not_before(
        "planned_on",
        planned_on,
        review.initiated_on,
        "The date of the meeting must be on or after the date the review started",
    )
    return _saved(Meeting(review=review, kind=kind, planned_on=planned_on), actor)


@transaction.atomic
def meeting_record(
    *, actor, meeting: Meeting, held_on: dt.date, attendees=(), notes: str = ""
) -> Meeting:
    """Record that a meeting was held, who attended and what it concluded."""
    permissions.require(actor, "reviews.setup", meeting.review)
    not_in_future(held_on=held_on)
    not_before(
        "held_on",
        held_on,
        meeting.review.initiated_on,
        "The date the meeting was held must be on or after the date the review started",
    )
    attendees = list(attendees)
    if any(person.review_id != meeting.review_id for person in attendees):
        raise ValidationError({"attendees": "Select members of this review's team or case group"})
    meeting.held_on, meeting.notes = held_on, (notes or "").strip()
    _saved(meeting, actor)
    meeting.attendees.set(attendees)
    return meeting


def _request_deadline(request: AgencyRequest) -> None:
    """Keep the request's row in the board's deadlines: due until the information arrives."""
    deadline, _ = Deadline.objects.update_or_create(
        agency_request=request,
        defaults={
            "board_id": request.review.board_id,
            "incident_id": request.review.incident_id,
            "rulebook": request.review.incident.rulebook,
            "clock": "agency_request",
            "starts_on": request.requested_on,
            "due_on": request.due_on,
            "met_on": request.received_on,
        },
    )
    deadlines_changed([deadline.pk])


def agency_request_date_errors(*, requested_on: dt.date | None, due_on: dt.date | None) -> dict:
    """Every error of a request's dates at once (its form asks this too)."""
    errors = {}
    not_in_future(into=errors, requested_on=requested_on)
    not_before(
        "due_on",
        due_on,
        requested_on,
        "The date the information is due must be on or after the date of the request",
        into=errors,
    )
    return errors


@transaction.atomic
def agency_request_add(
    *, actor, review: Review, agency: Agency, details: str, requested_on: dt.date, due_on: dt.date
) -> AgencyRequest:
    """Ask an agency in writing for its information, by a date."""
    permissions.require(actor, "reviews.setup", review)
    _of_board(review, agency)
    raise_if_any(agency_request_date_errors(requested_on=requested_on, due_on=due_on))
    request = _saved(
        AgencyRequest(
            review=review,
            agency=agency,
            details=(details or "").strip(),
            requested_on=requested_on,
            due_on=due_on,
        ),
        actor,
    )
    _request_deadline(request)
    return request


@transaction.atomic
def agency_request_chase(*, actor, request: AgencyRequest, chased_on: dt.date) -> AgencyRequest:
    permissions.require(actor, "reviews.setup", request.review)
    request = AgencyRequest.objects.select_for_update().get(pk=request.pk)
    if request.received_on is not None:
        raise ValidationError("The information has been received: there is nothing to chase")
    not_in_future(chased_on=chased_on)
    not_before(
        "chased_on",
        chased_on,
        request.requested_on,
        "The date the request was chased must be on or after the date of the request",
    )
    request.times_chased += 1
    request.last_chased_on = chased_on
    return _saved(request, actor)


@transaction.atomic
def agency_request_receive(
    *, actor, request: AgencyRequest, received_on: dt.date, files_locked_on: dt.date | None = None
) -> AgencyRequest:
    """Record the information received and, if confirmed, that the case files are locked down."""
    permissions.require(actor, "reviews.setup", request.review)
    request = (
        AgencyRequest.objects.select_for_update()
        .select_related("review__incident")
        .get(pk=request.pk)
    )
    not_in_future(received_on=received_on, files_locked_on=files_locked_on)
    not_before(
        "received_on",
        received_on,
        request.requested_on,
        "The date the information arrived must be on or after the date of the request",
    )
    request.received_on = received_on
    if files_locked_on is not None:
        request.files_locked_on = files_locked_on
    _saved(request, actor)
    _request_deadline(request)
    return request


@transaction.atomic
def chronology_add(
    *, actor, review: Review, agency: Agency, occurred_on: dt.date, entry: str, source: str = ""
) -> ChronologyEntry:
    permissions.require(actor, "reviews.setup", review)
    _of_board(review, agency)
    not_in_future(occurred_on=occurred_on)
    return _saved(
        ChronologyEntry(
            review=review,
            agency=agency,
            occurred_on=occurred_on,
            entry=(entry or "").strip(),
            source=(source or "").strip(),
        ),
        actor,
    )


@transaction.atomic
def involvement_offer(
    *, actor, review: Review, kind: str, who: str, offered_on: dt.date
) -> Involvement:
    permissions.require(actor, "reviews.setup", review)
    not_in_future(offered_on=offered_on)
    return _saved(
        Involvement(review=review, kind=kind, who=(who or "").strip(), offered_on=offered_on), actor
    )


@transaction.atomic
def involvement_respond(
    *, actor, involvement: Involvement, response: str, responded_on: dt.date, views: str = ""
) -> Involvement:
    permissions.require(actor, "reviews.setup", involvement.review)
    involvement = Involvement.objects.select_for_update().get(pk=involvement.pk)
    if response not in (Involvement.Response.ACCEPTED, Involvement.Response.DECLINED):
        raise ValidationError({"response": "Select whether the offer was accepted or declined"})
    not_in_future(responded_on=responded_on)
    not_before(
        "responded_on",
        responded_on,
        involvement.offered_on,
        "The date of the answer must be on or after the date of the offer",
    )
    involvement.response, involvement.responded_on = response, responded_on
    involvement.views = (views or "").strip()
    return _saved(involvement, actor)
