"""Fixtures of the walks over every URL (test_bad_input.py, test_escaping.py)."""

import uuid

import pytest

from boards.models import Membership
from boards.tests.factories import MembershipFactory
from core.tests.test_url_policy import objects_of_board  # noqa: F401 - a fixture
from reviews.models import Review


@pytest.fixture
def everyone(board, business_manager, objects_of_board):  # noqa: F811
    return all_powerful(board, business_manager, objects_of_board)


def all_powerful(board, business_manager, objects_of_board):  # noqa: F811
    """Someone who may do everything: every role on the board, platform admin, accreditation
    staff, appointed to the review and its supervisor, and the contributor of the agency the
    review's request was sent to. No refusal can hide what a page shows."""
    user = business_manager
    for role in Membership.Role.values:
        if role != Membership.Role.BUSINESS_MANAGER:
            MembershipFactory(board=board, role=role, user=user)
    user.is_superuser = user.is_staff = user.is_accreditation_staff = True
    user.save()
    review = Review.objects.get(pk=objects_of_board["review_id"])
    review.appointments.create(
        user=user, role="lead", independence_declared=True, appointed_on="2026-03-20"
    )
    review.supervisor = user
    review.save()
    request = review.agency_requests.get(pk=objects_of_board["request_id"])
    review.contributors.create(
        agency=request.agency,
        user=user,
        job="return_author",
        invited_on="2026-03-20",
        invited_by=user,
    )
    return user


@pytest.fixture
def objects(objects_of_board):  # noqa: F811
    """A value for every part of every URL: the board's records, and the public pages' keys."""
    return {
        **objects_of_board,
        "token": "a" * 40,
        "uidb64": "MQ",
        "publication_id": uuid.uuid4(),
    }
