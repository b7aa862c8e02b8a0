"""Who reviews which review, as the rules of who may do what read it (`core.permissions` is
the mechanism, `home/policy.py` the table): the appointments in force, and the supervisor."""

import functools

import rules
from django.db.models import Exists, OuterRef, Q

from boards.models import Membership
from boards.roles import REVIEWER_ROLES
from core import permissions
from reviews.models import Review, ReviewerAppointment


def appointments_not_ended():
    """The appointments not ended, whether or not their holder still holds the role: a cheap
    first question (does this person review anything?), never a grant of access."""
    return ReviewerAppointment.objects.filter(ended_on__isnull=True)


def holds_an_appointment(user):
    """A filter: `user` (an id) holds an appointment not ended, to any review."""
    return Exists(appointments_not_ended().filter(user=user))


def appointments_in_force():
    """The appointments that let their holder into a review: open, and held by someone who
    still holds a reviewer role on the review's board.

    Removing the role ends the appointments (reviews' receiver of `core.access.access_lost`);
    this is the second lock, for a membership removed some other way (a bulk delete, the
    database), so that an appointment can never outlive the role it was made under.

    A copy of one queryset built once: the access rules ask for it about ten times a page,
    and building it (its subquery) takes 0.5 ms where copying takes a hundredth of that.
    """
    return _appointments_in_force().all()


@functools.cache
def _appointments_in_force():
    # Never read itself (only its copies are), so it holds no rows; nothing in it moves with
    # the time or the request.
    role_held = Membership.objects.filter(
        user=OuterRef("user_id"), board=OuterRef("review__board_id"), role__in=REVIEWER_ROLES
    )
    return appointments_not_ended().filter(Exists(role_held))


def _appointments_of(user):
    """The user's appointments in force, within the board they are confined to, if any."""
    return permissions.confine(appointments_in_force().filter(user=user), user, "review__board")


def appointed_review_ids(user) -> frozenset:
    """The reviews `user` is appointed to now, read once per user object."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    if "_appointed_reviews" not in user.__dict__:
        user.__dict__["_appointed_reviews"] = frozenset(
            _appointments_of(user).values_list("review_id", flat=True)
        )
    return user.__dict__["_appointed_reviews"]


def review_ids_seen_by(user):
    """The ids of the reviews `user` reviews (an appointment in force) or supervises, whatever
    their roles on the board (`permissions.visible`'s review scope)."""
    appointed = _appointments_of(user).values("review_id")
    return permissions.confine(
        Review.objects.filter(Q(pk__in=appointed) | Q(supervisor=user)), user
    ).values("pk")


@rules.predicate
def is_appointed_reviewer(user, obj):
    review = permissions.review_of(obj)
    return review is not None and review.pk in appointed_review_ids(user)


@rules.predicate
def is_review_supervisor(user, obj):
    review = permissions.review_of(obj)
    return (
        review is not None
        and user.is_authenticated
        and review.supervisor_id == user.pk
        and permissions.confined_board_id(user) in (None, review.board_id)
    )
