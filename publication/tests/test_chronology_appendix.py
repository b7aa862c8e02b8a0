"""The merged chronology is the report's appendix when the reviewers choose."""

import datetime as dt

import pytest
from django.urls import reverse

from publication.assembly import assemble, report_for


@pytest.fixture
def entry(review, agency):
    return review.chronology.create(
        agency=agency,
        occurred_on=dt.date(2016, 5, 1),
        date_certainty="month",
        entry="Referral from school",
        action_taken="Strategy discussion held",
    )


def test_the_reviewers_leave_it_out_and_put_it_back(client, pair, board, review, entry):
    report = report_for(review)
    assert [e.entry for e in assemble(review, report).chronology] == ["Referral from school"]
    client.force_login(pair[0])
    url = reverse("publication:report_chronology", args=[board.pk, review.pk])
    client.post(url, {"include": "no"})
    report.refresh_from_db()
    assert not report.chronology_appendix and report.version == 2
    assert assemble(review, report).chronology == []
    client.post(url, {"include": "yes"})
    report.refresh_from_db()
    assert report.chronology_appendix and report.version == 3


def test_the_board_office_may_not_choose(client, business_manager, board, review, entry):
    client.force_login(business_manager)
    url = reverse("publication:report_chronology", args=[board.pk, review.pk])
    assert client.post(url, {"include": "no"}).status_code == 403
    assert report_for(review).chronology_appendix


def test_what_was_done_is_checked_for_real_names(business_manager, review, entry):
    from publication.services.reports import report_check
    from reviews.services.incidents import person_add

    person_add(actor=business_manager, incident=review.incident, role="subject", name="Amy Tate")
    entry.action_taken = "Spoke to Amy Tate at school"
    entry.save()
    check = report_check(review)
    assert any("what was done" in match.place for match in check.matches)
