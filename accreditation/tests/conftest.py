import datetime as dt

import pytest
import time_machine

from accreditation.services import cohorts
from accreditation.tests.factories import CohortFactory, ProgrammeFactory

# Tuesday 10 February 2026, noon: the cohort below is open for applications.
TODAY = dt.datetime(2026, 2, 10, 12, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def staff(db):
    from core.tests.factories import UserFactory

    return UserFactory(name="Alex Staff", is_accreditation_staff=True)


@pytest.fixture
def second_staff(db):
    from core.tests.factories import UserFactory

    return UserFactory(name="Sam Moderator", is_accreditation_staff=True)


@pytest.fixture
def applicant(db):
    from core.tests.factories import UserFactory

    return UserFactory(name="Ann Applicant")


@pytest.fixture
def cohort(staff, clock):
    """Open 5 January to 27 February 2026, two places, two questions, two criteria, and four
    training days in March."""
    cohort = CohortFactory(programme=ProgrammeFactory(), name="Spring 2026", places=2)
    for text in ("Why do you want to lead reviews?", "Tell us about a review you took part in."):
        cohorts.question_add(actor=staff, cohort=cohort, text=text)
    for text in ("Experience of safeguarding practice", "Understanding of systems thinking"):
        cohorts.criterion_add(actor=staff, cohort=cohort, text=text, max_score=5)
    for day, block in [(3, 1), (4, 1), (17, 2), (18, 2)]:
        cohorts.training_day_add(
            actor=staff, cohort=cohort, date=dt.date(2026, 3, day), block=block
        )
    return cohort


@pytest.fixture
def review(business_manager, chair, board, clock):
    """A Learning Together review of the board, initiated on 20 January 2026."""
    from reviews.tests.factories import decide, log_incident

    incident = log_incident(
        actor=business_manager,
        board=board,
        incident_on=dt.date(2026, 1, 5),
        la_aware_on=dt.date(2026, 1, 6),
        notified_on=dt.date(2026, 1, 7),
    )
    decide(actor=chair, incident=incident, decided_on=dt.date(2026, 1, 20))
    incident.refresh_from_db()
    return incident.review
