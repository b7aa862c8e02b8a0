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


def test_a_long_chronology_is_checked_entry_by_entry_in_bounded_queries(
    client, business_manager, pair, board, review, agency, django_assert_max_num_queries
):
    """The appendix is read as plain rows (an appendix may hold 10,000 entries), and every
    one of them is still checked: a name in the last entry's practitioner is found, and the
    report page and the API's check make as many queries for 300 entries as for one."""
    from reviews.models import ChronologyEntry
    from reviews.services.incidents import person_add

    person_add(actor=business_manager, incident=review.incident, role="family", name="Rob Tate")
    review.chronology.create(agency=agency, occurred_on=dt.date(2016, 1, 1), entry="Seen")
    client.force_login(pair[0])
    page = reverse("publication:report", args=[board.pk, review.pk])
    check = reverse("api:review-report-check", args=[review.pk])

    def queries(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    queries(page)  # the first opening starts the report
    one = queries(page), queries(check)
    ChronologyEntry.objects.bulk_create(
        ChronologyEntry(
            review=review,
            agency=agency,
            occurred_on=dt.date(2016, 1, 2) + dt.timedelta(days=n % 50),
            entry=f"Contact {n}: home visit, plan agreed.",
            practitioner_role="Mr Tate's GP" if n == 298 else "Health visitor",
        )
        for n in range(299)
    )
    assert (queries(page), queries(check)) == one
    # The API's check: its review (with the report and the incident's board), the report's
    # parts, the names and the dismissals, with the session, the user, the second factor
    # and the access event: within the 15 of issue 21.
    with django_assert_max_num_queries(15):
        response = client.get(check)
    places = [match["place"] for match in response.json()["matches"]]
    assert places == ["Chronology: 19 February 2016: practitioner"]
    content = assemble(review, report_for(review))
    assert len(content.chronology) == 300
    assert content.chronology[-1].agency.name == agency.name
