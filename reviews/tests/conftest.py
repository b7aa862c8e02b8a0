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


@pytest.fixture
def review(incident, chair):
    from reviews.tests.factories import decide

    decide(actor=chair, incident=incident, decided_on=incident.notified_on)
    incident.refresh_from_db()
    return incident.review


@pytest.fixture
def supervisor(db):
    from core.tests.factories import UserFactory

    return UserFactory(name="Sue Pervisor", is_accreditation_staff=True)


@pytest.fixture
def pair(review, board, business_manager):
    """Two accredited lead reviewers of the board, appointed to the review with independence
    declared."""
    from accreditation.tests.factories import accredit
    from reviews.services.reviews import reviewer_appoint

    appointed = []
    for name, role in [("Lena Lead", "lead"), ("Colin Colead", "co_lead")]:
        user = MembershipFactory(board=board, role="lead_reviewer", user__name=name).user
        accredit(user)
        appointed.append(
            reviewer_appoint(
                actor=business_manager,
                review=review,
                user=user,
                role=role,
                independence_declared=True,
                appointed_on=review.initiated_on,
            ).user
        )
    return appointed


@pytest.fixture
def agency_day():
    """9:00 on Monday 15 June 2026 (`factories.TODAY`), frozen."""
    import datetime as dt

    import time_machine

    with time_machine.travel(dt.datetime(2026, 6, 15, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def police(board):
    from boards.tests.factories import AgencyFactory

    return AgencyFactory(board=board, name="Northshire Police", sector="police")


@pytest.fixture
def health(board):
    from boards.tests.factories import AgencyFactory

    return AgencyFactory(board=board, name="Northshire Health Trust", sector="health")


@pytest.fixture
def officer(business_manager, review, police):
    from reviews.tests.factories import invite

    return invite(business_manager, review, police, "pc.jones@police.example", "Pat Jones").user


@pytest.fixture
def nurse(business_manager, review, health):
    from reviews.tests.factories import invite

    return invite(business_manager, review, health, "n.patel@health.example", "Nina Patel").user


def _sent(business_manager, review, agency):
    from reviews.services import contributions
    from reviews.tests.factories import ask

    request = ask(business_manager, review, agency)
    return contributions.agency_request_send(actor=business_manager, request=request)


@pytest.fixture
def police_request(business_manager, review, police, officer):
    return _sent(business_manager, review, police)


@pytest.fixture
def health_request(business_manager, review, health, nurse):
    return _sent(business_manager, review, health)
