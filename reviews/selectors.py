"""Reads of incidents, deadlines and bank holidays. Every read of case data is board-scoped."""

import datetime as dt

from django.conf import settings
from django.db.models import Case, F, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from boards.models import Board
from core import permissions
from guidance import calendar
from reviews.models import (
    BankHoliday,
    Deadline,
    Incident,
    IncidentPerson,
    Notification,
    PanelAdvice,
    Review,
    ReviewerAppointment,
)

Status = Deadline.Status


def due_soon_until(today: dt.date) -> dt.date:
    """The last day a deadline counts as due soon: N working days ahead (default 5)."""
    holidays = BankHoliday.objects.filter(
        date__gte=today, date__lte=today + dt.timedelta(days=60)
    ).values_list("date", flat=True)
    return calendar.add_working_days(
        today, settings.DEADLINE_DUE_SOON_WORKING_DAYS, frozenset(holidays)
    )


def with_status(deadlines: QuerySet, *, today: dt.date | None = None) -> QuerySet:
    """Annotate `status` (Deadline.Status) on each deadline, in the database, so that lists
    can filter and count by it. The one definition of a deadline's status."""
    today = today or timezone.localdate()
    return deadlines.annotate(
        status=Case(
            When(met_on__isnull=False, met_on__lte=F("due_on"), then=Value(Status.MET)),
            When(met_on__isnull=False, then=Value(Status.MET_LATE)),
            When(paused_since__isnull=False, then=Value(Status.PAUSED)),
            When(due_on__lt=today, then=Value(Status.OVERDUE)),
            When(due_on=today, then=Value(Status.DUE_TODAY)),
            When(due_on__lte=due_soon_until(today), then=Value(Status.DUE_SOON)),
            default=Value(Status.UPCOMING),
        )
    )


OPEN = Q(met_on__isnull=True)


def deadline_list_for_board(
    *, board: Board, status: str = "", clock: str = "", today: dt.date | None = None
) -> QuerySet:
    """The board's deadlines, soonest first: the open ones, or those of one status or clock."""
    deadlines = with_status(
        Deadline.objects.filter(board=board).select_related("incident", "action", "agency_request"),
        today=today,
    )
    deadlines = deadlines.filter(status=status) if status else deadlines.filter(OPEN)
    if clock:
        deadlines = deadlines.filter(clock=clock)
    return deadlines.order_by("due_on", "incident__reference", "clock")


def incident_list_for_board(*, board: Board, status: str = "") -> QuerySet:
    next_due = (
        Deadline.objects.filter(
            incident=OuterRef("pk"), met_on__isnull=True, paused_since__isnull=True
        )
        .order_by("due_on")
        .values("due_on")[:1]
    )
    incidents = Incident.objects.filter(board=board).annotate(next_due_on=Subquery(next_due))
    if status:
        incidents = incidents.filter(status=status)
    return incidents.order_by("-notified_on", "reference")


def incident_get(*, user, board: Board, incident_id) -> Incident:
    """The incident, if it is of `board` and `user` may see it, else 404."""
    incidents = Incident.objects.filter(board=board).select_related("board")
    return permissions.get_visible_or_404(incidents, user, pk=incident_id)


def incident_detail(*, user, board: Board, incident_id) -> Incident:
    """The incident with all its page shows, if `user` may see it, else 404."""
    incidents = (
        Incident.objects.filter(board=board)
        .select_related("board", "decision", "decision__decided_by", "review")
        .prefetch_related(
            "agencies",
            "local_criteria",
            # Withdrawn ones too, in the same query: the page lists them apart.
            Prefetch(
                "notifications",
                queryset=Notification.all_objects.select_related(
                    "recorded_by", "withdrawn_by"
                ).order_by("sent_on"),
                to_attr="every_notification",
            ),
            Prefetch(
                "deadlines",
                queryset=with_status(
                    Deadline.objects.filter(action=None, agency_request=None).order_by("due_on")
                ),
            ),
            "deadlines__pauses",
            Prefetch(
                "decision__panel_advice",
                queryset=PanelAdvice.all_objects.select_related("withdrawn_by"),
                to_attr="every_advice",
            ),
        )
    )
    return permissions.get_visible_or_404(incidents, user, pk=incident_id)


