"""A board's published reports, open to everyone, a page at a time (core.paging): those on the
website first, newest first, then those only on request."""

import datetime as dt
import re

from django.urls import reverse

from core.tests.paging import PER_PAGE, assert_paged
from publication.models import Publication, Rendering, Report
from reviews.tests.factories import decide, log_incident

_CARD = re.compile(r'govuk-summary-card__title">(.*?)</h2>')
_ON_REQUEST = re.compile(r'<ul class="govuk-list"><li>(.*?)</ul>', re.S)


def shown(response) -> list[str]:
    """The reports on the page: each card's title, then each report on request."""
    assert response.status_code == 200
    content = response.content.decode()
    on_request = _ON_REQUEST.findall(content)
    listed = re.findall(r"(?:<li>)?([^<]+?): ", on_request[0]) if on_request else []
    return [title.split(":")[0] for title in _CARD.findall(content)] + listed


def test_the_published_reports_of_a_board(client, board, business_manager, chair):
    def add(n, withdrawn_on=None):
        for _ in range(n):  # published the same day: the order ties but for the key
            incident = log_incident(actor=business_manager, board=board)
            decide(actor=chair, incident=incident)
            incident.refresh_from_db()
            report, _ = Report.objects.get_or_create(review=incident.review)
            pdfs = {
                field: Rendering.objects.create(
                    report=report,
                    kind=kind,
                    report_version=1,
                    report_status=Report.Status.FINAL,
                    requested_by=chair,
                    state=Rendering.State.READY,
                    pages=4,
                )
                for field, kind in (("report_pdf", "report"), ("brief_pdf", "brief"))
            }
            Publication.objects.create(
                review=incident.review,
                **pdfs,
                decision=Publication.Decision.PUBLISH,
                decided_by=chair,
                decided_on=dt.date(2026, 4, 1),
                published_on=dt.date(2026, 6, 30),
                withdrawn_on=withdrawn_on,
            )

    url = reverse("publication:public_board", args=[board.pk])
    online = assert_paged(client, url, add=add, rows=shown)
    add(PER_PAGE, withdrawn_on=dt.date(2027, 7, 1))
    pages = [shown(client.get(url, {"page": str(n)})) for n in range(1, 5)]
    # Every report on the website comes before those on request, on either database (which
    # put an empty date at opposite ends of an order).
    assert [row for page in pages for row in page][: len(online)] == online
    assert len({row for page in pages for row in page}) == len(online) + PER_PAGE
    last = client.get(url, {"page": "4"}).content.decode()
    assert "Available on request" in last
    assert "No reports are on the website now." not in last
