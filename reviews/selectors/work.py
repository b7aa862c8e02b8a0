"""What waits on people in the cases and reviews of their boards (the work queue: home.work).

Each function takes the boards (by id) on which the person may do the work, so that who may
do what stays the policy's (`boards.roles.board_ids_where`); each returns a queryset, which
the queue both lists and counts.
"""

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from core.work import WorkItem, urgency_on
from deadlines.kinds import STATUTORY
from deadlines.models import Deadline
from deadlines.selectors import OPEN
from guidance.methodologies import CLOSED_STAGE
from reviews import appointments
from reviews.contributors import contributions_in_force_of
from reviews.models import AgencyRequest, Finding, Incident, PanelAdvice, Review
from reviews.services import workflow


def decisions_to_make(*, board_ids) -> QuerySet:
    """The cases of the boards awaiting the decision whether to hold a review, each with the
    soonest of its open statutory clocks."""
    soonest = Deadline.objects.filter(OPEN, kind=STATUTORY, case_id=OuterRef("pk")).order_by(
        "due_on"
    )
    return (
        Incident.objects.filter(board_id__in=board_ids, status=Incident.Status.AWAITING_DECISION)
        .annotate(first_due=Subquery(soonest.values("due_on")[:1]))
        .select_related("board")
        .order_by("notified_on", "reference")
    )


def decision_items(incidents, *, today, due_soon_by) -> list[WorkItem]:
    """Urgent as the soonest clock of the case (a decision often stops it)."""
    return [
        WorkItem(
            group=_("Decisions to make"),
            title=_("%(reference)s: decide whether to hold a review")
            % {"reference": incident.reference},
            path=reverse("reviews:decision", args=[incident.board_id, incident.pk]),
            board=incident.board.name,
            due_on=incident.first_due,
            urgency=urgency_on(incident.first_due, today=today, due_soon_by=due_soon_by),
        )
        for incident in incidents
    ]


def panel_advice_to_answer(*, board_ids) -> QuerySet:
    """Advice or challenge from the national panel that the board has not yet answered."""
    return (
        PanelAdvice.objects.filter(decision__incident__board_id__in=board_ids, response="")
        .select_related("decision__incident__board")
        .order_by("received_on")
    )


def panel_advice_items(advice_list) -> list[WorkItem]:
    return [
        WorkItem(
            group=_("Panel advice to answer"),
            title=_(
                "%(reference)s: record the board's response to the national panel's advice of "
                "%(date)s"
            )
            % {
                "reference": advice.decision.incident.reference,
                "date": formats.date_format(advice.received_on, "j F Y"),
            },
            path=reverse(
                "reviews:panel_advice_edit",
                args=[advice.decision.incident.board_id, advice.decision.incident_id, advice.pk],
            ),
            board=advice.decision.incident.board.name,
        )
        for advice in advice_list
    ]


def reviews_to_take_forward(*, user) -> QuerySet:
    """The open reviews `user` is appointed to (their next step is theirs to take)."""
    appointed = appointments.appointments_in_force().filter(user=user).values("review_id")
    return (
        Review.objects.filter(pk__in=appointed)
        .exclude(stage=CLOSED_STAGE.code)
        .select_related("board", "incident")
        .order_by("initiated_on")
    )


def review_step_items(reviews) -> list[WorkItem]:
    """Each review's next step: the first task of its stage not completed, and what stops it
    moving on."""
    reviews = list(reviews)
    steps = workflow.next_steps(reviews)
    items = []
    for review in reviews:
        step = steps.get(review.pk)
        if step is None:
            continue
        words = {
            "reference": review.incident.reference,
            "stage": step.next_stage.lower(),
            "unmet": "; ".join(step.unmet),
            "task": step.task["title"].lower() if step.task else "",
        }
        if step.unmet and step.task:
            title = _("%(reference)s: before %(stage)s, %(unmet)s (next task: %(task)s)") % words
        elif step.unmet:
            title = _("%(reference)s: before %(stage)s, %(unmet)s") % words
        elif step.task:
            title = _("%(reference)s: ready to move on to %(stage)s (next task: %(task)s)") % words
        else:
            title = _("%(reference)s: ready to move on to %(stage)s") % words
        items.append(
            WorkItem(
                group=_("Your reviews' next steps"),
                title=title,
                path=reverse("reviews:review_detail", args=[review.board_id, review.pk]),
                board=review.board.name,
            )
        )
    return items


def findings_to_quality_assure(*, user) -> QuerySet:
    """The reviews `user` supervises with findings not yet quality-assured."""
    unassured = Finding.objects.filter(review=OuterRef("pk"), quality_assured_on=None)
    return (
        Review.objects.filter(Exists(unassured), supervisor=user)
        .exclude(stage=CLOSED_STAGE.code)
        .select_related("board", "incident")
        .order_by("initiated_on")
    )


def quality_assurance_items(reviews) -> list[WorkItem]:
    return [
        WorkItem(
            group=_("Findings to quality-assure"),
            title=_("%(reference)s: quality-assure the findings")
            % {"reference": review.incident.reference},
            path=reverse("reviews:findings", args=[review.board_id, review.pk]),
            board=review.board.name,
        )
        for review in reviews
    ]


def requests_to_answer_later(*, user, after) -> QuerySet:
    """The requests sent to the agencies `user` contributes for, not yet answered, due after
    `after` (the end of "due soon"; those due by then are among their deadlines already)."""
    theirs = contributions_in_force_of(user).filter(
        review=OuterRef("review_id"), agency=OuterRef("agency_id")
    )
    return (
        AgencyRequest.objects.filter(
            Exists(theirs), sent_at__isnull=False, received_on=None, due_on__gt=after
        )
        .select_related("review__incident", "agency")
        .order_by("due_on")
    )


def request_items(requests, *, today, due_soon_by) -> list[WorkItem]:
    return [
        WorkItem(
            group=_("Information from your agency"),
            title=_("%(reference)s: answer the request for %(asks)s")
            % {
                "reference": request.review.incident.reference,
                "asks": request.get_asks_display()[0].lower() + request.get_asks_display()[1:],
            },
            path=reverse("agency:request", args=[request.review_id, request.pk]),
            board=request.agency.name,
            due_on=request.due_on,
            urgency=urgency_on(request.due_on, today=today, due_soon_by=due_soon_by),
        )
        for request in requests
    ]
