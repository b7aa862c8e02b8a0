"""Reads of the case: incidents, the people involved, notifications, the chair's decision and
the panel's advice, and the choices the API offers when an incident is logged. Every read of
case data is board-scoped."""

import uuid
from collections import defaultdict

from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.http import Http404
from django.shortcuts import get_object_or_404

from boards import roles
from boards.models import Agency, Board, load_timescales
from core import permissions
from deadlines.kinds import STATUTORY
from deadlines.models import ClockPause, Deadline
from reviews.models import (
    Decision,
    Incident,
    IncidentPerson,
    LocalCriterion,
    Notification,
    PanelAdvice,
    ParallelProceeding,
    ReportingRestriction,
)
from reviews.selectors.deadlines import with_status


def incident_list_for_board(*, board: Board, status: str = "") -> QuerySet:
    """The board's current incidents, newest first, each with its next open deadline
    (`next_due_on`); those of one status if given."""
    next_due = (
        Deadline.objects.filter(
            case_id=OuterRef("pk"), met_on__isnull=True, paused_since__isnull=True
        )
        .order_by("due_on")
        .values("due_on")[:1]
    )
    incidents = Incident.objects.filter(board=board).annotate(next_due_on=Subquery(next_due))
    if status:
        incidents = incidents.filter(status=status)
    return incidents.order_by("-notified_on", "reference")


def incident_list_with_withdrawn(*, board: Board) -> QuerySet:
    """Every incident of the board (already checked visible), withdrawn ones too: for the
    list of those withdrawn."""
    return Incident.all_objects.filter(board=board)


def incident_get(*, user, board: Board, incident_id) -> Incident:
    """The incident, if it is of `board` and `user` may see it, else 404."""
    incidents = Incident.objects.filter(board=board).select_related("board")
    return permissions.get_visible_or_404(incidents, user, pk=incident_id)


def incident_detail(*, user, board_id, incident_id) -> Incident:
    """The incident with all its page shows (its board too), if it is of the board `board_id`,
    `user` may see that board and the incident, else 404.

    The board is checked in the incident's own query rather than read first (one query fewer:
    issue 21 keeps a page to 15), and what most incidents have none of (local criteria, paused
    clocks) is read only when the incident has some."""
    boards = permissions.visible(Board.objects.filter(pk=board_id), user)
    criteria = Incident.local_criteria.through.objects.filter(incident_id=OuterRef("pk"))
    incidents = (
        Incident.objects.filter(board_id=board_id, board__in=boards)
        .select_related("board", "decision", "decision__decided_by", "review")
        .annotate(has_local_criteria=Exists(criteria))
        .prefetch_related(
            "agencies",
            # Withdrawn ones too, in the same query: the page lists them apart.
            Prefetch(
                "notifications",
                queryset=Notification.all_objects.select_related(
                    "recorded_by", "withdrawn_by"
                ).order_by("sent_on"),
                to_attr="every_notification",
            ),
            Prefetch(
                "decision__panel_advice",
                queryset=PanelAdvice.all_objects.select_related("withdrawn_by"),
                to_attr="every_advice",
            ),
            Prefetch(
                "proceedings",
                queryset=ParallelProceeding.all_objects.select_related("withdrawn_by"),
                to_attr="every_proceeding",
            ),
            Prefetch(
                "restrictions",
                queryset=ReportingRestriction.all_objects.select_related("withdrawn_by"),
                to_attr="every_restriction",
            ),
        )
    )
    incident = permissions.get_visible_or_404(incidents, user, pk=incident_id)
    if incident.has_local_criteria:
        prefetch_related_objects([incident], "local_criteria")
    else:
        _known_empty([incident], "local_criteria", LocalCriterion)
    return with_clocks([incident], pauses=True)[0]


def _known_empty(instances, related_name: str, model) -> None:
    """Let each instance's `<related_name>.all()` answer none without a query (they are known
    empty): prefetched from an empty queryset, which reads nothing."""
    prefetch_related_objects(instances, Prefetch(related_name, queryset=model.objects.none()))


def with_clocks(incidents, *, pauses: bool = False) -> list[Incident]:
    """The incidents, each with its statutory clocks' deadlines (`clocks`, soonest first, with
    their status) read in one query (and one for their pauses)."""
    incidents = list(incidents)
    deadlines = with_status(
        Deadline.objects.filter(case_id__in=[i.pk for i in incidents], kind=STATUTORY).order_by(
            "due_on"
        )
    )
    if pauses:
        # Most clocks were never paused: their pauses are read only for those that were.
        deadlines = deadlines.annotate(
            was_paused=Exists(ClockPause.objects.filter(deadline_id=OuterRef("pk")))
        )
    deadlines = list(deadlines)
    if pauses:
        prefetch_related_objects([d for d in deadlines if d.was_paused], "pauses")
        _known_empty([d for d in deadlines if not d.was_paused], "pauses", ClockPause)
    by_case = defaultdict(list)
    for deadline in deadlines:
        by_case[deadline.case_id].append(deadline)
    # A clock's length may be its board's own (boards.Timescale): read once for the list.
    load_timescales(incident.board for incident in incidents)
    for incident in incidents:
        incident.clocks = by_case[incident.pk]
        for deadline in incident.clocks:
            deadline.board = incident.board
    return incidents


