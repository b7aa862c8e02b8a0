import datetime as dt

import pytest
import time_machine

from publication import sample

# The review fixtures, shared with the reviews app (imported so pytest finds them here too).
from reviews.tests.conftest import (  # noqa: F401
    agency_day,
    health,
    incident,
    nurse,
    officer,
    pair,
    police,
    review,
    supervisor,
)


@pytest.fixture
def frozen():
    """Today is Monday 15 June 2026 (after the fixtures' incident and decision)."""
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC), tick=False) as clock:
        yield clock


@pytest.fixture
def supervised(review, supervisor):  # noqa: F811
    review.supervisor = supervisor
    review.save()
    return review


@pytest.fixture
def report(supervised, pair, supervisor, chair, agency):  # noqa: F811
    """A report of the review, every section written, from its findings and records."""
    return sample.fill_review(supervised, supervisor=supervisor, chair=chair)


@pytest.fixture
def approved(report, supervisor, chair):  # noqa: F811
    """The report, quality-assured and approved by the board: ready for the chair's sign-off."""
    return sample.approve(report, supervisor=supervisor, chair=chair)