def deadline_get(*, user, incident: Incident, deadline_id) -> Deadline:
    deadlines = with_status(
        Deadline.objects.filter(incident=incident).select_related("incident", "board")
    ).prefetch_related("pauses")
    return permissions.get_visible_or_404(deadlines, user, pk=deadline_id)


def person_list(*, incident: Incident) -> QuerySet:
    return IncidentPerson.objects.filter(incident=incident).select_related("agency")


def person_get(*, user, incident: Incident, person_id) -> IncidentPerson:
    people = IncidentPerson.objects.filter(incident=incident).select_related("incident__board")
    return permissions.get_visible_or_404(people, user, pk=person_id)


def notification_get(*, incident: Incident, notification_id) -> Notification:
    """A current notification of `incident` (already checked visible), or 404."""
    return get_object_or_404(Notification.objects.filter(incident=incident), pk=notification_id)


def bank_holiday_years() -> list[int]:
    first = BankHoliday.objects.aggregate(first=Min("date"))["first"]
    today = timezone.localdate()
    return list(range(first.year if first else today.year, today.year + 3))


def bank_holiday_list(*, year: int) -> QuerySet:
    return BankHoliday.objects.filter(date__year=year).order_by("date")


# --- Reviews -------------------------------------------------------------------------------


def review_list_for_board(*, user, board: Board) -> QuerySet:
    """The board's reviews the user may open: all of them for those who read the board's cases,
    only their own for lead reviewers."""
    reviews = Review.objects.filter(board=board).select_related("incident")
    if not permissions.can(user, "incidents.view", board):
        reviews = reviews.filter(pk__in=permissions.appointed_review_ids(user))
    return reviews.order_by("-initiated_on")


def review_list_for_reviewer(*, user) -> QuerySet:
    """Every review `user` is appointed to or supervises, on any board (their home page)."""
    # The ids as a union of two indexed lookups: an OR across the join to the appointments
    # made PostgreSQL read every review and every appointment (bench/pages.py).
    appointed = permissions.appointments_in_force().filter(user=user)
    supervised = Review.objects.filter(supervisor=user)
    ids = appointed.order_by().values("review_id").union(supervised.order_by().values("pk"))
    return (
        Review.objects.filter(pk__in=ids)
        .select_related("board", "incident")
        .order_by("-initiated_on")
    )


def appointments_ending_with(*, membership) -> int:
    """How many open appointments to the board's reviews end if this role goes: all of the
    person's, when it is the last role under which they review for the board."""
    if membership.role not in permissions.REVIEWER_ROLES or (
        membership.user.memberships.filter(
            board_id=membership.board_id, role__in=permissions.REVIEWER_ROLES
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
    if count == 1:
        return (
            "Their appointment to 1 review of this board will end today, and with it their "
            "access to that review and their reminders of it."
        )
    return (
        f"Their appointments to {count} reviews of this board will end today, and with them "
        "their access to those reviews and their reminders of them."
    )


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


def review_get(*, user, board_id, review_id, related=()) -> Review:
    """The review, if of the board `board_id` and `user` may see it, else 404; `related` names
    more relations to read in the same query."""
    reviews = Review.objects.filter(board_id=board_id).select_related(
        "board", "incident", "incident__board", "supervisor", *related
    )
    return permissions.get_visible_or_404(reviews, user, pk=review_id)


def review_deadlines(*, review: Review) -> QuerySet:
    """The review's clocks and due dates: statutory ones from its decision on, its agency
    requests and its actions, soonest first."""
    return with_status(
        Deadline.objects.filter(incident_id=review.incident_id).filter(
            Q(clock__in=["complete", "panel_copy"])
            | Q(agency_request__isnull=False)
            | Q(action__isnull=False)
        )
    ).order_by("due_on")


def review_child(*, review: Review, model, pk):
    """An object of the review (a meeting, a finding...), or 404."""
    return get_object_or_404(model.objects.filter(review=review), pk=pk)
