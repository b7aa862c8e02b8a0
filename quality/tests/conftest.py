import pytest

from core.tests.clients import VerifiedClient
from reviews.tests.factories import decide, log_incident


@pytest.fixture
def review(business_manager, chair, board):
    """A child's review (a local child safeguarding practice review) of the board."""
    incident = log_incident(actor=business_manager, board=board, reference="Child Q")
    decide(actor=chair, incident=incident)
    return incident.review


@pytest.fixture
def signed_in():
    def client_of(user):
        client = VerifiedClient()
        client.force_login(user)
        return client

    return client_of
