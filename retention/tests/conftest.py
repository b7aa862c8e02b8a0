import pytest

from boards.tests.factories import MembershipFactory


@pytest.fixture
def supervisor(db):
    from core.tests.factories import UserFactory

    return UserFactory(name="Sue Pervisor", is_accreditation_staff=True)


@pytest.fixture
def other_board_people(other_board):
    manager = MembershipFactory(board=other_board, role="business_manager").user
    chair = MembershipFactory(board=other_board, role="chair").user
    return manager, chair
