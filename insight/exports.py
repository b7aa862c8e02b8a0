"""CSV exports of a board's cases, with the filters of the list pages.

Cases are named by their reference, never by the people involved. A cell that a spreadsheet
would run as a formula (starting =, +, - or @) is prefixed with an apostrophe.
"""

import csv
import io

from django.utils.translation import gettext as _

from core.cells import csv_cell
from deadlines.models import Deadline
from guidance import rulebooks
from reviews import forms, selectors
from reviews.models import Action, Incident, Review

KINDS = ("incidents", "reviews", "actions", "deadlines")


def _incidents(board, params):
    status = params.get("status", "") if params.get("status") in Incident.Status.values else ""
    yield [_("Reference"), _("Status"), _("Date of incident"), _("Local authority aware"),
           _("Notified"), _("Criteria"), _("Rulebook"), _("Next deadline")]  # fmt: skip
    for incident in selectors.incident_list_for_board(board=board, status=status):
        yield [
            incident.reference,
            incident.get_status_display(),
            incident.incident_on,
            incident.la_aware_on,
            incident.notified_on,
            incident.get_criteria_outcome_display(),
            incident.rulebook,
            incident.next_due_on,
        ]


def _reviews(board, params):
    yield [_("Reference"), _("Type"), _("Methodology"), _("Stage"), _("Initiated"), _("Completed")]
    reviews = Review.objects.filter(board=board).select_related("incident")
    if params.get("stage"):
        reviews = reviews.filter(stage=params["stage"])
    for review in reviews.order_by("-initiated_on"):
        yield [
            review.incident.reference,
            review.get_review_type_display(),
            review.get_methodology_display(),
            review.stage_title,
            review.initiated_on,
            review.completed_on,
        ]


def _actions(board, params):
    yield [_("Reference"), _("Action"), _("Finding"), _("Owner agency"), _("Due"), _("Status"),
           _("Completed"), _("Evidence of impact")]  # fmt: skip
    actions = Action.objects.filter(review__board=board).select_related(
        "review__incident", "finding", "owner_agency"
    )
    if params.get("status") in Action.Status.values:
        actions = actions.filter(status=params["status"])
    for action in actions.order_by("due_on", "created_at"):
        yield [
            action.review.incident.reference,
            action.description,
            action.finding.title if action.finding else "",
            action.owner_agency.name,
            action.due_on,
            action.get_status_display(),
            action.completed_on,
            action.evidence_of_impact,
        ]


def _deadlines(board, params):
    statuses = dict(Deadline.Status.choices)
    form = forms.DeadlineFilterForm(params, clock_choices=list(rulebooks.CLOCK_KINDS.items()))
    filters = form.cleaned_data if form.is_valid() else {"status": "", "clock": ""}
    status, clock = filters["status"], filters["clock"]
    yield [_("Reference"), _("Deadline"), _("Starts"), _("Due"), _("Met"), _("Status")]
    deadlines = selectors.deadline_list_for_board(board=board, status=status, clock=clock)
    for deadline in deadlines:
        yield [
            deadline.case_reference,
            rulebooks.CLOCK_KINDS.get(deadline.clock, deadline.clock),
            deadline.starts_on,
            deadline.due_on,
            deadline.met_on,
            statuses.get(deadline.status, deadline.status),
        ]


_ROWS = {
    "incidents": _incidents,
    "reviews": _reviews,
    "actions": _actions,
    "deadlines": _deadlines,
}


def csv_text(kind: str, *, board, params) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in _ROWS[kind](board, params):
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue()
