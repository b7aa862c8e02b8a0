import datetime as dt

import pytest
import time_machine

from boards.tests.factories import AgencyFactory, MembershipFactory
from core.tests.factories import UserFactory
from publication.models import Publication, Rendering, Report
from reviews.models import Finding, FindingCategory
from reviews.services.incidents import person_add
from reviews.tests.factories import decide, log_incident

PUBLISHED_ON = dt.date(2026, 5, 1)
SUBJECT = "Jayden Realname"


@pytest.fixture(autouse=True)
def frozen():
    """Today is Monday 15 June 2026: after the review's publication on 1 May 2026."""
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC), tick=False) as clock:
        yield clock


def publish(review, *, chair, brief=True, published_on=PUBLISHED_ON):
    report, __ = Report.objects.get_or_create(review=review)
    pdfs = {
        field: Rendering.objects.create(
            report=report,
            kind=kind,
            report_version=1,
            report_status=Report.Status.FINAL,
            requested_by=chair,
            state=Rendering.State.READY,
            pages=2,
        )
        for field, kind in (("report_pdf", "report"), ("brief_pdf", "brief"))
        if brief or kind == "report"
    }
    return Publication.objects.create(
        review=review,
        **pdfs,
        decision=Publication.Decision.PUBLISH,
        decided_by=chair,
        decided_on=dt.date(2026, 4, 1),
        published_on=published_on,
    )


def a_review(board, business_manager, chair):
    incident = log_incident(actor=business_manager, board=board)
    person_add(actor=business_manager, incident=incident, role="subject", name=SUBJECT)
    decide(actor=chair, incident=incident)
    incident.refresh_from_db()
    return incident.review


@pytest.fixture
def published(board, business_manager, chair):
    """A review of the board whose report and learning brief are published, with a finding."""
    review = a_review(board, business_manager, chair)
    Finding.objects.create(
        review=review,
        category=FindingCategory.objects.first(),
        title="Information was not shared",
        manifested="Here",
    )
    publish(review, chair=chair)
    return review


@pytest.fixture
def unpublished(board, business_manager, chair):
    return a_review(board, business_manager, chair)


@pytest.fixture
def health(board):
    return AgencyFactory(board=board, name="Northshire Community Health NHS Trust")


@pytest.fixture
def school(board):
    return AgencyFactory(board=board, name="Riverside Primary School")


@pytest.fixture
def contacts(board, agency, health, school):
    """Board members linked to each agency: two of the police, one each of health and school."""

    def linked(agency, email, role="member"):
        user = UserFactory(email=email, name=email.split("@")[0])
        MembershipFactory(board=board, role=role, user=user, agency=agency)
        return user

    return {
        "police": [
            linked(agency, "pc.one@police.example"),
            linked(agency, "pc.two@police.example"),
        ],
        "health": [linked(health, "nurse@health.example")],
        "school": [linked(school, "head@school.example", role="viewer")],
    }
