"""The chair's decision whether to initiate a review, and the national panel's advice on it."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import permissions, records
from core.history import acting_as
from core.validation import not_before, not_in_future
from guidance import rulebooks
from reviews.models import Decision, Incident, PanelAdvice
from reviews.services.clocks import deadlines_sync
from reviews.services.reviews import review_close_without_review, review_open_for_decision

Outcome = Decision.Outcome

STATUS_AFTER = {
    Outcome.INITIATE_REVIEW: Incident.Status.REVIEW_INITIATED,
    Outcome.ALTERNATIVE_REVIEW: Incident.Status.ALTERNATIVE_REVIEW,
    Outcome.NO_REVIEW: Incident.Status.NO_REVIEW,
}


def review_types_for(incident: Incident, outcome: str) -> tuple[str, ...]:
    """The review types the outcome allows under the incident's rulebook."""
    if outcome == Outcome.INITIATE_REVIEW:
        return incident.rules.statutory_review_types
    if outcome == Outcome.ALTERNATIVE_REVIEW:
        return rulebooks.ALTERNATIVE_REVIEW_TYPES
    return ()


@transaction.atomic
def decision_record(
    *,
    actor,
    incident: Incident,
    outcome: str,
    rationale: str,
    decided_on: dt.date,
    review_type: str = "",
    peer_challenge_by: str = "",
    peer_challenge: str = "",
    case_review_group_on: dt.date | None = None,
) -> Decision:
    """Record the chair's decision. Holding a review creates the review record. Where the
    rulebook says so (SUSR), the chair decides after the case review group met, on a date
    recorded with the decision."""
    permissions.require(actor, "decisions.record", incident.board)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if Decision.objects.filter(incident=incident).exists():
        raise ValidationError(_("A decision has already been recorded for this incident"))
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Select the decision")
    else:
        allowed = review_types_for(incident, outcome)
        if allowed and review_type not in allowed:
            labels = _(" or ").join(str(rulebooks.REVIEW_TYPES[code]).lower() for code in allowed)
            errors["review_type"] = _("Select the type of review: %(types)s") % {"types": labels}
        elif not allowed and review_type:
            errors["review_type"] = _("Leave the review type empty when no review is held")
    if not (rationale or "").strip():
        errors["rationale"] = _("Enter the reasons for the decision")
    if peer_challenge.strip() and not peer_challenge_by.strip():
        errors["peer_challenge_by"] = _("Enter who gave the peer challenge")
    rules = incident.rules
    if not rules.case_review_group and case_review_group_on is not None:
        errors["case_review_group_on"] = _(
            "Leave the date of the case review group empty: this board's rules have none"
        )
    elif rules.case_review_group and case_review_group_on is None:
        errors["case_review_group_on"] = _(
            "Enter the date the case review group met: the chair decides after it (%(source)s)"
        ) % {"source": rules.case_review_group_source}
    if errors:
        raise ValidationError(errors)
    not_in_future(decided_on=decided_on)
    if case_review_group_on is not None:
        not_in_future(case_review_group_on=case_review_group_on)
        not_before(
            "case_review_group_on",
            case_review_group_on,
            incident.notified_on,
            _(
                "The date the case review group met must be on or after the date the board was "
                "notified"
            ),
        )
        not_before(
            "decided_on",
            decided_on,
            case_review_group_on,
            _("The date of the decision must be on or after the date the case review group met"),
        )
    not_before(
        "decided_on",
        decided_on,
        incident.notified_on,
        _("The date of the decision must be on or after the date the board was notified"),
    )
    decision = Decision(
        incident=incident,
        outcome=outcome,
        review_type=review_type or "",
        rationale=rationale.strip(),
        decided_on=decided_on,
        decided_by=actor,
        peer_challenge_by=peer_challenge_by.strip(),
        peer_challenge=peer_challenge.strip(),
        case_review_group_on=case_review_group_on,
    )
    decision.full_clean()
    acting_as(decision, actor).save()
    if review_type:
        review_open_for_decision(
            actor=actor, incident=incident, review_type=review_type, decided_on=decided_on
        )
    else:
        review_close_without_review(actor=actor, incident=incident)
    incident.status = STATUS_AFTER[outcome]
    acting_as(incident, actor).save(update_fields=["status", "updated_at"])
    deadlines_sync(incident=incident, actor=actor)
    return decision


@transaction.atomic
def decision_update(
    *, actor, decision: Decision, rationale: str, peer_challenge_by: str = "", peer_challenge=""
) -> Decision:
    """Correct the reasons for the decision and the peer challenge recorded with it. The
    outcome, type and date stand: a different decision is a new one (and its history)."""
    permissions.require(actor, "decisions.record", decision.incident.board)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    errors = {}
    if not (rationale or "").strip():
        errors["rationale"] = _("Enter the reasons for the decision")
    if (peer_challenge or "").strip() and not (peer_challenge_by or "").strip():
        errors["peer_challenge_by"] = _("Enter who gave the peer challenge")
    if errors:
        raise ValidationError(errors)
    decision.rationale = rationale.strip()
    decision.peer_challenge_by = (peer_challenge_by or "").strip()
    decision.peer_challenge = (peer_challenge or "").strip()
    decision.full_clean()
    acting_as(decision, actor).save()
    return decision


def _check_advice(decision: Decision, received_on: dt.date, advice: str) -> None:
    if not (advice or "").strip():
        raise ValidationError({"advice": _("Enter the panel's advice or challenge")})
    not_in_future(received_on=received_on)
    not_before(
        "received_on",
        received_on,
        decision.decided_on,
        _("The date the advice was received must be on or after the date of the decision"),
    )


@transaction.atomic
def panel_advice_record(
    *, actor, decision: Decision, received_on: dt.date, advice: str, response: str = ""
) -> PanelAdvice:
    permissions.require(actor, "panel_advice.record", decision.incident.board)
    _check_advice(decision, received_on, advice)
    advice_record = PanelAdvice(
        decision=decision, received_on=received_on, advice=advice.strip(), response=response.strip()
    )
    advice_record.full_clean()
    acting_as(advice_record, actor).save()
    return advice_record


def _advice_for_change(actor, advice: PanelAdvice) -> PanelAdvice:
    permissions.require(actor, "panel_advice.record", advice.decision.incident.board)
    advice = records.locked(advice)
    records.require_current(advice, _("This advice"))
    return advice


@transaction.atomic
def panel_advice_update(
    *, actor, advice_record: PanelAdvice, received_on: dt.date, advice: str, response: str = ""
) -> PanelAdvice:
    advice_record = _advice_for_change(actor, advice_record)
    _check_advice(advice_record.decision, received_on, advice)
    advice_record.received_on, advice_record.advice = received_on, advice.strip()
    advice_record.response = (response or "").strip()
    advice_record.full_clean()
    acting_as(advice_record, actor).save()
    return advice_record


@transaction.atomic
def panel_advice_withdraw(*, actor, advice_record: PanelAdvice, reason: str) -> PanelAdvice:
    advice_record = _advice_for_change(actor, advice_record)
    return records.withdraw(advice_record, actor=actor, reason=reason, what=_("This advice"))
