"""From draft to the public listing, through the services, on a frozen clock."""

import datetime as dt

import pytest

from publication import selectors
from publication.models import Rendering, Report
from publication.services import publishing, reports

D = dt.date


@pytest.mark.pdf
def test_draft_to_public_listing(frozen, report, pair, supervisor, chair, business_manager):
    lead = pair[0]
    report = reports.report_section_save(
        actor=lead, report=report, code="further_work", text="An audit next year."
    )
    report = reports.report_quality_assure(actor=supervisor, report=report)
    report = reports.report_approve(actor=chair, report=report)
    report = reports.report_sign_off(actor=chair, report=report)
    assert report.status == Report.Status.FINAL
    for kind in ("report", "brief"):
        rendering = reports.rendering_request(actor=lead, report=report, kind=kind)
        done = reports.rendering_run(rendering.pk)
        assert done.state == Rendering.State.READY, done.failure_reason
    review = report.review
    publication = publishing.publication_decide(
        actor=chair, review=review, decision="publish", planned_on=D(2026, 6, 30)
    )
    publishing.panel_copy_record(actor=business_manager, review=review, sent_on=D(2026, 6, 15))
    frozen.move_to(dt.datetime(2026, 6, 30, 12, tzinfo=dt.UTC))
    publication = publishing.publication_record(
        actor=business_manager,
        review=review,
        published_on=D(2026, 6, 30),
        address="https://example.org/child-q",
    )
    assert publication.is_published
    assert list(selectors.public_publications(review.board)) == [publication]
    found, counts = selectors.library_search(words="strategy")
    assert found.count() == 3
