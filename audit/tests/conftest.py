import pytest

from core.tests import test_url_policy as url_policy
from core.tests.factories import UserFactory
from reviews.models import Review, ReviewerAppointment

# One of every record of a case and of the board, as the URL policy walk uses them.
objects_of_board = url_policy.objects_of_board


@pytest.fixture
def case(objects_of_board, role_users, board):
    """The case of `objects_of_board`, with everyone who may open some page of it: the
    board's roles, the appointed reviewer, the supervisor and the agencies' contributors."""
    review = Review.objects.select_related("incident").get(pk=objects_of_board["review_id"])
    review.supervisor = UserFactory(name="Sue Pervisor", is_accreditation_staff=True)
    review.save()
    reviewer = ReviewerAppointment.objects.get(pk=objects_of_board["appointment_id"]).user
    # The agencies' contributors: the police's (the request was sent to the police) first.
    contributors = [c.user for c in review.contributors.order_by("-agency__name")]
    return {
        "objects": objects_of_board,
        "board": board,
        "incident": review.incident,
        "review": review,
        "reviewer": reviewer,
        "users": [*role_users.values(), reviewer, review.supervisor, *contributors],
    }
