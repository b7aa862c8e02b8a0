import datetime as dt

import pytest
import time_machine

# Monday 2 March 2026, 06:00 London (GMT): before the 07:00 send time.
START = dt.datetime(2026, 3, 2, 6, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def incident(business_manager, board, clock):
    """Aware Monday 2 March: the notification is due Monday 9 March (5 working days)."""
    from reviews.tests.factories import log_incident

    return log_incident(
        actor=business_manager,
        board=board,
        reference="Child Q",
        incident_on=dt.date(2026, 3, 1),
        la_aware_on=dt.date(2026, 3, 2),
        notified_on=dt.date(2026, 3, 2),
    )


@pytest.fixture
def notify(incident):
    return incident.deadlines.get(clock="notify_panel")
