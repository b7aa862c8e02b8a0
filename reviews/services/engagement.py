"""Who takes part and what agencies provide: team and case group, meetings, requests for
information, the chronology, and involvement of family and practitioners."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from boards.models import Agency
from core import permissions, records
from core.history import acting_as
from core.validation import not_before, not_in_future, raise_if_any
from deadlines.models import Deadline
from reviews.deadline_kinds import AGENCY_REQUEST
from reviews.models import (
    AgencyRequest,
    ChronologyEntry,
    Involvement,
    Meeting,
    Review,
    ReviewParticipant,
)
from reviews.services.workflow import require_actions_open, require_analysis_open


def _of_board(review: Review, agency: Agency | None, field: str = "agency") -> None:
    if agency is not None and agency.board_id != review.board_id:
        raise ValidationError({field: _("Select an agency of this board")})


def _saved(instance, actor):
    instance.full_clean()
    acting_as(instance, actor).save()
    return instance


def _for_change(actor, record, what: str, guard=require_actions_open):
    """`record` read again and locked for a correction or a withdrawal: the actor may set the
    review up, the review's stage still lets the record change (`guard`: until the review is
    closed, or for what the report is made of, until publication), and it is current."""
    permissions.require(actor, "reviews.setup", record.review)
    locked = records.locked(record)
    guard(locked.review)
    records.require_current(locked, what)
    return locked


@transaction.atomic
def participant_add(
    *, actor, review: Review, group: str, name: str, agency=None, role: str = "", contact: str = ""
) -> ReviewParticipant:
    permissions.require(actor, "reviews.setup", review)
    require_actions_open(review)
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
def participant_update(
    *,
    actor,
    participant: ReviewParticipant,
    group: str,
    name: str,
    agency=None,
    role="",
    contact="",
) -> ReviewParticipant:
    participant = _for_change(actor, participant, _("This person"))
    _of_board(participant.review, agency)
    participant.group, participant.name, participant.agency = group, (name or "").strip(), agency
    participant.role, participant.contact = (role or "").strip(), (contact or "").strip()
    return _saved(participant, actor)


@transaction.atomic
def participant_withdraw(*, actor, participant: ReviewParticipant, reason: str):
    """Take someone off the review team or case group. Their conversations still name them,
    and reports are still checked for their name (publication.assembly reads the history)."""
    participant = _for_change(actor, participant, _("This person"))
    return records.withdraw(participant, actor=actor, reason=reason, what=_("This person"))


@transaction.atomic
def meeting_plan(*, actor, review: Review, kind: str, planned_on: dt.date) -> Meeting:
    permissions.require(actor, "reviews.setup", review)
    require_actions_open(review)
    not_before(
        "planned_on",
        planned_on,
        review.initiated_on,
        _("The date of the meeting must be on or after the date the review started"),
    )
    return _saved(Meeting(review=review, kind=kind, planned_on=planned_on), actor)


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, kind: str, planned_on: dt.date) -> Meeting:
    """Correct what kind of meeting it is and when it was planned for."""
    meeting = _for_change(actor, meeting, _("This meeting"))
    not_before(
        "planned_on",
        planned_on,
        meeting.review.initiated_on,
        _("The date of the meeting must be on or after the date the review started"),
    )
    meeting.kind, meeting.planned_on = kind, planned_on
    return _saved(meeting, actor)


@transaction.atomic
def meeting_withdraw(*, actor, meeting: Meeting, reason: str) -> Meeting:
    meeting = _for_change(actor, meeting, _("This meeting"))
    return records.withdraw(meeting, actor=actor, reason=reason, what=_("This meeting"))


@transaction.atomic
def meeting_record(
    *, actor, meeting: Meeting, held_on: dt.date, attendees=(), notes: str = ""
) -> Meeting:
    """Record that a meeting was held, who attended and what it concluded."""
    meeting = _for_change(actor, meeting, _("This meeting"))
    not_in_future(held_on=held_on)
    not_before(
        "held_on",
        held_on,
        meeting.review.initiated_on,
        _("The date the meeting was held must be on or after the date the review started"),
    )
    attendees = list(attendees)
    if any(person.review_id != meeting.review_id for person in attendees):
        raise ValidationError(
            {"attendees": _("Select members of this review's team or case group")}
        )
    meeting.held_on, meeting.notes = held_on, (notes or "").strip()
    _saved(meeting, actor)
    meeting.attendees.set(attendees)
    return meeting


def _request_deadline(request: AgencyRequest) -> None:
    """Keep the request's row in the board's deadlines: due until the information arrives."""
    Deadline.objects.update_or_create(
        kind=AGENCY_REQUEST,
        owner_id=request.pk,
        defaults={
            "board_id": request.review.board_id,
            "case_id": request.review.incident_id,
            "rulebook": request.review.incident.rulebook,
            "clock": "agency_request",
            "starts_on": request.requested_on,
            "due_on": request.due_on,
            "met_on": request.received_on,
        },
    )


def agency_request_date_errors(
    *,
    requested_on: dt.date | None,
    due_on: dt.date | None,
    period_from: dt.date | None = None,
    period_to: dt.date | None = None,
) -> dict:
    """Every error of a request's dates at once (its form asks this too)."""
    errors = {}
    not_in_future(into=errors, requested_on=requested_on)
    not_before(
        "due_on",
        due_on,
        requested_on,
        _("The date the information is due must be on or after the date of the request"),
        into=errors,
    )
    not_before(
        "period_to",
        period_to,
        period_from,
        _("The end of the period must be on or after its start"),
        into=errors,
    )
    return errors


