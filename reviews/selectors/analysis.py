"""Reads of what the reviewers learn: conversations, key practice episodes and findings, and
what each may be linked to. The review is already checked visible (`review_get`)."""

from django.db.models import Q, QuerySet

from reviews.models import (
    Conversation,
    Finding,
    FindingCategory,
    KeyPracticeEpisode,
    Review,
    ReviewParticipant,
)


def conversation_participant_choices(*, review: Review, conversation: Conversation) -> QuerySet:
    """Who a conversation of the review may be with when it is corrected: the review's people
    now, and the one it was with even if withdrawn since (a typo's correction must not unlink
    them)."""
    return ReviewParticipant.all_objects.filter(review=review).filter(
        Q(withdrawn_at__isnull=True) | Q(pk=conversation.participant_id)
    )


def episode_list_of_review(*, review_id) -> QuerySet:
    """The current key practice episodes of the review `review_id` (already checked visible):
    what a finding may cite."""
    return KeyPracticeEpisode.objects.filter(review_id=review_id)


def finding_list_of_review(*, review_id) -> QuerySet:
    """The current findings of the review `review_id` (already checked visible): what an
    action may answer."""
    return Finding.objects.filter(review_id=review_id)


def finding_category_list_active() -> QuerySet:
    """The finding categories in use (not board data): a finding's choices of category."""
    return FindingCategory.objects.filter(active=True)
