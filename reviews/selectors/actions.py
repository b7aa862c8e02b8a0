"""Reads of a review's action plan. The review is already checked visible (`review_get`)."""

from reviews.models import Deadline, Review
from reviews.selectors.deadlines import with_status


def action_deadline_statuses(*, review: Review) -> dict:
    """The status of each of the review's actions' deadlines: {action id: status}."""
    deadlines = with_status(Deadline.objects.filter(action__review=review))
    return {deadline.action_id: deadline.status for deadline in deadlines}
