"""Keeping each incident's statutory clocks in step with its facts, and pausing clocks.

`deadlines_sync` is the one place where the clocks are computed: every service that changes a
fact a clock depends on (dates, notifications, decisions, pauses, bank holidays) calls it.
Reminders follow the rows it writes (`deadlines.changes`).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import permissions
from core.history import acting_as
from core.validation import not_before, not_in_future
from deadlines import changes
from deadlines.kinds import STATUTORY
from deadlines.models import BankHoliday, ClockExtension, ClockPause, Deadline
from guidance import rulebooks
from guidance.rulebooks import Met, Start
from reviews.models import Decision, Incident, Notification, Review
from reviews.signals import planned_publication_of


def holidays_from(first: dt.date) -> frozenset[dt.date]:
    return frozenset(BankHoliday.objects.filter(date__gte=first).values_list("date", flat=True))


def incident_events(incident: Incident) -> dict:
    """The dates of what has happened to the incident, by the Start and Met events of clocks."""
    rules = incident.rules
    events: dict = {
        Start.LA_AWARE: incident.la_aware_on,
        Start.BOARD_NOTIFIED: incident.notified_on,
    }
    notifications = list(incident.notifications.all())
    of_incident = [n for n in notifications if n.about == Notification.About.INCIDENT]
    to_panel = sorted(n.sent_on for n in of_incident if n.recipient == "national_panel")
    if to_panel:
        events[Start.PANEL_NOTIFIED] = to_panel[0]
    notified = [n.sent_on for n in of_incident if n.recipient in rules.notification_recipients]
    if notified:
        events[Met.NOTIFIED] = min(notified)
    # The notice of a death in care is met once both the Department and Ofsted have it.
    to_dfe = [n.sent_on for n in of_incident if n.recipient == "dfe"]
    to_ofsted = [n.sent_on for n in of_incident if n.recipient == "ofsted"]
    if to_dfe and to_ofsted:
        events[Met.DFE_AND_OFSTED_NOTIFIED] = max(min(to_dfe), min(to_ofsted))
    decision_told = sorted(
        n.sent_on
        for n in notifications
        if n.recipient == "national_panel" and n.about == Notification.About.DECISION
    )
    # Read afresh: a cached "no decision yet" on the instance may be out of date.
    decision = Decision.objects.filter(incident=incident).first()
    if decision is not None:
        events[Met.DECISION_RECORDED] = events[Start.DECIDED] = decision.decided_on
        if decision.outcome == decision.Outcome.INITIATE_REVIEW:
            events[Start.INITIATED] = decision.decided_on
        else:
            events[Start.DECIDED_NOT_TO_INITIATE] = decision.decided_on
            told = [day for day in decision_told if day >= decision.decided_on]
            if told:
                events[Met.PANEL_TOLD_OF_DECISION] = told[0]
        review = Review.objects.filter(incident=incident).first()
        if review is not None and review.completed_on:
            # Completing the review meets its clock and starts the clocks of its copies.
            events[Met.REVIEW_COMPLETED] = events[Start.REVIEW_COMPLETED] = review.completed_on
        planned_on = planned_publication_of(review) if review is not None else None
        if planned_on is not None:
            events[Start.PUBLICATION_PLANNED] = planned_on
    copies = sorted(
        n.sent_on
        for n in notifications
        if n.recipient == "national_panel" and n.about == Notification.About.REPORT
    )
    if copies:
        # The last copy: after the report is reopened and signed off again, it is sent again.
        events[Met.PANEL_COPY_SENT] = copies[-1]
    for clock in rules.clocks:
        if clock.recipients:
            met_on = _notified_for(clock, notifications, events.get(clock.starts))
            if met_on is not None:
                events[clock.met_key] = met_on
    return events


# What a notification to a clock's own recipients must be about to meet it.
MEETS = {
    # The notice that a review takes place (SUSR): of the incident or of the decision.
    Met.NOTIFIED: {Notification.About.INCIDENT, Notification.About.DECISION},
    Met.DECISION_NOTIFIED: {Notification.About.DECISION},
    Met.REPORT_COPY_SENT: {Notification.About.REPORT},
}


def _notified_for(clock: rulebooks.Clock, notifications, started_on) -> dt.date | None:
    """When a notification to one of the clock's own recipients met it: one sent on or after
    the clock started (a notice before the decision is not the notice of the review)."""
    if started_on is None:
        return None
    days = sorted(
        n.sent_on
        for n in notifications
        if n.recipient in clock.recipients
        and n.about in MEETS.get(clock.met_by, ())
        and n.sent_on >= started_on
    )
    if not days:
        return None
    # The last copy of a report: a report signed off again is sent again.
    return days[-1] if clock.met_by == Met.REPORT_COPY_SENT else days[0]


def due_after_pauses(
    clock: rulebooks.Clock, start: dt.date, pauses, holidays, extensions=()
) -> dt.date:
    """The clock's due date, moved by its finished pauses; an agreed extension replaces it."""
    if extensions:
        return max(extensions, key=lambda e: (e.agreed_on, e.created_at)).extended_to
    due = clock.due(start, holidays)
    for pause in sorted(pauses, key=lambda p: p.paused_on):
        if pause.resumed_on is not None:
            due = clock.extend_by_pause(due, pause.paused_on, pause.resumed_on, holidays)
    return due


