"""Reads of a review's action plan. The review is already checked visible (`review_get`)."""

from django.utils import timezone

from core import paging, permissions
from deadlines.models import Deadline
from reviews import deadline_kinds
from reviews.models import Action, Review
from reviews.selectors.deadlines import with_status


def action_deadline_statuses(*, review: Review) -> dict:
    """The status of each of the review's actions' deadlines: {action id: status}."""
    deadlines = with_status(
        Deadline.objects.filter(case_id=review.incident_id, kind=deadline_kinds.ACTION)
    )
    return {deadline.owner_id: deadline.status for deadline in deadlines}


def action_tracker(
    *, user, board, agency_id=None, status="", overdue=False, review_id=None, page_number=None
):
    """One tracker of the board's actions across all its reviews (the caller may read the
    board's cases), filtered, paged; each action with its review's reference, its owner agency
    and the earlier recommendation it repeats. Overdue: open, and its due date passed."""
    # The board named on the incident too (it is the review's): PostgreSQL then reads the
    # board's incidents by their index instead of every incident and action in the country
    # (bench/every_page.py, issue 21: 34 -> 100 ms from 150 to 600 boards before).
    of_board = Action.objects.filter(review__board=board, review__incident__board=board)
    actions = permissions.visible(of_board, user).select_related(
        "review__incident", "owner_agency", "repeats__review__incident"
    )
    if agency_id:
        actions = actions.filter(owner_agency_id=agency_id)
    if status in Action.Status.values:
        actions = actions.filter(status=status)
    if overdue:
        actions = actions.filter(
            status__in=[Action.Status.PLANNED, Action.Status.IN_PROGRESS],
            due_on__lt=timezone.localdate(),
        )
    if review_id:
        actions = actions.filter(review_id=review_id)
    return paging.paginate(actions.order_by("due_on", "created_at"), page_number)


def earlier_actions_of_board(*, action: Action):
    """What an action may repeat: the board's actions of other reviews, made before it."""
    return (
        Action.objects.filter(
            review__board_id=action.review.board_id, created_at__lte=action.created_at
        )
        .exclude(review_id=action.review_id)
        .select_related("review__incident", "owner_agency")
        .order_by("-created_at")
    )