@transaction.atomic
def agency_request_add(
    *,
    actor,
    review: Review,
    agency: Agency,
    details: str,
    requested_on: dt.date,
    due_on: dt.date,
    asks: str = AgencyRequest.Asks.OTHER,
    period_from: dt.date | None = None,
    period_to: dt.date | None = None,
) -> AgencyRequest:
    """Ask an agency for its information, by a date. Recorded here; sent to the agency's
    contributors in the service by `contributions.agency_request_send`."""
    permissions.require(actor, "reviews.setup", review)
    require_actions_open(review)
    _of_board(review, agency)
    raise_if_any(
        agency_request_date_errors(
            requested_on=requested_on, due_on=due_on, period_from=period_from, period_to=period_to
        )
    )
    request = _saved(
        AgencyRequest(
            review=review,
            agency=agency,
            asks=asks,
            details=(details or "").strip(),
            period_from=period_from,
            period_to=period_to,
            requested_on=requested_on,
            due_on=due_on,
        ),
        actor,
    )
    _request_deadline(request)
    return request


@transaction.atomic
def agency_request_update(
    *,
    actor,
    request: AgencyRequest,
    agency: Agency,
    details: str,
    requested_on,
    due_on,
    asks: str | None = None,
    period_from=None,
    period_to=None,
) -> AgencyRequest:
    """Correct a request: to whom, what was asked and when. Its deadline follows. Once sent,
    it stays with the agency it was sent to."""
    request = _for_change(actor, request, _("This request"))
    _of_board(request.review, agency)
    if request.sent_at is not None and agency.pk != request.agency_id:
        raise ValidationError(
            {"agency": _("The request has been sent to this agency: withdraw it and make another")}
        )
    raise_if_any(
        agency_request_date_errors(
            requested_on=requested_on, due_on=due_on, period_from=period_from, period_to=period_to
        )
    )
    if asks is not None:
        request.asks = asks
    request.period_from, request.period_to = period_from, period_to
    if request.received_on is not None and request.received_on < requested_on:
        raise ValidationError(
            {"requested_on": _("The request date must be on or before the date it was received")}
        )
    request.agency, request.details = agency, (details or "").strip()
    request.requested_on, request.due_on = requested_on, due_on
    _saved(request, actor)
    _request_deadline(request)
    return request


@transaction.atomic
def agency_request_withdraw(*, actor, request: AgencyRequest, reason: str) -> AgencyRequest:
    """A request made in error: it leaves the list and the board's deadlines, and its
    reminders stop."""
    request = _for_change(actor, request, _("This request"))
    records.withdraw(request, actor=actor, reason=reason, what=_("This request"))
    Deadline.objects.filter(kind=AGENCY_REQUEST, owner_id=request.pk).delete()
    return request


