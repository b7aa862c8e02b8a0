"""The register of what runs beside a case: parallel proceedings, which may pause its clocks
while they run, and reporting restrictions or court orders, which hold publication back until
they end (publication.services.publishing reads `restrictions_in_force`)."""

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import permissions, records
from core.history import acting_as
from core.validation import not_before, not_in_future, raise_if_any
from deadlines.kinds import STATUTORY
from deadlines.models import ClockPause, Deadline
from reviews.models import Incident, ParallelProceeding, ReportingRestriction
from reviews.services import clocks

# The reason a pause gives, by the kind of proceeding that caused it.
PAUSE_REASONS = {
    ParallelProceeding.Kind.CRIMINAL_INVESTIGATION: ClockPause.Reason.CRIMINAL_PROCEEDINGS,
    ParallelProceeding.Kind.TRIAL: ClockPause.Reason.CRIMINAL_PROCEEDINGS,
    ParallelProceeding.Kind.INQUEST: ClockPause.Reason.INQUEST,
}


def running_clocks(incident: Incident):
    """The incident's statutory clocks that a new proceeding may pause: not met, not paused."""
    return Deadline.objects.filter(
        case_id=incident.pk, kind=STATUTORY, met_on__isnull=True, paused_since__isnull=True
    )


def paused_clocks(incident: Incident):
    """The incident's statutory clocks that a proceeding's end may restart."""
    return Deadline.objects.filter(
        case_id=incident.pk, kind=STATUTORY, met_on__isnull=True, paused_since__isnull=False
    )


def restrictions_in_force(incident: Incident, on: dt.date | None = None):
    on = on or timezone.localdate()
    return ReportingRestriction.objects.filter(
        incident=incident, made_on__lte=on, ends_on__gte=on
    ).order_by("-ends_on")


def _check_proceeding(started_on, next_date, concluded_on) -> None:
    errors: dict = {}
    not_in_future(
        into=errors,
        names={"started_on": _("the date it started"), "concluded_on": _("the date it concluded")},
        started_on=started_on,
        concluded_on=concluded_on,
    )
    if "concluded_on" not in errors:
        not_before(
            "concluded_on",
            concluded_on,
            started_on,
            _("The date it concluded must be on or after the date it started"),
            into=errors,
        )
    not_before(
        "next_date",
        next_date,
        started_on,
        _("The next key date must be on or after the date it started"),
        into=errors,
    )
    raise_if_any(errors)


def _chosen(allowed, clock_ids) -> list[Deadline]:
    wanted = set(clock_ids or ())
    try:
        ids = {uuid.UUID(str(value)) for value in wanted}
    except ValueError:
        ids = None
    chosen = list(allowed.filter(pk__in=ids)) if ids else []
    if ids is None or len(chosen) != len(ids):
        raise ValidationError({"clocks": _("Select only the clocks listed")})
    return chosen


@transaction.atomic
def proceeding_record(
    *,
    actor,
    incident: Incident,
    kind: str,
    description: str,
    started_on: dt.date,
    next_date: dt.date | None = None,
    next_date_what: str = "",
    pause_clocks=(),
) -> ParallelProceeding:
    """Record a proceeding beside the case, pausing the running clocks chosen from the day it
    started (or the clock's own start, if later), with the proceeding as the reason."""
    permissions.require(actor, "incidents.manage", incident.board)
    incident = records.locked(incident)
    _check_proceeding(started_on, next_date, None)
    proceeding = ParallelProceeding(
        incident=incident,
        kind=kind,
        description=(description or "").strip(),
        started_on=started_on,
        next_date=next_date,
        next_date_what=(next_date_what or "").strip(),
    )
    proceeding.full_clean()
    to_pause = _chosen(running_clocks(incident), pause_clocks)
    if to_pause:
        permissions.require(actor, "clocks.pause", incident.board)
    acting_as(proceeding, actor).save()
    # Stored with the pause: in English, whoever records it (as the service's record is).
    with translation.override(settings.LANGUAGE_CODE):
        kind = str(proceeding.get_kind_display())
    for deadline in to_pause:
        clocks.deadline_pause(
            actor=actor,
            deadline=deadline,
            reason=PAUSE_REASONS.get(proceeding.kind, ClockPause.Reason.OTHER),
            details=f"{kind}: {proceeding.description}",
            paused_on=max(started_on, deadline.starts_on),
        )
    return proceeding


def _proceeding_for_change(actor, proceeding: ParallelProceeding) -> ParallelProceeding:
    permissions.require(actor, "incidents.manage", proceeding.incident.board)
    proceeding = records.locked(proceeding)
    records.require_current(proceeding, _("This proceeding"))
    return proceeding