def incident_lookup(*, user) -> QuerySet:
    """Every incident `user` may see, with its board: where the API finds one by its id."""
    return permissions.visible(Incident.objects.select_related("board"), user)


def _incidents_for_api() -> QuerySet:
    """Its clocks are read per page (`with_clocks`)."""
    return Incident.objects.select_related("board").prefetch_related("agencies", "local_criteria")


def incident_lookup_for_api(*, user) -> QuerySet:
    """Every incident `user` may see, with what the API's incident shows: where the API finds
    one by its id."""
    return permissions.visible(_incidents_for_api(), user)


def incident_list_for_api(*, user, board_id: str = "") -> QuerySet:
    """The incidents of every board where `user` may read cases, newest first, with what the
    API's incident shows; only those of the board `board_id` (as the query gives it), if given."""
    incidents = _incidents_for_api().filter(
        board_id__in=roles.board_ids_where(user, "incidents.view")
    )
    if board_id:
        try:
            incidents = incidents.filter(board_id=uuid.UUID(board_id))
        except ValueError:
            incidents = incidents.none()
    return incidents.order_by("-notified_on", "reference")


def incident_deadlines(*, incident: Incident) -> QuerySet:
    """Every deadline of the incident (already checked visible), with its status."""
    return with_status(incident.deadlines)


def board_list_visible(*, user) -> QuerySet:
    """The boards `user` may see: where the API lets them log an incident (the service then
    checks the role)."""
    return permissions.visible(Board.objects.all(), user)


def agency_list_visible(*, user) -> QuerySet:
    """The agencies of the boards `user` may see: an incident's choices of agency."""
    return permissions.visible(Agency.objects.all(), user)


def local_criterion_list_visible(*, user) -> QuerySet:
    """The local criteria of the boards `user` may see: an incident's choices of criteria."""
    return permissions.visible(LocalCriterion.objects.all(), user)


def agency_list_of_board(*, board_id) -> QuerySet:
    """The agencies of the board `board_id` (a record's board, already checked visible): a
    record's choices of agency."""
    return Agency.objects.filter(board_id=board_id)


def person_list(*, incident: Incident) -> QuerySet:
    """The people involved in the incident (already checked visible), with their agencies."""
    return IncidentPerson.objects.filter(incident=incident).select_related("agency")


def person_list_with_withdrawn(*, incident: Incident) -> QuerySet:
    """Everyone recorded as involved in the incident (already checked visible), withdrawn
    people too: for the list of those withdrawn."""
    return IncidentPerson.all_objects.filter(incident=incident)


def person_get(*, user, incident: Incident, person_id) -> IncidentPerson:
    """Someone involved in the incident, if `user` may see them, else 404."""
    people = IncidentPerson.objects.filter(incident=incident).select_related("incident__board")
    return permissions.get_visible_or_404(people, user, pk=person_id)


def notification_get(*, incident: Incident, notification_id) -> Notification:
    """A current notification of `incident` (already checked visible), or 404."""
    return get_object_or_404(Notification.objects.filter(incident=incident), pk=notification_id)


def decision_exists(*, incident: Incident) -> bool:
    """Whether the chair's decision on the incident (already checked visible) is recorded."""
    return Decision.objects.filter(incident=incident).exists()


def decision_get(*, incident: Incident) -> Decision:
    """The chair's decision on the incident (already checked visible), or 404 while there is
    none."""
    decision = Decision.objects.filter(incident=incident).first()
    if decision is None:
        raise Http404("No decision has been recorded yet")
    return decision


def panel_advice_get(*, incident: Incident, advice_id) -> PanelAdvice:
    """The panel's current advice on the decision on `incident` (already checked visible), or
    404."""
    return get_object_or_404(PanelAdvice.objects.filter(decision__incident=incident), pk=advice_id)


def proceeding_get(*, incident: Incident, proceeding_id) -> ParallelProceeding:
    """A current parallel proceeding of `incident` (already checked visible), or 404."""
    return get_object_or_404(ParallelProceeding.objects.filter(incident=incident), pk=proceeding_id)


def restriction_get(*, incident: Incident, restriction_id) -> ReportingRestriction:
    """A current reporting restriction of `incident` (already checked visible), or 404."""
    return get_object_or_404(
        ReportingRestriction.objects.filter(incident=incident), pk=restriction_id
    )
