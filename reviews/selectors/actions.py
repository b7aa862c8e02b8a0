"""Reads of a review's action plan. The review is already checked visible (`review_get`)."""

from deadlines.models import Deadline
from reviews import deadline_kinds
from reviews.models import Review
from reviews.selectors.deadlines import with_status


def action_deadline_statuses(*, review: Review) -> dict:
    """The status of each of the review's actions' deadlines: {action id: status}."""
    deadlines = with_status(
        Deadline.objects.filter(case_id=review.incident_id, kind=deadline_kinds.ACTION)
    )
    return {deadline.owner_id: deadline.status for deadline in deadlines}
