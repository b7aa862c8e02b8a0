"""Reads of boards, members and agencies. Every read is scoped by `core.permissions.visible`."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from boards import roles
from boards.models import Agency, Board, Membership
from core import permissions


@dataclass(frozen=True)
class BoardWithRoles:
    board: Board
    roles: list[str]


def board_list_for_user(*, user) -> list[BoardWithRoles]:
    """The boards `user` holds a role on, each with the user's roles there."""
    memberships = (
        Membership.objects.filter(user=user).select_related("board").order_by("board__name")
    )
    by_board: dict = {}
    for membership in memberships:
        entry = by_board.setdefault(membership.board_id, (membership.board, []))
        entry[1].append(membership.get_role_display())
    return [BoardWithRoles(board=board, roles=sorted(roles)) for board, roles in by_board.values()]


def board_list_all(*, actor):
    permissions.require(actor, "board.list_all")
    return Board.objects.order_by("name")


def boards_for_api(*, user, listing: bool) -> QuerySet:
    """The boards of the API: its list holds the boards `user` has a role on (API.md), each
    with the user's memberships (`my_memberships`); one board is any `user` may see. No user
    (the API schema being drawn): none."""
    if user is None:
        return Board.objects.none()
    if listing:
        mine = roles.memberships_of(user)
        return (
            Board.objects.filter(pk__in=mine.values("board_id"))
            .prefetch_related(Prefetch("memberships", queryset=mine, to_attr="my_memberships"))
            .order_by("name")
        )
    return permissions.visible(Board.objects.order_by("name"), user)


def board_get(*, user, board_id) -> Board:
    """The board if `user` may see it, else 404."""
    return permissions.get_visible_or_404(Board.objects.all(), user, pk=board_id)


def board_detail(*, user, board_id) -> Board:
    """The board with its members and agencies loaded, if `user` may see it, else 404."""
    boards = Board.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("user")),
        Prefetch("agencies", queryset=Agency.objects.order_by("name")),
        "local_criteria",
    )
    return permissions.get_visible_or_404(boards, user, pk=board_id)


def membership_list(*, board: Board):
    return Membership.objects.filter(board=board).select_related("user")


def agency_list(*, board: Board):
    return Agency.objects.filter(board=board)


def membership_get(*, user, board: Board, membership_id) -> Membership:
    return permissions.get_visible_or_404(
        Membership.objects.filter(board=board).select_related("user", "board"),
        user,
        pk=membership_id,
    )


def agency_get(*, user, board: Board, agency_id) -> Agency:
    return permissions.get_visible_or_404(
        Agency.objects.filter(board=board).select_related("board"), user, pk=agency_id
    )


def board_names_except(*, board: Board) -> QuerySet:
    """Every other board, by name: whom a joint review may be proposed to (a board's name and
    nation are public; nothing of its cases is read)."""
    return Board.objects.exclude(pk=board.pk).only("id", "name", "nation").order_by("name")
