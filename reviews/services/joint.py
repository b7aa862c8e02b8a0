"""Joint reviews: a board proposes to run its review jointly with another board's review of the
same death; that board's business manager accepts it for one of its reviews, or it lapses when
either ends it (with the reason). Each board keeps its own decision, clocks and publication."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from boards.models import Board
from core import permissions, records
from core.history import acting_as
from reviews.models import JointReview, Review


@transaction.atomic
def joint_review_propose(*, actor, review: Review, partner_board: Board, note: str) -> JointReview:
    permissions.require(actor, "joint_reviews.manage", review.board)
    review = Review.objects.select_for_update().select_related("board").get(pk=review.pk)
    if partner_board.pk == review.board_id:
        raise ValidationError(
            {"partner_board": _("Select another board: this is the review's own")}
        )
    if partner_board.nation != review.board.nation:
        raise ValidationError(
            {
                "partner_board": _(
                    "%(board)s is in %(nation)s: a joint review is with a board in "
                    "%(own_nation)s, under the same nation's rules"
                )
                % {
                    "board": partner_board,
                    "nation": partner_board.get_nation_display(),
                    "own_nation": review.board.get_nation_display(),
                }
            }
        )
    if JointReview.objects.filter(lead=review, partner_board=partner_board).exists():
        raise ValidationError(
            {
                "partner_board": _("This review is already joint, or proposed, with %(board)s")
                % {"board": partner_board}
            }
        )
    if JointReview.objects.filter(partner=review).exists():
        raise ValidationError(
            _("This review is already the partner in a joint review: the lead board proposes")
        )
    if JointReview.objects.filter(lead=review, partner__isnull=False).exists():
        raise ValidationError(_("This review is already joint with another board's review"))
    if not (note or "").strip():
        raise ValidationError({"note": _("Enter what the other board needs to know")})
    joint = JointReview(
        lead=review, partner_board=partner_board, note=note.strip(), proposed_by=actor
    )
    joint.full_clean()
    acting_as(joint, actor).save()
    return joint


@transaction.atomic
def joint_review_accept(*, actor, joint: JointReview, review: Review) -> JointReview:
    """The other board's business manager joins one of its own reviews to the proposal."""
    permissions.require(actor, "joint_reviews.manage", joint.partner_board)
    joint = records.locked(joint)
    records.require_current(joint, _("This proposal"))
    if joint.partner_id is not None:
        raise ValidationError(_("This proposal has already been accepted"))
    # Both reviews locked: each is in at most one accepted joint review, as lead or partner.
    locked = Review.objects.select_for_update().filter(pk__in=[review.pk, joint.lead_id])
    reviews = {r.pk: r for r in locked}
    review = reviews[review.pk]
    if review.board_id != joint.partner_board_id:
        raise ValidationError({"review": _("Select one of this board's reviews")})
    if _in_a_joint_review(review):
        raise ValidationError({"review": _("This review is already part of a joint review")})
    if _in_a_joint_review(reviews[joint.lead_id]):
        raise ValidationError(
            _(
                "The proposing board's review has since joined another review: ask them to "
                "propose again"
            )
        )
    joint.partner = review
    joint.accepted_by = actor
    joint.accepted_on = timezone.localdate()
    acting_as(joint, actor).save()
    return joint


def _in_a_joint_review(review: Review) -> bool:
    return (
        JointReview.objects.filter(partner=review).exists()
        or JointReview.objects.filter(lead=review, partner__isnull=False).exists()
    )


@transaction.atomic
def joint_review_end(*, actor, joint: JointReview, board: Board, reason: str) -> JointReview:
    """Either board ends the joint review, or withdraws or declines the proposal, with the
    reason. The records each review made stay with it."""
    if board.pk not in (joint.lead.board_id, joint.partner_board_id):
        raise ValidationError(_("This board is not part of the joint review"))
    permissions.require(actor, "joint_reviews.manage", board)
    joint = records.locked(joint)
    return records.withdraw(joint, actor=actor, reason=reason, what=_("This joint review"))
