"""The role × action table of docs/permissions.md, checked rule by rule."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from boards.models import Agency, Board, Membership
from core import permissions

Role = Membership.Role

# The table of docs/permissions.md. True: allowed on the user's own board.
EXPECTED = {
    #                   BM     chair  member reviewer viewer admin
    "board.view": (True, True, True, True, True, True),
    "members.view": (True, True, True, True, True, True),
    "members.manage": (True, False, False, False, False, True),
    "agencies.view": (True, True, True, True, True, True),
    "agencies.manage": (True, False, False, False, False, False),
    "board.create": (False, False, False, False, False, True),
    "board.list_all": (False, False, False, False, False, True),
    "service.status": (False, False, False, False, False, True),
    "board.edit": (False, False, False, False, False, True),
    "bank_holidays.manage": (False, False, False, False, False, True),
    "local_criteria.manage": (True, False, False, False, False, False),
    "incidents.view": (True, True, True, False, True, False),
    "incidents.manage": (True, False, False, False, False, False),
    "people.view": (True, True, False, False, False, False),
    "people.manage": (True, False, False, False, False, False),
    "decisions.record": (False, True, False, False, False, False),
    "panel_advice.record": (True, True, False, False, False, False),
    "deadlines.view": (True, True, True, False, True, False),
    "clocks.pause": (True, False, False, False, False, False),
}
ORDER = [Role.BUSINESS_MANAGER, Role.CHAIR, Role.MEMBER, Role.LEAD_REVIEWER, Role.VIEWER]


@pytest.mark.parametrize("action", EXPECTED)
def test_role_action_table(action, role_users, platform_admin, board):
    users = [role_users[role] for role in ORDER] + [platform_admin]
    got = tuple(permissions.can(user, action, board) for user in users)
    assert got == EXPECTED[action]


@pytest.mark.parametrize("action", EXPECTED)
def test_roles_on_another_board_give_nothing(action, other_board_user, board):
    assert not permissions.can(other_board_user, action, board)


def test_every_rule_is_in_the_table():
    assert set(EXPECTED) | {"signed_in"} == set(permissions.policy)


def test_rules_about_agencies_follow_the_agency_to_its_board(business_manager, agency, board):
    assert permissions.can(business_manager, "agencies.manage", agency)


def test_a_disabled_user_has_no_role(business_manager, board):
    business_manager.is_active = False
    assert not permissions.can(business_manager, "board.view", board)
    assert not permissions.can(business_manager, "signed_in")


def test_require_raises_403(viewer, board):
    with pytest.raises(PermissionDenied):
        permissions.require(viewer, "members.manage", board)


class TestVisible:
    def test_members_see_their_boards_objects_only(self, member, board, agency, other_board):
        Agency.objects.create(board=other_board, name="Elsewhere Police", sector="police")
        assert list(permissions.visible(Board.objects.all(), member)) == [board]
        assert list(permissions.visible(Agency.objects.all(), member)) == [agency]

    def test_several_roles_do_not_repeat_a_board(self, member, board):
        Membership.objects.create(user=member, board=board, role=Role.VIEWER)
        assert list(permissions.visible(Board.objects.all(), member)) == [board]

    def test_platform_admin_sees_every_boards_organisation(
        self, platform_admin, board, other_board
    ):
        assert set(permissions.visible(Board.objects.all(), platform_admin)) == {board, other_board}

    def test_anonymous_sees_nothing(self, board):
        from django.contrib.auth.models import AnonymousUser

        assert not permissions.visible(Board.objects.all(), AnonymousUser()).exists()

    def test_outsider_gets_404_not_403(self, other_board_user, board):
        with pytest.raises(Http404):
            permissions.get_visible_or_404(Board.objects.all(), other_board_user, pk=board.pk)


def test_roles_are_read_once_per_user_object(member, board, django_assert_num_queries):
    with django_assert_num_queries(1):
        for _ in range(3):
            permissions.can(member, "board.view", board)
            permissions.can(member, "members.manage", board)
