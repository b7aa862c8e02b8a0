"""Reads for the agencies' contributors, and of the contributors for the board's pages.

A contributor is in no scope of `permissions.visible`, so these reads do not go through it:
each starts from the user's contributions in force (`reviews.contributors`) and so answers 404
for any review they do not contribute to, and any request of another agency.
"""

import uuid

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from core import permissions
from reviews.contributors import contributed_agency_ids, contributions_in_force_of
from reviews.models import (
    Action,
    AgencyContributor,
    AgencyRequest,
    AgencyReturn,
    ChronologyImport,
    Review,
)


def contribution_list_of_user(*, user):
    """The user's contributions in force, each with its review, case and board: their home."""
    return contributions_in_force_of(user).select_related(
        "review__incident", "review__board", "agency"
    )


def contributed_review_get(*, user, review_id) -> Review:
    """The review `user` contributes to, or 404. `review.contributed_agencies` holds the
    agencies they act for on it."""
    agency_ids = contributed_agency_ids(user).get(_as_uuid(review_id))
    if not agency_ids:
        raise Http404
    review = get_object_or_404(Review.objects.select_related("incident", "board"), pk=review_id)
    review.contributed_agency_ids = agency_ids
    return review


def shared_questions(*, review):
    """The research questions the reviewers chose to share with the agencies."""
    return review.research_questions.filter(shared_with_agencies=True)


def contributed_request_list(*, review):
    """The requests sent to the agencies the user contributes for on `review` (from
    `contributed_review_get`), each with its returns."""
    return (
        AgencyRequest.objects.filter(
            review=review, agency_id__in=review.contributed_agency_ids, sent_at__isnull=False
        )
        .select_related("agency")
        .prefetch_related(
            Prefetch("returns", queryset=AgencyReturn.objects.select_related("submitted_by"))
        )
    )


def contributed_request_get(*, review, request_id) -> AgencyRequest:
    """One request sent to an agency the user contributes for, or 404."""
    return get_object_or_404(contributed_request_list(review=review), pk=request_id)


def current_import(*, request: AgencyRequest):
    """The agency's chronology imported to the review and not replaced, if any."""
    return (
        ChronologyImport.objects.filter(
            review_id=request.review_id, agency_id=request.agency_id, replaced_at__isnull=True
        )
        .order_by("-created_at")
        .first()
    )


def contributor_list_of_review(*, review):
    """Everyone invited to the review for an agency, access ended or not."""
    return AgencyContributor.objects.filter(review=review).select_related(
        "agency", "user", "invited_by", "ended_by"
    )


def contributor_of_review(*, review, pk) -> AgencyContributor:
    return get_object_or_404(contributor_list_of_review(review=review), pk=pk)


def returns_of_requests(*, requests):
    """{request id: its returns, oldest first}, in one query."""
    by_request: dict = {}
    for agency_return in AgencyReturn.objects.filter(request__in=requests).select_related(
        "submitted_by", "sent_back_by"
    ):
        by_request.setdefault(agency_return.request_id, []).append(agency_return)
    return by_request


def return_of_request(*, request, pk) -> AgencyReturn:
    return get_object_or_404(AgencyReturn.objects.filter(request=request), pk=pk)


def request_for_reader(*, user, request_id) -> tuple[str, AgencyRequest]:
    """A request as `user` may read it: ("agency", request) for a contributor of its agency
    (sent to them), ("board", request) for those who see it on the board's pages, else 404."""
    request_id = _as_uuid(request_id)
    of_their_agencies = Q(pk__in=[])
    for review_id, agency_ids in contributed_agency_ids(user).items():
        of_their_agencies |= Q(review_id=review_id, agency_id__in=agency_ids)
    found = (
        AgencyRequest.objects.filter(of_their_agencies, pk=request_id)
        .select_related("review")
        .first()
    )
    if found is not None:
        return "agency", found
    found = permissions.visible(
        AgencyRequest.objects.filter(pk=request_id).select_related("review"), user
    ).first()
    if found is None or not permissions.can(user, "reviews.view", found):
        raise Http404
    return "board", found


def _as_uuid(value):
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


def contributed_action_list(*, review):
    """The actions of the review owned by the agencies the user contributes for."""
    return (
        Action.objects.filter(review=review, owner_agency_id__in=review.contributed_agency_ids)
        .select_related("owner_agency", "finding")
        .prefetch_related("updates__actor", "evidence")
    )


def contributed_action_get(*, review, action_id) -> Action:
    return get_object_or_404(contributed_action_list(review=review), pk=action_id)