@transaction.atomic
def agency_request_chase(*, actor, request: AgencyRequest, chased_on: dt.date) -> AgencyRequest:
    request = _for_change(actor, request, _("This request"))
    if request.received_on is not None:
        raise ValidationError(_("The information has been received: there is nothing to chase"))
    not_in_future(chased_on=chased_on)
    not_before(
        "chased_on",
        chased_on,
        request.requested_on,
        _("The date the request was chased must be on or after the date of the request"),
    )
    request.times_chased += 1
    request.last_chased_on = chased_on
    return _saved(request, actor)


@transaction.atomic
def agency_request_receive(
    *, actor, request: AgencyRequest, received_on: dt.date, files_locked_on: dt.date | None = None
) -> AgencyRequest:
    """Record the information received and, if confirmed, that the case files are locked down."""
    request = _for_change(actor, request, _("This request"))
    not_in_future(received_on=received_on, files_locked_on=files_locked_on)
    not_before(
        "received_on",
        received_on,
        request.requested_on,
        _("The date the information arrived must be on or after the date of the request"),
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
    require_analysis_open(review)
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
def chronology_update(
    *,
    actor,
    entry: ChronologyEntry,
    agency: Agency,
    occurred_on: dt.date,
    what_happened: str,
    source: str = "",
) -> ChronologyEntry:
    """Correct an entry. The report is made of the chronology: settled from publication."""
    entry = _for_change(actor, entry, _("This entry"), guard=require_analysis_open)
    _of_board(entry.review, agency)
    not_in_future(occurred_on=occurred_on)
    entry.agency, entry.occurred_on = agency, occurred_on
    entry.entry, entry.source = (what_happened or "").strip(), (source or "").strip()
    return _saved(entry, actor)


@transaction.atomic
def chronology_withdraw(*, actor, entry: ChronologyEntry, reason: str) -> ChronologyEntry:
    """An entry made in error leaves the chronology, the episodes that drew on it and the
    report; it stays in the history."""
    entry = _for_change(actor, entry, _("This entry"), guard=require_analysis_open)
    return records.withdraw(entry, actor=actor, reason=reason, what=_("This entry"))


@transaction.atomic
def involvement_offer(
    *, actor, review: Review, kind: str, who: str, offered_on: dt.date
) -> Involvement:
    permissions.require(actor, "reviews.setup", review)
    require_actions_open(review)
    not_in_future(offered_on=offered_on)
    return _saved(
        Involvement(review=review, kind=kind, who=(who or "").strip(), offered_on=offered_on), actor
    )


@transaction.atomic
def involvement_update(
    *, actor, involvement: Involvement, kind: str, who: str, offered_on: dt.date
) -> Involvement:
    involvement = _for_change(actor, involvement, _("This offer"))
    not_in_future(offered_on=offered_on)
    if involvement.responded_on is not None and involvement.responded_on < offered_on:
        raise ValidationError(
            {"offered_on": _("The date of the offer must be on or before the date of the answer")}
        )
    involvement.kind, involvement.who, involvement.offered_on = (
        kind,
        (who or "").strip(),
        offered_on,
    )
    return _saved(involvement, actor)


@transaction.atomic
def involvement_withdraw(*, actor, involvement: Involvement, reason: str) -> Involvement:
    involvement = _for_change(actor, involvement, _("This offer"))
    return records.withdraw(involvement, actor=actor, reason=reason, what=_("This offer"))


@transaction.atomic
def involvement_respond(
    *, actor, involvement: Involvement, response: str, responded_on: dt.date, views: str = ""
) -> Involvement:
    involvement = _for_change(actor, involvement, _("This offer"))
    if response not in (Involvement.Response.ACCEPTED, Involvement.Response.DECLINED):
        raise ValidationError({"response": _("Select whether the offer was accepted or declined")})
    not_in_future(responded_on=responded_on)
    not_before(
        "responded_on",
        responded_on,
        involvement.offered_on,
        _("The date of the answer must be on or after the date of the offer"),
    )
    involvement.response, involvement.responded_on = response, responded_on
    involvement.views = (views or "").strip()
    return _saved(involvement, actor)
