"""A reporting restriction or court order holds the report back: the chair cannot decide to
publish while it is in force (one is made on or before today, so it covers any date planned
before it ends); the report cannot be recorded as published inside it; a published report
leaves the public listing while one is in force; the decision page tells the chair why. On the
publication tests' frozen Monday 15 June 2026."""

import datetime as dt

import pytest
from django.urls import reverse

from publication import selectors
from publication.services import publishing
from publication.tests.test_publishing import TODAY, at, fake_pdf, final, publish, ready, refusal
from reviews.services import proceedings

D = dt.date
__all__ = ["fake_pdf", "final", "ready"]  # fixtures of the publishing tests, used here


@pytest.fixture(autouse=True)
def today(frozen):
    return frozen


def restrict(review, manager, ends_on, made_on=TODAY):
    return proceedings.restriction_record(
        actor=manager,
        incident=review.incident,
        kind="reporting_restriction",
        made_by="Crown Court",
        made_on=made_on,
        ends_on=ends_on,
        what_it_forbids="Reporting anything that could identify the child until the trial ends",
    )


def test_the_decision_to_publish_waits_for_the_restriction_to_end(
    final, chair, business_manager, frozen
):
    review = final.review
    restrict(review, business_manager, ends_on=D(2026, 9, 30))
    errors = refusal(
        publishing.publication_decide,
        actor=chair,
        review=review,
        decision="publish",
        planned_on=D(2026, 10, 1),
    )
    assert errors["decision"] == [
        "A reporting restriction made by Crown Court applies until 30 September 2026: the "
        "report cannot be published before it ends"
    ]
    # Deciding not to publish is still the chair's to make.
    publishing.publication_decide(
        actor=chair, review=review, decision="do_not_publish", reasons="The trial is ahead."
    )
    # Once it has ended, the decision can be made for a date after it.
    frozen.move_to(at(D(2026, 10, 1)))
    publication = publishing.publication_decide(
        actor=chair, review=review, decision="publish", planned_on=D(2026, 10, 14)
    )
    assert publication.planned_on == D(2026, 10, 14)


def test_the_decision_page_tells_the_chair_why(client, final, chair, business_manager, board):
    review = final.review
    restrict(review, business_manager, ends_on=D(2026, 9, 30))
    client.force_login(chair)
    page = client.get(reverse("publication:decision", args=[board.pk, review.pk]))
    html = page.content.decode()
    assert "applies until 30 September 2026" in html
    assert "Reporting anything that could identify the child" in html


def test_a_published_report_leaves_the_public_listing_while_one_is_in_force(
    ready, chair, business_manager, frozen, client
):
    review = ready.review
    publication = publish(
        review,
        chair=chair,
        manager=business_manager,
        frozen=frozen,
        planned_on=D(2026, 6, 30),
        sent_on=TODAY,
    )
    assert list(selectors.public_publications(review.board)) == [publication]
    # A court order made after publication (a retrial): the report comes off the listing.
    restrict(review, business_manager, ends_on=D(2026, 12, 31), made_on=D(2026, 6, 30))
    assert list(selectors.public_publications(review.board)) == []
    assert review.board not in selectors.public_boards()
    listing = client.get(reverse("publication:public_board", args=[review.board.pk]))
    assert review.incident.reference not in listing.content.decode()
    frozen.move_to(at(D(2027, 1, 1)))
    assert list(selectors.public_publications(review.board)) == [publication]


def test_not_recorded_as_published_inside_a_restriction(ready, chair, business_manager, frozen):
    review = ready.review
    publishing.publication_decide(
        actor=chair, review=review, decision="publish", planned_on=D(2026, 6, 30)
    )
    publishing.panel_copy_record(actor=business_manager, review=review, sent_on=TODAY)
    restrict(review, business_manager, ends_on=D(2026, 7, 31))
    frozen.move_to(at(D(2026, 6, 30)))
    errors = refusal(
        publishing.publication_record,
        actor=business_manager,
        review=review,
        published_on=D(2026, 6, 30),
        address="https://example.org/child-q",
    )
    assert "applies until 31 July 2026" in errors["published_on"][0]
