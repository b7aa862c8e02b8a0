"""The evidence the service already holds for each quality marker, counted from the review's
records.

Each piece of evidence is a sentence of numbers and dates read from the records (never a
phrase that holds whatever the records say), naming agencies and roles, never a person: it may
be copied into the assessment, which is exported for scrutiny. The evidence of a review is read
in a fixed number of queries, whatever the size of the review (quality/tests: the bound).
"""

import datetime as dt
from collections import Counter

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from deadlines.kinds import STATUTORY
from deadlines.models import Deadline
from guidance import quality_markers as qm
from guidance import rulebooks
from publication.models import Publication, Report
from reviews.models import (
    Action,
    AgencyRequest,
    Conversation,
    Decision,
    Finding,
    Involvement,
    Meeting,
    ParallelProceeding,
)


def _day(value: dt.date) -> str:
    return formats.date_format(value, "j F Y")


def evidence_held(
    review, *, kinds=qm.EVIDENCE_KINDS, today: dt.date | None = None
) -> dict[str, list[str]]:
    """{evidence kind (guidance.quality_markers): sentences}, read from the review's records;
    only the `kinds` asked for (a marker's page reads its own)."""
    today = today or timezone.localdate()
    incident = review.incident
    kinds = set(kinds)
    held = {}
    if kinds & {qm.ANALYSIS, qm.BOARD_RESPONSE}:
        findings = list(
            Finding.objects.filter(review=review).only("quality_assured_on", "responded_on")
        )
    if kinds & {qm.FAMILY, qm.PRACTITIONERS}:
        answers = Counter(Involvement.objects.filter(review=review).values_list("kind", "response"))
    readers = {
        qm.REFERRAL: lambda: _referral(incident),
        qm.DECISION: lambda: _decision(incident),
        qm.CLOCKS: lambda: _clocks(incident, today),
        qm.FAMILY: lambda: _involvement(answers, Involvement.Kind.FAMILY),
        qm.PRACTITIONERS: lambda: (
            _involvement(answers, Involvement.Kind.PRACTITIONER) + _conversations(review)
        ),
        qm.AGENCY_RETURNS: lambda: _agency_returns(review, today),
        qm.MEETINGS: lambda: _meetings(review),
        qm.PROCEEDINGS: lambda: _proceedings(incident),
        qm.ANALYSIS: lambda: _analysis(findings),
        qm.REPORT: lambda: _report(review),
        qm.PUBLICATION: lambda: _publication(review),
        qm.ACTIONS: lambda: _actions(review, today),
        qm.BOARD_RESPONSE: lambda: _board_response(findings),
    }
    for kind in qm.EVIDENCE_KINDS:
        if kind in kinds:
            held[kind] = readers[kind]()
    return held


def held_for(marker: qm.Marker, held: dict) -> list[str]:
    return [line for kind in marker.evidence for line in held.get(kind, [])]


def _referral(incident) -> list[str]:
    days = (incident.notified_on - incident.la_aware_on).days
    return [
        ngettext(
            "The board was told on %(notified)s, %(days)s day after the local authority became "
            "aware on %(aware)s.",
            "The board was told on %(notified)s, %(days)s days after the local authority became "
            "aware on %(aware)s.",
            days,
        )
        % {
            "notified": _day(incident.notified_on),
            "days": days,
            "aware": _day(incident.la_aware_on),
        }
    ]


def _one_to_one(record, name: str, model):
    """A reverse one-to-one read with the review (review_get), else read now; None if none."""
    try:
        return getattr(record, name)
    except model.DoesNotExist:
        return None


def _decision(incident) -> list[str]:
    decision = _one_to_one(incident, "decision", Decision)
    if decision is None:
        return [_("No decision is recorded.")]
    days = (decision.decided_on - incident.notified_on).days
    return [
        ngettext(
            "The decision (%(outcome)s) was recorded for %(decided)s, %(days)s day after the "
            "board was told.",
            "The decision (%(outcome)s) was recorded for %(decided)s, %(days)s days after the "
            "board was told.",
            days,
        )
        % {
            "outcome": decision.get_outcome_display().lower(),
            "decided": _day(decision.decided_on),
            "days": days,
        }
    ]


