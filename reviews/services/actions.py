"""The board's action plan, tracked to its impact. Each open action is a deadline."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from boards.models import Agency
from core import permissions, records
from core.history import acting_as
from core.validation import not_before, not_in_future
from deadlines.models import Deadline
from reviews.deadline_kinds import ACTION
from reviews.models import Action, ActionUpdate, Document, Review
from reviews.services.documents import checked_kind, document_store
from reviews.services.workflow import require_actions_open

Status = Action.Status


def _sync_deadline(action: Action) -> None:
    """Due until completed; a cancelled action is no longer due."""
    if action.status == Status.CANCELLED:
        Deadline.objects.filter(kind=ACTION, owner_id=action.pk).delete()
        return
    review = action.review
    Deadline.objects.update_or_create(
        kind=ACTION,
        owner_id=action.pk,
        defaults={
            "board_id": review.board_id,
            "case_id": review.incident_id,
            "rulebook": review.incident.rulebook,
            "clock": "action",
            "starts_on": action.created_at.date(),
            "due_on": action.due_on,
            "met_on": action.completed_on,
        },
    )


def _validate(action: Action) -> None:
    if action.owner_agency.board_id != action.review.board_id:
        raise ValidationError({"owner_agency": _("Select an agency of this board")})
    if action.finding is not None and action.finding.review_id != action.review_id:
        raise ValidationError({"finding": _("Select a finding of this review")})
    if action.status == Status.COMPLETED:
        if action.completed_on is None:
            raise ValidationError({"completed_on": _("Enter the date the action was completed")})
        not_in_future(completed_on=action.completed_on)
    else:
        action.completed_on = None
    action.full_clean()


@transaction.atomic
def action_add(
    *,
    actor,
    review: Review,
    description: str,
    owner_agency: Agency,
    due_on: dt.date,
    finding=None,
    status: str = Status.PLANNED,
    completed_on: dt.date | None = None,
    evidence_of_impact: str = "",
) -> Action:
    """Add an action to the plan; one already done is added with its completion date."""
    permissions.require(actor, "actions.manage", review)
    require_actions_open(review)
    action = Action(
        review=review,
        finding=finding,
        description=(description or "").strip(),
        owner_agency=owner_agency,
        due_on=due_on,
        status=status,
        completed_on=completed_on,
        evidence_of_impact=(evidence_of_impact or "").strip(),
    )
    not_before(
        "due_on",
        due_on,
        review.initiated_on,
        _("The date the action is due must be on or after the date the review started"),
    )
    _validate(action)
    acting_as(action, actor).save()
    _sync_deadline(action)
    return action


def _action_for_change(actor, action: Action) -> Action:
    permissions.require(actor, "actions.manage", action.review)
    action = records.locked(action)
    require_actions_open(action.review)
    records.require_current(action, _("This action"))
    return action


@transaction.atomic
def action_update(
    *,
    actor,
    action: Action,
    description: str,
    owner_agency: Agency,
    due_on: dt.date,
    finding=None,
) -> Action:
    """Correct what the action is, who owns it, when it is due and the finding it answers.
    Its progress and status are recorded by `action_progress`."""
    action = _action_for_change(actor, action)
    action.description = (description or "").strip()
    action.owner_agency, action.due_on, action.finding = owner_agency, due_on, finding
    not_before(
        "due_on",
        due_on,
        action.review.initiated_on,
        _("The due date must be after the review started"),
    )
    _validate(action)
    acting_as(action, actor).save()
    _sync_deadline(action)
    return action


@transaction.atomic
def action_withdraw(*, actor, action: Action, reason: str) -> Action:
    """An action recorded in error leaves the plan, the report and the board's deadlines
    (its reminders stop). An action the board decided not to pursue is cancelled instead."""
    action = _action_for_change(actor, action)
    records.withdraw(action, actor=actor, reason=reason, what=_("This action"))
    Deadline.objects.filter(kind=ACTION, owner_id=action.pk).delete()
    return action


@transaction.atomic
def action_progress(
    *,
    actor,
    action: Action,
    status: str,
    note: str = "",
    on: dt.date,
    completed_on: dt.date | None = None,
    evidence_of_impact: str = "",
    evidence_file=None,
) -> Action:
    """Record progress: a note, a new status, and on completion the evidence of impact, with a
    file of it if given (kept with the review's documents, the owner agency's to see)."""
    permissions.require(actor, "actions.progress", action)
    action = records.locked(action)
    require_actions_open(action.review)
    records.require_current(action, _("This action"))
    if status not in Status.values:
        raise ValidationError({"status": _("Select the status of the action")})
    not_in_future(on=on)
    file_kind = checked_kind(evidence_file, field="evidence_file") if evidence_file else None
    action.status = status
    action.completed_on = completed_on
    if evidence_of_impact.strip():
        action.evidence_of_impact = evidence_of_impact.strip()
    _validate(action)
    acting_as(action, actor).save()
    if note.strip():
        ActionUpdate.objects.create(action=action, on=on, note=note.strip(), actor=actor)
    if evidence_file is not None:
        document_store(
            actor=actor,
            review=action.review,
            kind=Document.Kind.EVIDENCE,
            title=f"Evidence of impact: {action.owner_agency.name}, {on:%-d %B %Y}",
            agency=action.owner_agency,
            request=None,
            action=action,
            file=evidence_file,
            file_kind=file_kind,
        )
    _sync_deadline(action)
    return action


@transaction.atomic
def action_mark_repeat(*, actor, action: Action, repeats: Action | None) -> Action:
    """Say that an action repeats a recommendation the board made before (in another review),
    or that it does not: the board sees which recommendations keep coming back."""
    action = _action_for_change(actor, action)
    if repeats is not None:
        if repeats.pk == action.pk or repeats.review_id == action.review_id:
            raise ValidationError({"repeats": _("Select an action of an earlier review")})
        if repeats.board.pk != action.board.pk or repeats.created_at > action.created_at:
            raise ValidationError({"repeats": _("Select an earlier action of this board")})
    action.repeats = repeats
    acting_as(action, actor).save()
    return action
