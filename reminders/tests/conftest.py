import datetime as dt

import pytest
import time_machine

# Monday 2 March 2026, 06:00 London (GMT): before the 07:00 send time.
START = dt.datetime(2026, 3, 2, 6, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def aware_on_2_march(*, actor, board, **values):
    """An incident the local authority knew of on Monday 2 March 2026 (notified that day): its
    notification is due Monday 9 March (5 working days)."""
    from reviews.tests.factories import log_incident

    dates = {
        "incident_on": dt.date(2026, 3, 1),
        "la_aware_on": dt.date(2026, 3, 2),
        "notified_on": dt.date(2026, 3, 2),
    }
    return log_incident(actor=actor, board=board, **{**dates, **values})


@pytest.fixture
def incident(business_manager, board, clock):
    return aware_on_2_march(actor=business_manager, board=board, reference="Child Q")


@pytest.fixture
def notify(incident):
    return incident.deadlines.get(clock="notify_panel")
