"""Logging and editing incidents, the people involved and the notifications sent."""

import dataclasses
import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from boards.models import Agency, Board
from core import permissions, records
from core.history import acting_as
from core.validation import not_before, not_in_future, raise_if_any
from guidance import rulebooks
from reviews.models import Decision, Incident, IncidentPerson, LocalCriterion, Notification
from reviews.services.clocks import deadlines_sync

# The criteria facts, as recorded on the incident and read by the rulebooks.
FACT_FIELDS = rulebooks.FACT_NAMES
EDITABLE_FIELDS = (
    "reference",
    "subject_kind",
    "incident_on",
    "la_aware_on",
    "notified_on",
    "notifier",
    "summary",
    *FACT_FIELDS,
)


def assess(incident: Incident, local_criteria) -> rulebooks.Assessment:
    facts = dataclasses.replace(
        incident.facts, local_criteria=tuple(sorted(c.name for c in local_criteria))
    )
    return incident.rules.assess(facts)


def criteria_in_words(incident: Incident) -> tuple[str, str]:
    """(why the criteria are met or not, the source cited) in the reader's language: as stored
    (in English) for an English page; assessed again from the recorded facts for another
    language, the same assessment in its words."""
    if translation.get_language() == settings.LANGUAGE_CODE:
        return incident.criteria_reason, incident.criteria_source
    assessment = assess(incident, incident.local_criteria.all())
    return str(assessment.reason), str(assessment.source)


@transaction.atomic
def incident_log(*, actor, board: Board, agencies=(), local_criteria=(), **values) -> Incident:
    """Log a notified serious incident under the edition of the board's regime in force on the
    day the local authority became aware of it."""
    permissions.require(actor, "incidents.manage", board)
    la_aware_on = values.get("la_aware_on")
    rules = rulebooks.for_incident(
        board.regime, la_aware_on if isinstance(la_aware_on, dt.date) else None
    )
    incident = Incident(board=board, rulebook=rules.key)
    return _save(
        actor=actor,
        incident=incident,
        agencies=agencies,
        local_criteria=local_criteria,
        values=values,
    )


@transaction.atomic
def incident_update(*, actor, incident: Incident, agencies=None, local_criteria=None, **values):
    """Change what is recorded about an incident. Its rulebook never changes."""
    permissions.require(actor, "incidents.manage", incident.board)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    return _save(
        actor=actor,
        incident=incident,
        agencies=incident.agencies.all() if agencies is None else agencies,
        local_criteria=incident.local_criteria.all() if local_criteria is None else local_criteria,
        values=values,
    )


@transaction.atomic
def incident_withdraw(*, actor, incident: Incident, reason: str) -> Incident:
    """An incident logged in error (twice, or for another board's case): it leaves the lists,
    its clocks and their reminders go, and it stays in the history and the audit. Refused once
    the chair has decided or a review has started: then the record is the board's account of
    what it did, and its facts are corrected instead."""
    permissions.require(actor, "incidents.manage", incident.board)
    incident = records.locked(incident)
    if Decision.objects.filter(incident=incident).exists() or hasattr(incident, "review"):
        raise ValidationError(
            _(
                "The chair has decided on this incident, or a review of it has started: it cannot "
                "be withdrawn. Correct what is recorded about it instead"
            )
        )
    records.withdraw(incident, actor=actor, reason=reason, what=_("This incident"))
    # Its clocks are worked out from it (deadlines_sync): they go with it, and their pending
    # reminders with them.
    incident.deadlines.delete()
    return incident


def _save(*, actor, incident, agencies, local_criteria, values) -> Incident:
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not fields of an incident: {sorted(unknown)}")
    for name, value in values.items():
        setattr(incident, name, value.strip() if isinstance(value, str) else value)
    agencies, local_criteria = list(agencies), list(local_criteria)
    _validate(incident, agencies, local_criteria)
    # Stored in English, whoever records it, as the service's record (the JSON API and the
    # publication read it); pages show it in the reader's language (criteria_in_words).
    with translation.override(settings.LANGUAGE_CODE):
        assessment = assess(incident, local_criteria)
        incident.criteria_reason = str(assessment.reason)
        incident.criteria_source = str(assessment.source)
    incident.criteria_outcome = assessment.outcome.value
    incident.full_clean()
    acting_as(incident, actor).save()
    incident.agencies.set(agencies)
    incident.local_criteria.set(local_criteria)
    deadlines_sync(incident=incident, actor=actor)
    return incident