def _clocks(incident, today) -> list[str]:
    deadlines = Deadline.objects.filter(case_id=incident.pk, kind=STATUTORY).only(
        "rulebook", "clock", "due_on", "met_on", "paused_since"
    )
    lines, on_time, counted = [], 0, 0
    for deadline in sorted(deadlines, key=lambda d: (d.due_on, d.clock)):
        clock = rulebooks.get(deadline.rulebook).clock(deadline.clock)
        title = clock.title if clock else deadline.clock
        values = {"clock": title, "due": _day(deadline.due_on)}
        if deadline.met_on is not None:
            counted += 1
            values["met"] = _day(deadline.met_on)
            if deadline.met_on <= deadline.due_on:
                on_time += 1
                lines.append(_("%(clock)s: due %(due)s, met on %(met)s, on time.") % values)
            else:
                values["days"] = (deadline.met_on - deadline.due_on).days
                lines.append(
                    ngettext(
                        "%(clock)s: due %(due)s, met on %(met)s, %(days)s day late.",
                        "%(clock)s: due %(due)s, met on %(met)s, %(days)s days late.",
                        values["days"],
                    )
                    % values
                )
        elif deadline.paused_since is not None:
            values["since"] = _day(deadline.paused_since)
            lines.append(_("%(clock)s: paused since %(since)s.") % values)
        elif deadline.due_on < today:
            lines.append(_("%(clock)s: due %(due)s, not met: overdue.") % values)
        else:
            lines.append(_("%(clock)s: due %(due)s, not met yet.") % values)
    if counted:
        lines.insert(
            0,
            ngettext(
                "%(on_time)s of %(count)s statutory clock met was met on time.",
                "%(on_time)s of %(count)s statutory clocks met were met on time.",
                counted,
            )
            % {"on_time": on_time, "count": counted},
        )
    return lines


def _involvement(answers: Counter, kind) -> list[str]:
    answers = Counter({response: n for (of, response), n in answers.items() if of == kind})
    offered = sum(answers.values())
    if not offered:
        if kind == Involvement.Kind.FAMILY:
            return [_("No involvement of the family is recorded.")]
        return [_("No involvement of practitioners is recorded.")]
    values = {
        "offered": offered,
        "accepted": answers[Involvement.Response.ACCEPTED],
        "declined": answers[Involvement.Response.DECLINED],
        "awaited": answers[Involvement.Response.AWAITED],
    }
    if kind == Involvement.Kind.FAMILY:
        text = ngettext(
            "Involvement offered to %(offered)s family member: %(accepted)s accepted, "
            "%(declined)s declined, %(awaited)s yet to answer.",
            "Involvement offered to %(offered)s family members: %(accepted)s accepted, "
            "%(declined)s declined, %(awaited)s yet to answer.",
            offered,
        )
    else:
        text = ngettext(
            "Involvement offered to %(offered)s practitioner: %(accepted)s accepted, "
            "%(declined)s declined, %(awaited)s yet to answer.",
            "Involvement offered to %(offered)s practitioners: %(accepted)s accepted, "
            "%(declined)s declined, %(awaited)s yet to answer.",
            offered,
        )
    return [text % values]


def _conversations(review) -> list[str]:
    # That they were held and when: what was said is the reviewers' alone (conversations.read).
    held = sorted(Conversation.objects.filter(review=review).values_list("held_on", flat=True))
    if not held:
        return [_("No conversation with practitioners is recorded.")]
    return [
        ngettext(
            "%(count)s conversation with practitioners held, on %(first)s.",
            "%(count)s conversations with practitioners held, from %(first)s to %(last)s.",
            len(held),
        )
        % {"count": len(held), "first": _day(held[0]), "last": _day(held[-1])}
    ]


def _agency_returns(review, today) -> list[str]:
    requests = list(
        AgencyRequest.objects.filter(review=review)
        .select_related("agency")
        .only("agency__name", "due_on", "received_on")
        .order_by("due_on", "agency__name")
    )
    if not requests:
        return [_("No request to an agency is recorded.")]
    received = [r for r in requests if r.received_on is not None]
    on_time = [r for r in received if r.received_on <= r.due_on]
    lines = [
        ngettext(
            "%(on_time)s of %(count)s agency return came in by its due date.",
            "%(on_time)s of %(count)s agency returns came in by their due date.",
            len(requests),
        )
        % {"on_time": len(on_time), "count": len(requests)}
    ]
    for request in requests:
        values = {"agency": request.agency.name, "due": _day(request.due_on)}
        if request.received_on is not None and request.received_on > request.due_on:
            values["received"] = _day(request.received_on)
            lines.append(_("%(agency)s: due %(due)s, received %(received)s, late.") % values)
        elif request.received_on is None and request.due_on < today:
            lines.append(_("%(agency)s: due %(due)s, not received: overdue.") % values)
        elif request.received_on is None:
            lines.append(_("%(agency)s: due %(due)s, not received yet.") % values)
    return lines


def _meetings(review) -> list[str]:
    meetings = list(Meeting.objects.filter(review=review).only("kind", "planned_on", "held_on"))
    if not meetings:
        return [_("No meeting of the review is recorded.")]
    held = sorted(m.held_on for m in meetings if m.held_on)
    text = ngettext(
        "%(held)s of %(count)s meeting planned has been held.",
        "%(held)s of %(count)s meetings planned have been held.",
        len(meetings),
    ) % {"held": len(held), "count": len(meetings)}
    if held:
        text += " " + _("The last on %(last)s.") % {"last": _day(held[-1])}
    return [text]


