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