def incident_date_errors(
    *, incident_on: dt.date | None, la_aware_on: dt.date | None, notified_on: dt.date | None
) -> dict:
    """What is wrong with an incident's dates, every error at once (the form asks this too,
    with the dates it could read, so that a page shows them together with its own)."""
    errors = {}
    not_in_future(
        into=errors, incident_on=incident_on, la_aware_on=la_aware_on, notified_on=notified_on
    )
    not_before(
        "la_aware_on",
        la_aware_on,
        incident_on,
        _("The date the local authority became aware must be on or after the date of the incident"),
        into=errors,
    )
    not_before(
        "notified_on",
        notified_on,
        la_aware_on,
        _(
            "The date the board was notified must be on or after the date the local authority "
            "became aware"
        ),
        into=errors,
    )
    return errors


def _validate(incident: Incident, agencies: list[Agency], local_criteria: list) -> None:
    """Every check, then one refusal with all that failed."""
    errors = {}
    if not incident.reference:
        errors["reference"] = _("Enter the case reference, like Child Q")
    elif (
        Incident.objects.filter(board=incident.board, reference__iexact=incident.reference)
        .exclude(pk=incident.pk)
        .exists()
    ):
        errors["reference"] = _("This board already has an incident with this reference")
    if not incident.notifier:
        errors["notifier"] = _("Enter who notified the board")
    if any(a.board_id != incident.board_id for a in agencies):
        errors["agencies"] = _("Select agencies of this board")
    if any(c.board_id != incident.board_id for c in local_criteria):
        errors["local_criteria"] = _("Select local criteria of this board")
    for field, message in incident_date_errors(
        incident_on=incident.incident_on,
        la_aware_on=incident.la_aware_on,
        notified_on=incident.notified_on,
    ).items():
        errors.setdefault(field, message)
    if incident.pk:
        first_sent = incident.notifications.order_by("sent_on").first()
        if first_sent and incident.la_aware_on and first_sent.sent_on < incident.la_aware_on:
            errors.setdefault(
                "la_aware_on",
                _(
                    "The date the local authority became aware must be on or before the date the "
                    "first notification was sent"
                ),
            )
        decision = Decision.objects.filter(incident=incident).first()
        if decision and incident.notified_on and decision.decided_on < incident.notified_on:
            errors.setdefault(
                "notified_on",
                _("The date the board was notified must be on or before the date of the decision"),
            )
    raise_if_any(errors)


def _check_notification(incident: Incident, recipient: str, sent_on, about: str) -> None:
    errors = {}
    if recipient not in rulebooks.NOTIFICATION_RECIPIENTS:
        errors["recipient"] = _("Select who was notified")
    if about not in Notification.About.values:
        errors["about"] = _("Select what the notification was about")
    if errors:
        raise ValidationError(errors)
    not_in_future(sent_on=sent_on)
    not_before(
        "sent_on",
        sent_on,
        incident.la_aware_on,
        _(
            "The date the notification was sent must be on or after the date the local authority "
            "became aware"
        ),
    )


@transaction.atomic
def notification_record(
    *,
    actor,
    incident: Incident,
    recipient: str,
    sent_on: dt.date,
    summary: str = "",
    about: str = Notification.About.INCIDENT,
) -> Notification:
    """Record a notification sent to a national body (outside this service). What it was
    about says which clock it meets: the incident's notification, or the notice of a decision
    not to hold a review."""
    permissions.require(actor, "incidents.manage", incident.board)
    # One writer of an incident's deadlines at a time.
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    _check_notification(incident, recipient, sent_on, about)
    notification = Notification(
        incident=incident,
        recipient=recipient,
        sent_on=sent_on,
        summary=(summary or "").strip(),
        about=about,
        recorded_by=actor,
    )
    notification.full_clean()
    acting_as(notification, actor).save()
    deadlines_sync(incident=incident, actor=actor)
    return notification


def _notification_for_change(actor, notification: Notification) -> Notification:
    permissions.require(actor, "incidents.manage", notification.incident.board)
    Incident.objects.select_for_update().get(pk=notification.incident_id)
    notification = records.locked(notification)
    records.require_current(notification, _("This notification"))
    return notification


