"""What boards read to commission a reviewer: the reviewer directory, which their business
managers and chairs see, and the open reviews they may propose a reviewer for."""

from django.shortcuts import get_object_or_404

from accreditation.models import Accreditation
from boards import roles
from reviews.models import Review


def directory(*, region: str = "", availability: str = ""):
    """Accredited reviewers boards can commission, with where and whether they work, by name
    (the primary key between namesakes, so that the directory pages in one order)."""
    reviewers = (
        Accreditation.objects.filter(status=Accreditation.Status.ACCREDITED)
        .select_related("user")
        .order_by("user__name", "pk")
    )
    if availability:
        reviewers = reviewers.filter(availability=availability)
    if region:
        # JSON containment is not on SQLite: filter the list in Python (one query still; the
        # national list of accredited reviewers is hundreds at most).
        return [r for r in reviewers if region in r.regions]
    return reviewers


def directory_reviewer_get(*, accreditation_id) -> Accreditation:
    """A reviewer accredited now, or 404: for those who see the directory to propose."""
    return get_object_or_404(
        Accreditation.objects.select_related("user"),
        pk=accreditation_id,
        status=Accreditation.Status.ACCREDITED,
    )


def reviews_open_to_staffing(*, user):
    """Open reviews of the boards where `user` appoints reviewers, limited to those boards."""
    board_ids = roles.board_ids_where(user, "reviews.appoint")
    return (
        Review.objects.filter(board_id__in=board_ids, completed_on__isnull=True)
        .select_related("incident", "board")
        .order_by("board__name", "incident__reference")
    )
