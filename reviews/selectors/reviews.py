"""Reads of reviews: lists, one review, its clocks, its reviewers and their appointments, and
the records the reviewers set up (chronology). Scoped by `core.permissions`: a review is seen
by the board's roles, the reviewers appointed to it and its supervisor."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import ngettext

from boards import roles
from boards.models import Board, Membership, load_timescales
from core import permissions
from core.ids import parse_uuid
from core.models import User, normalise_email
from deadlines.kinds import STATUTORY
from deadlines.models import Deadline
from guidance import rulebooks
from reviews import appointments, deadline_kinds
from reviews.models import ApprovedReviewer, ChronologyEntry, Review, ReviewerAppointment
from reviews.selectors.deadlines import with_status


def review_list_for_board(*, user, board: Board) -> QuerySet:
    """The board's reviews the user may open: all of them for those who read the board's cases,
    only their own for lead reviewers."""
    # A review is on its incident's board (reviews.services.reviews): naming the board on both
    # sides lets PostgreSQL read each by its board's index rather than hash every incident in
    # the country (bench/every_page.py, issue 21).
    reviews = Review.objects.filter(board=board, incident__board=board).select_related("incident")
    if not permissions.can(user, "incidents.view", board):
        reviews = reviews.filter(pk__in=appointments.appointed_review_ids(user))
    return reviews.order_by("-initiated_on")


def review_list_for_reviewer(*, user) -> QuerySet:
    """Every review `user` is appointed to or supervises, on any board (their home page)."""
    # The ids as a union of two indexed lookups: an OR across the join to the appointments
    # made PostgreSQL read every review and every appointment (bench/pages.py).
    appointed = appointments.appointments_in_force().filter(user=user)
    supervised = Review.objects.filter(supervisor=user)
    ids = appointed.order_by().values("review_id").union(supervised.order_by().values("pk"))
    return (
        Review.objects.filter(pk__in=ids)
        .select_related("board", "incident")
        .order_by("-initiated_on")
    )


def _reviews_for_api() -> QuerySet:
    return Review.objects.select_related("incident", "board")


def review_lookup_for_api(*, user) -> QuerySet:
    """Every review `user` may see, with its incident and board: where the API finds one by
    its id."""
    return permissions.visible(_reviews_for_api(), user)


def review_list_for_api(
    *, user, board_id: str = "", stage: str = "", overdue: bool = False
) -> QuerySet:
    """The reviews of the boards where `user` reads cases, those they are appointed to and
    those they supervise (within the board of their token, if confined), newest first; only
    those of the board `board_id` (as the query gives it), at `stage`, or whose completion
    clock is overdue, if asked."""
    reviews = _reviews_for_api().filter(
        Q(board_id__in=roles.board_ids_where(user, "incidents.view"))
        | Q(pk__in=appointments.appointed_review_ids(user))
        | Q(supervisor=user)
    )
    # A token issued for one board lists that board's reviews only.
    reviews = permissions.confine(reviews, user)
    if board_id:
        reviews = reviews.filter(board_id=parse_uuid(board_id))
    if stage:
        reviews = reviews.filter(stage=stage)
    if overdue:
        late = with_status(
            Deadline.objects.filter(
                case_id=OuterRef("incident_id"), kind=STATUTORY, clock="complete"
            )
        ).filter(status=Deadline.Status.OVERDUE)
        reviews = reviews.filter(Exists(late))
    return reviews.order_by("-initiated_on")


def review_get(*, user, board_id, review_id, related=()) -> Review:
    """The review, if of the board `board_id` and `user` may see it, else 404; `related` names
    more relations to read in the same query."""
    reviews = Review.objects.filter(board_id=board_id).select_related(
        "board", "incident", "incident__board", "supervisor", *related
    )
    return permissions.get_visible_or_404(reviews, user, pk=review_id)


def review_reload(*, review: Review) -> Review:
    """The review as saved now, with its incident (a review already checked visible, read
    again after a change)."""
    return Review.objects.select_related("incident").get(pk=review.pk)


def review_deadlines(*, review: Review) -> QuerySet:
    """The review's clocks and due dates: statutory ones from its decision on, its agency
    requests and its actions, soonest first."""
    return with_status(
        Deadline.objects.filter(case_id=review.incident_id).filter(
            Q(kind=STATUTORY, clock__in=rulebooks.REVIEW_CLOCKS)
            | Q(kind__in=[deadline_kinds.ACTION, deadline_kinds.AGENCY_REQUEST])
        )
    ).order_by("due_on")


def review_clock_deadlines(*, review: Review, clocks) -> QuerySet:
    """The deadlines of the review's statutory `clocks` (a review already checked visible),
    with their status and extensions."""
    return with_status(
        Deadline.objects.filter(
            case_id=review.incident_id, kind=STATUTORY, clock__in=clocks
        ).prefetch_related("extensions")
    )


def with_review_clocks(reviews, *, clocks) -> list[Review]:
    """The reviews (with their incident and board), each with the deadlines of its statutory
    `clocks` (`clock_deadlines`, by clock, with status and extensions) read in one query for
    them all, one for the extensions and one for their boards' timescales: a page of the API's
    list costs the same whatever its length."""
    reviews = list(reviews)
    deadlines = with_status(
        Deadline.objects.filter(
            case_id__in=[review.incident_id for review in reviews],
            kind=STATUTORY,
            clock__in=clocks,
        ).prefetch_related("extensions")
    )
    by_case: dict = {review.incident_id: {} for review in reviews}
    for deadline in deadlines:
        by_case[deadline.case_id][deadline.clock] = deadline
    load_timescales(review.board for review in reviews)
    for review in reviews:
        review.incident.board = review.board
        review.clock_deadlines = by_case[review.incident_id]
        for deadline in review.clock_deadlines.values():
            deadline.board = review.board
    return reviews


def reviewer_choices(*, board: Board) -> QuerySet:
    """Who may be appointed to review for the board (already checked visible): its lead
    reviewers."""
    reviewers = Membership.objects.filter(board=board, role=Membership.Role.LEAD_REVIEWER).values(
        "user"
    )
    return User.objects.filter(pk__in=reviewers)


def reviewer_choices_for_api(*, board: Board) -> QuerySet:
    """`reviewer_choices` as the API reads them: the board's lead reviewers, each once."""
    return User.objects.filter(
        memberships__board=board, memberships__role="lead_reviewer"
    ).distinct()


