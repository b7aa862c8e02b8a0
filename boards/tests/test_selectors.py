import pytest
from django.core.exceptions import PermissionDenied

from boards import selectors
from boards.models import Membership


def test_board_list_for_user_gives_each_board_once_with_all_my_roles(member, board, other_board):
    Membership.objects.create(user=member, board=board, role=Membership.Role.LEAD_REVIEWER)
    Membership.objects.create(user=member, board=other_board, role=Membership.Role.VIEWER)
    listed = selectors.board_list_for_user(user=member)
    assert [(e.board, e.roles) for e in listed] == [
        (board, ["Board member", "Lead reviewer"]),
        (other_board, ["Viewer"]),
    ]


def test_board_list_all_is_for_platform_admins(platform_admin, member, board, other_board):
    assert set(selectors.board_list_all(actor=platform_admin)) == {board, other_board}
    with pytest.raises(PermissionDenied):
        selectors.board_list_all(actor=member)


def test_board_get_and_detail_are_404_for_a_user_without_a_role(
    member, other_board_user, platform_admin, board
):
    from django.http import Http404

    assert selectors.board_get(user=member, board_id=board.pk) == board
    assert selectors.board_detail(user=platform_admin, board_id=board.pk) == board
    for read in (selectors.board_get, selectors.board_detail):
        with pytest.raises(Http404):
            read(user=other_board_user, board_id=board.pk)


def test_membership_and_agency_of_another_board_are_404_through_this_board(
    member, board, other_board, agency
):
    from django.http import Http404

    from boards.tests.factories import AgencyFactory, MembershipFactory

    mine = Membership.objects.get(user=member, board=board)
    assert selectors.membership_get(user=member, board=board, membership_id=mine.pk) == mine
    assert selectors.agency_get(user=member, board=board, agency_id=agency.pk) == agency
    foreign_membership = MembershipFactory(board=other_board)
    foreign_agency = AgencyFactory(board=other_board)
    with pytest.raises(Http404):
        selectors.membership_get(user=member, board=board, membership_id=foreign_membership.pk)
    with pytest.raises(Http404):
        selectors.agency_get(user=member, board=board, agency_id=foreign_agency.pk)
