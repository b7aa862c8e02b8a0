import pytest

from boards.models import Board
from boards.tests.factories import BoardFactory, MembershipFactory
from reviews.tests.factories import log_incident


@pytest.fixture
def incident(business_manager, board):
    return log_incident(actor=business_manager, board=board, reference="Child Q")


def board_with_manager(regime, kind="children", nation="england"):
    board = BoardFactory(regime=regime, kind=kind, nation=nation)
    manager = MembershipFactory(board=board, role="business_manager").user
    chair = MembershipFactory(board=board, role="chair").user
    return board, manager, chair


@pytest.fixture
def lscb(db):
    return board_with_manager(Board.Regime.LSCB_2015)


@pytest.fixture
def partners(db):
    return board_with_manager(Board.Regime.PARTNERS_2018)


@pytest.fixture
def sab(db):
    return board_with_manager(Board.Regime.SAB_2014, kind="adults")


@pytest.fixture
def wales(db):
    return board_with_manager(Board.Regime.WALES_2016, nation="wales")