def appointments_ending_with(*, membership) -> int:
    """How many open appointments to the board's reviews end if this role goes: all of the
    person's, when it is the last role under which they review for the board."""
    if membership.role not in roles.REVIEWER_ROLES or (
        membership.user.memberships.filter(
            board_id=membership.board_id, role__in=roles.REVIEWER_ROLES
        )
        .exclude(pk=membership.pk)
        .exists()
    ):
        return 0
    return ReviewerAppointment.objects.filter(
        user_id=membership.user_id, review__board_id=membership.board_id, ended_on__isnull=True
    ).count()


def appointments_ending_warning(*, membership) -> str:
    """What the page confirming the removal of a role warns of: the appointments that end."""
    count = appointments_ending_with(membership=membership)
    if not count:
        return ""
    return ngettext(
        "Their appointment to %(count)s review of this board will end today, and with it their "
        "access to that review and their reminders of it.",
        "Their appointments to %(count)s reviews of this board will end today, and with them "
        "their access to those reviews and their reminders of them.",
        count,
    ) % {"count": count}


def appointment_end_reasons(*, review: Review) -> dict:
    """Why the review's ended appointments ended, where their history says (the reviewer's
    role on the board removed): {appointment id: reason}."""
    reasons: dict = {}
    for pk, reason in (
        ReviewerAppointment.history.filter(
            review_id=review.pk, ended_on__isnull=False, history_change_reason__isnull=False
        )
        .order_by("history_date")
        .values_list("id", "history_change_reason")
    ):
        reasons.setdefault(pk, reason)
    return reasons


def chronology_list_of_review(*, review_id) -> QuerySet:
    """The current chronology entries of the review `review_id` (already checked visible):
    what an episode may cite."""
    return ChronologyEntry.objects.filter(review_id=review_id)


def reviewers_for_lists() -> QuerySet:
    """Everyone who holds a reviewer's role on some board: who may be put on an approved list."""
    holders = Membership.objects.filter(role__in=roles.REVIEWER_ROLES).values("user_id")
    return User.objects.filter(pk__in=holders, is_active=True).order_by("name", "email")


def reviewer_for_lists(*, email: str) -> User | None:
    """The active holder of a reviewer's role on some board with this email address (as typed,
    in any case), or None: who may be put on an approved list."""
    return reviewers_for_lists().filter(email=normalise_email(email)).first()


def approved_reviewer_list() -> QuerySet:
    """Every place on a national approved list, current and ended (platform admins)."""
    return ApprovedReviewer.objects.select_related("user").order_by(
        "approved_list", "ended_on", "user__name"
    )