def _proceedings(incident) -> list[str]:
    proceedings = list(
        ParallelProceeding.objects.filter(incident=incident).only("kind", "concluded_on")
    )
    if not proceedings:
        return [_("No parallel proceeding is recorded.")]
    return [
        _("%(kind)s: concluded on %(on)s.")
        % {"kind": p.get_kind_display(), "on": _day(p.concluded_on)}
        if p.concluded_on
        else _("%(kind)s: still running.") % {"kind": p.get_kind_display()}
        for p in proceedings
    ]


def _analysis(findings) -> list[str]:
    if not findings:
        return [_("No finding is recorded.")]
    assured = sorted(f.quality_assured_on for f in findings if f.quality_assured_on)
    text = ngettext(
        "%(assured)s of %(count)s finding quality-assured by the review's supervisor.",
        "%(assured)s of %(count)s findings quality-assured by the review's supervisor.",
        len(findings),
    ) % {"assured": len(assured), "count": len(findings)}
    if assured:
        text += " " + _("The last on %(last)s.") % {"last": _day(assured[-1])}
    return [text]


def _report(review) -> list[str]:
    report = _one_to_one(review, "report", Report)
    if report is None:
        return [_("No report has been started.")]
    lines = [_("The report is %(status)s.") % {"status": report.get_status_display().lower()}]
    if report.quality_assured_on:
        lines.append(_("Quality-assured on %(on)s.") % {"on": _day(report.quality_assured_on)})
    if report.approved_on:
        lines.append(_("Approved by the board on %(on)s.") % {"on": _day(report.approved_on)})
    if report.signed_off_on:
        # Sign-off is refused while the anonymisation check finds a name or an open flag
        # (publication.services.reports.report_sign_off): signed off, it passed.
        lines.append(
            _(
                "Signed off on %(on)s, with the anonymisation check passed (no real name, "
                "no detail left unresolved)."
            )
            % {"on": _day(report.signed_off_on)}
        )
    return lines


def _publication(review) -> list[str]:
    publication = _one_to_one(review, "publication", Publication)
    if publication is None:
        return [_("No decision on publication is recorded.")]
    lines = [
        _("Decision recorded on %(on)s: %(decision)s.")
        % {"on": _day(publication.decided_on), "decision": publication.get_decision_display()}
    ]
    planned, published = publication.planned_on, publication.published_on
    if published and planned:
        days = (published - planned).days
        if days <= 0:
            lines.append(
                _("Published on %(published)s, planned for %(planned)s.")
                % {"published": _day(published), "planned": _day(planned)}
            )
        else:
            lines.append(
                ngettext(
                    "Published on %(published)s, %(days)s day after the planned %(planned)s.",
                    "Published on %(published)s, %(days)s days after the planned %(planned)s.",
                    days,
                )
                % {"published": _day(published), "days": days, "planned": _day(planned)}
            )
    elif published:
        lines.append(_("Published on %(published)s.") % {"published": _day(published)})
    elif planned:
        lines.append(_("Not published yet; planned for %(planned)s.") % {"planned": _day(planned)})
    return lines


def _actions(review, today) -> list[str]:
    actions = list(
        Action.objects.filter(review=review).only(
            "owner_agency_id", "due_on", "status", "completed_on"
        )
    )
    if not actions:
        return [_("No action is recorded in the plan.")]
    statuses = Counter(action.status for action in actions)
    agencies = {action.owner_agency_id for action in actions}
    open_ = [a for a in actions if a.status in (Action.Status.PLANNED, Action.Status.IN_PROGRESS)]
    overdue = sum(1 for action in open_ if action.due_on < today)
    late = sum(
        1
        for action in actions
        if action.status == Action.Status.COMPLETED
        and action.completed_on
        and action.completed_on > action.due_on
    )
    return [
        ngettext(
            "%(count)s action in the plan, each with an owner agency and a due date, owned by "
            "%(agencies)s agencies.",
            "%(count)s actions in the plan, each with an owner agency and a due date, owned by "
            "%(agencies)s agencies.",
            len(actions),
        )
        % {"count": len(actions), "agencies": len(agencies)},
        _(
            "%(completed)s completed (%(late)s after their due date), %(open)s open "
            "(%(overdue)s overdue), %(cancelled)s cancelled."
        )
        % {
            "completed": statuses[Action.Status.COMPLETED],
            "late": late,
            "open": len(open_),
            "overdue": overdue,
            "cancelled": statuses[Action.Status.CANCELLED],
        },
    ]


def _board_response(findings) -> list[str]:
    if not findings:
        return [_("No finding is recorded, so no response of the board.")]
    responded = sorted(f.responded_on for f in findings if f.responded_on)
    text = ngettext(
        "The board has responded in writing to %(responded)s of %(count)s finding.",
        "The board has responded in writing to %(responded)s of %(count)s findings.",
        len(findings),
    ) % {"responded": len(responded), "count": len(findings)}
    if responded:
        text += " " + _("The last on %(last)s.") % {"last": _day(responded[-1])}
    return [text]