@transaction.atomic
def notification_update(
    *,
    actor,
    notification: Notification,
    recipient: str,
    sent_on: dt.date,
    summary: str = "",
    about: str,
) -> Notification:
    """Correct a notification; the clocks it meets follow at once."""
    notification = _notification_for_change(actor, notification)
    _check_notification(notification.incident, recipient, sent_on, about)
    notification.recipient, notification.sent_on, notification.about = recipient, sent_on, about
    notification.summary = (summary or "").strip()
    notification.full_clean()
    acting_as(notification, actor).save()
    deadlines_sync(incident=notification.incident, actor=actor)
    return notification


@transaction.atomic
def notification_withdraw(*, actor, notification: Notification, reason: str) -> Notification:
    """A notification recorded in error no longer meets any clock."""
    notification = _notification_for_change(actor, notification)
    records.withdraw(notification, actor=actor, reason=reason, what=_("This notification"))
    deadlines_sync(incident=notification.incident, actor=actor)
    return notification


@transaction.atomic
def person_add(
    *,
    actor,
    incident: Incident,
    role: str,
    name: str,
    aliases: str = "",
    relationship: str = "",
    agency: Agency | None = None,
) -> IncidentPerson:
    permissions.require(actor, "people.manage", incident.board)
    person = IncidentPerson(incident=incident)
    return _person_save(actor, person, role, name, aliases, relationship, agency)


def _person_save(actor, person, role, name, aliases, relationship, agency) -> IncidentPerson:
    if agency is not None and agency.board_id != person.incident.board_id:
        raise ValidationError({"agency": _("Select an agency of this board")})
    if role == IncidentPerson.Role.SUBJECT:
        _require_room_for_a_subject(person)
    person.role, person.name = role, (name or "").strip()
    person.aliases = "\n".join(
        line.strip() for line in (aliases or "").splitlines() if line.strip()
    )
    person.relationship, person.agency = (relationship or "").strip(), agency
    person.full_clean()
    acting_as(person, actor).save()
    return person


def _require_room_for_a_subject(person: IncidentPerson) -> None:
    """One notification names at most so many children (the rulebook says how many): a fifth
    child of the same incident is refused, and goes in the summary by a reference instead."""
    limit = person.incident.rules.subjects_per_notification
    if limit is None:
        return
    # Two people added at once must not both take the last place.
    records.locked(person.incident)
    others = (
        IncidentPerson.objects.filter(
            incident_id=person.incident_id, role=IncidentPerson.Role.SUBJECT
        )
        .exclude(pk=person.pk)
        .count()
    )
    if others >= limit:
        raise ValidationError(
            {
                "role": _(
                    "A notification names at most %(limit)s children and this incident "
                    "already names %(others)s: record any other child in the incident's summary, "
                    "by a reference and not a name"
                )
                % {"limit": limit, "others": others}
            }
        )


@transaction.atomic
def person_update(
    *,
    actor,
    person: IncidentPerson,
    role: str,
    name: str,
    aliases: str = "",
    relationship: str = "",
    agency: Agency | None = None,
) -> IncidentPerson:
    """Correct a person's name, other names or part in the case. Every name ever recorded
    for them is still looked for in the case's reports (publication.assembly.names_for)."""
    permissions.require(actor, "people.manage", person.incident.board)
    person = records.locked(person)
    records.require_current(person, _("This person"))
    return _person_save(actor, person, role, name, aliases, relationship, agency)


@transaction.atomic
def person_withdraw(*, actor, person: IncidentPerson, reason: str) -> IncidentPerson:
    """Someone recorded in error, or not involved after all. They leave the list; their
    names stay in every anonymisation check of the case."""
    permissions.require(actor, "people.manage", person.incident.board)
    person = records.locked(person)
    return records.withdraw(person, actor=actor, reason=reason, what=_("This person"))


@transaction.atomic
def local_criterion_add(*, actor, board: Board, name: str, description: str = "") -> LocalCriterion:
    permissions.require(actor, "local_criteria.manage", board)
    name = (name or "").strip()
    if LocalCriterion.objects.filter(board=board, name__iexact=name).exists():
        raise ValidationError(
            {"name": _("This board already has a local criterion with this name")}
        )
    criterion = LocalCriterion(board=board, name=name, description=(description or "").strip())
    criterion.full_clean()
    acting_as(criterion, actor).save()
    return criterion