def deadlines_sync(*, incident: Incident, actor=None) -> list[Deadline]:
    """Create, move, meet or remove the incident's deadlines so that they match its facts.
    Its writes are announced together when it ends (reminders follow)."""
    with changes.batched():
        return _deadlines_sync(incident, actor)


def _deadlines_sync(incident: Incident, actor) -> list[Deadline]:
    rules = incident.rules
    events = incident_events(incident)
    statutory = Deadline.objects.filter(owner_id=incident.pk, kind=STATUTORY)
    existing = {d.clock: d for d in statutory.prefetch_related("pauses", "extensions")}
    starts = [events[clock.starts] for clock in rules.clocks if clock.starts in events]
    holidays = holidays_from(min(starts) - dt.timedelta(days=31)) if starts else frozenset()
    kept = []
    for clock in rules.clocks:
        start = events.get(clock.starts)
        deadline = existing.pop(clock.code, None)
        if (
            start is None
            or clock.length is None  # no source gives one and the board has not set one
            or not clock.applies_to(incident.criteria_outcome, incident.facts)
        ):
            if deadline is not None:
                acting_as(deadline, actor).delete()
            continue
        if deadline is None:
            deadline = Deadline(
                board_id=incident.board_id,
                kind=STATUTORY,
                owner_id=incident.pk,
                case_id=incident.pk,
                rulebook=rules.key,
                clock=clock.code,
            )
        pauses = list(deadline.pauses.all()) if deadline.pk else []
        extensions = list(deadline.extensions.all()) if deadline.pk else []
        met_on = events.get(clock.met_key)
        _end_pause_when_met(pauses, met_on, actor)
        wanted = {
            "starts_on": start,
            "due_on": due_after_pauses(clock, start, pauses, holidays, extensions),
            "met_on": met_on,
        }
        if deadline.pk is None or any(getattr(deadline, k) != v for k, v in wanted.items()):
            for key, value in wanted.items():
                setattr(deadline, key, value)
            if deadline.met_on is not None:
                deadline.paused_since = None
            acting_as(deadline, actor).save()
        kept.append(deadline)
    for stale in existing.values():  # a clock the rulebook no longer has
        acting_as(stale, actor).delete()
    # Unchanged clocks too: who is told may have changed with the facts (a review started,
    # reviewers appointed), so reminders look at every clock of the case again.
    changes.announce(d.pk for d in kept)
    return kept


def _end_pause_when_met(pauses, met_on: dt.date | None, actor) -> None:
    """A clock met while paused stood still until it was met: the pause ends that day, and
    the time paused counts (it was not met late because of it)."""
    if met_on is None:
        return
    for pause in pauses:
        if pause.resumed_on is None:
            pause.resumed_on = max(met_on, pause.paused_on)
            acting_as(pause, actor).save()