@transaction.atomic
def proceeding_update(
    *,
    actor,
    proceeding: ParallelProceeding,
    kind: str,
    description: str,
    started_on: dt.date,
    next_date: dt.date | None = None,
    next_date_what: str = "",
    concluded_on: dt.date | None = None,
    resume_clocks=(),
) -> ParallelProceeding:
    """Correct a proceeding, or record that it concluded and restart the paused clocks chosen
    on that day (or the day each was paused, if later)."""
    proceeding = _proceeding_for_change(actor, proceeding)
    _check_proceeding(started_on, next_date, concluded_on)
    if resume_clocks and concluded_on is None:
        raise ValidationError(
            {"concluded_on": _("Enter the date it concluded to restart the clocks on that day")}
        )
    proceeding.kind, proceeding.description = kind, (description or "").strip()
    proceeding.started_on, proceeding.next_date = started_on, next_date
    proceeding.next_date_what = (next_date_what or "").strip()
    proceeding.concluded_on = concluded_on
    proceeding.full_clean()
    to_resume = _chosen(paused_clocks(proceeding.incident), resume_clocks)
    if to_resume:
        permissions.require(actor, "clocks.pause", proceeding.incident.board)
    acting_as(proceeding, actor).save()
    for deadline in to_resume:
        pause = deadline.pauses.filter(resumed_on=None).first()
        clocks.deadline_resume(
            actor=actor, deadline=deadline, resumed_on=max(concluded_on, pause.paused_on)
        )
    return proceeding


@transaction.atomic
def proceeding_withdraw(
    *, actor, proceeding: ParallelProceeding, reason: str
) -> ParallelProceeding:
    """A proceeding recorded in error. The clocks it paused stay paused until restarted."""
    proceeding = _proceeding_for_change(actor, proceeding)
    return records.withdraw(proceeding, actor=actor, reason=reason, what=_("This proceeding"))


def _check_restriction(made_on, ends_on) -> None:
    errors: dict = {}
    if ends_on is None:
        errors["ends_on"] = _(
            "Enter the date the restriction ends: if the order gives none, enter the date it "
            "is next reviewed and change it then"
        )
    not_in_future(into=errors, names={"made_on": _("the date it was made")}, made_on=made_on)
    if "ends_on" not in errors:
        not_before(
            "ends_on",
            ends_on,
            made_on,
            _("The date it ends must be on or after the date it was made"),
            into=errors,
        )
    raise_if_any(errors)


def _restriction_fields(restriction, kind, made_by, made_on, ends_on, what_it_forbids) -> None:
    restriction.kind, restriction.made_by = kind, (made_by or "").strip()
    restriction.made_on, restriction.ends_on = made_on, ends_on
    restriction.what_it_forbids = (what_it_forbids or "").strip()
    restriction.full_clean()


@transaction.atomic
def restriction_record(
    *,
    actor,
    incident: Incident,
    kind: str,
    made_by: str,
    made_on: dt.date,
    ends_on: dt.date | None,
    what_it_forbids: str,
) -> ReportingRestriction:
    """Record a reporting restriction or court order: until it ends, the report is not
    published and a published report leaves the public listing."""
    permissions.require(actor, "incidents.manage", incident.board)
    _check_restriction(made_on, ends_on)
    restriction = ReportingRestriction(incident=incident)
    _restriction_fields(restriction, kind, made_by, made_on, ends_on, what_it_forbids)
    acting_as(restriction, actor).save()
    return restriction


def _restriction_for_change(actor, restriction: ReportingRestriction) -> ReportingRestriction:
    permissions.require(actor, "incidents.manage", restriction.incident.board)
    restriction = records.locked(restriction)
    records.require_current(restriction, _("This restriction"))
    return restriction


@transaction.atomic
def restriction_update(
    *,
    actor,
    restriction: ReportingRestriction,
    kind: str,
    made_by: str,
    made_on: dt.date,
    ends_on: dt.date | None,
    what_it_forbids: str,
) -> ReportingRestriction:
    """Correct a restriction, or record that the court extended or lifted it early."""
    restriction = _restriction_for_change(actor, restriction)
    _check_restriction(made_on, ends_on)
    _restriction_fields(restriction, kind, made_by, made_on, ends_on, what_it_forbids)
    acting_as(restriction, actor).save()
    return restriction


@transaction.atomic
def restriction_withdraw(
    *, actor, restriction: ReportingRestriction, reason: str
) -> ReportingRestriction:
    restriction = _restriction_for_change(actor, restriction)
    return records.withdraw(restriction, actor=actor, reason=reason, what=_("This restriction"))
