"""Reads of joint reviews: which reviews share a chronology and family contact, and the
proposals waiting for a board's answer."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from boards.models import Board
from reviews.models import Involvement, JointReview, Review


def joint_reviews_of(*, review: Review) -> list[JointReview]:
    """The accepted joint reviews `review` is part of (as the lead or the partner)."""
    return list(
        JointReview.objects.filter(Q(lead=review) | Q(partner=review), partner__isnull=False)
        .select_related("lead__board", "lead__incident", "partner__board", "partner__incident")
        .order_by("created_at")
    )


def joint_reviews_with_ended(*, review: Review) -> list[JointReview]:
    """Every joint review and proposal of `review`, ended and declined ones too, each with
    `other_board` and `other_review` (None until accepted), in one query."""
    joints = list(
        JointReview.all_objects.filter(Q(lead=review) | Q(partner=review))
        .select_related(
            "lead__board", "lead__incident", "partner__board", "partner__incident", "partner_board"
        )
        .order_by("created_at")
    )
    for joint in joints:
        is_lead = joint.lead_id == review.pk
        joint.is_lead_of_this = is_lead
        joint.other_board = joint.partner_board if is_lead else joint.lead.board
        joint.other_review = joint.partner if is_lead else joint.lead
    return joints


def proposals_of(*, review: Review) -> QuerySet:
    """The review's proposals to other boards not yet answered."""
    return JointReview.objects.filter(lead=review, partner__isnull=True).select_related(
        "partner_board"
    )


def shared_review_ids(*, review: Review) -> list:
    """The review and those it shares its chronology and family contact with."""
    ids = [review.pk]
    for joint in JointReview.objects.filter(
        Q(lead=review) | Q(partner=review), partner__isnull=False
    ).values_list("lead_id", "partner_id"):
        ids.extend(pk for pk in joint if pk not in ids)
    return ids


def joint_proposals_to_board(*, board: Board) -> QuerySet:
    """Proposals of joint reviews to `board` waiting for its answer (its business manager sees
    the other board's name, the case reference and the note)."""
    return JointReview.objects.filter(partner_board=board, partner__isnull=True).select_related(
        "lead__board", "lead__incident", "proposed_by"
    )


def joint_proposal_get(*, board: Board, joint_id) -> JointReview:
    return get_object_or_404(joint_proposals_to_board(board=board), pk=joint_id)


def reviews_free_to_join(*, board: Board) -> QuerySet:
    """The board's reviews not yet part of a joint review as the partner."""
    taken = JointReview.objects.filter(partner__isnull=False).values("partner_id")
    return (
        Review.objects.filter(board=board)
        .exclude(pk__in=taken)
        .select_related("incident")
        .order_by("incident__reference")
    )


def shared_involvements(*, review: Review) -> QuerySet:
    """The family and practitioner contact the reviews joint with `review` recorded."""
    others = [pk for pk in shared_review_ids(review=review) if pk != review.pk]
    return Involvement.objects.filter(review_id__in=others).select_related("review__board")