def deadlines_sync_open(*, actor=None) -> int:
    """Recompute every incident with an unmet deadline (after a bank holiday changes)."""
    open_cases = Deadline.objects.filter(kind=STATUTORY, met_on__isnull=True).values("case_id")
    incidents = Incident.objects.filter(pk__in=open_cases)
    count = 0
    for incident in incidents.select_related("decision", "review"):
        deadlines_sync(incident=incident, actor=actor)
        count += 1
    return count


@transaction.atomic
def deadline_pause(*, actor, deadline: Deadline, reason: str, details: str, paused_on: dt.date):
    """Stop a clock (parallel criminal proceedings, an inquest). Kept in the history."""
    permissions.require(actor, "clocks.pause", deadline.board)
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if not deadline.is_statutory:
        raise ValidationError(_("Only statutory clocks can be paused"))
    if deadline.met_on is not None:
        raise ValidationError(_("This deadline has been met: there is no clock to pause"))
    if deadline.paused_since is not None:
        raise ValidationError(_("This clock is already paused"))
    if reason not in ClockPause.Reason.values:
        raise ValidationError({"reason": _("Select why the clock is paused")})
    if reason == ClockPause.Reason.OTHER and not (details or "").strip():
        raise ValidationError({"details": _("Say why the clock is paused")})
    not_in_future(paused_on=paused_on)
    not_before(
        "paused_on",
        paused_on,
        deadline.starts_on,
        _("The date the clock was paused must be on or after the date it started"),
    )
    last = deadline.pauses.exclude(resumed_on=None).order_by("-resumed_on").first()
    not_before(
        "paused_on",
        paused_on,
        last and last.resumed_on,
        _("The date the clock was paused must be on or after the date it last restarted"),
    )
    pause = ClockPause(
        deadline=deadline, reason=reason, details=details.strip(), paused_on=paused_on
    )
    acting_as(pause, actor).save()
    deadline.paused_since = paused_on
    acting_as(deadline, actor).save()  # its pending reminders wait for the restart
    return pause


@transaction.atomic
def deadline_extend(
    *, actor, deadline: Deadline, extended_to: dt.date, reason: str, agreed_on: dt.date
) -> Deadline:
    """Agree a new due date for a clock, with the reason. The latest extension stands."""
    permissions.require(actor, "reviews.clock", deadline.board)
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if not deadline.is_statutory or deadline.met_on is not None:
        raise ValidationError(_("Only a statutory clock that is still running can be extended"))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Enter the reason for the extension")})
    not_in_future(agreed_on=agreed_on)
    not_before(
        "extended_to",
        extended_to,
        max(deadline.due_on, agreed_on),
        _(
            "The new completion date must be after the current due date and the date the "
            "extension was agreed"
        ),
    )
    extension = ClockExtension(
        deadline=deadline, extended_to=extended_to, reason=reason.strip(), agreed_on=agreed_on
    )
    acting_as(extension, actor).save()
    deadlines_sync(incident=Incident.all_objects.get(pk=deadline.case_id), actor=actor)
    return Deadline.objects.get(pk=deadline.pk)


@transaction.atomic
def deadline_resume(*, actor, deadline: Deadline, resumed_on: dt.date):
    """Restart a paused clock: its deadline moves on by the time it stood still."""
    permissions.require(actor, "clocks.pause", deadline.board)
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    pause = deadline.pauses.filter(resumed_on=None).first()
    if deadline.paused_since is None or pause is None:
        raise ValidationError(_("This clock is not paused"))
    not_in_future(resumed_on=resumed_on)
    not_before(
        "resumed_on",
        resumed_on,
        pause.paused_on,
        _("The date the clock restarted must be on or after the date it was paused"),
    )
    pause.resumed_on = resumed_on
    acting_as(pause, actor).save()
    deadline.paused_since = None
    acting_as(deadline, actor).save()
    deadlines_sync(incident=Incident.all_objects.get(pk=deadline.case_id), actor=actor)
    return Deadline.objects.get(pk=deadline.pk)
