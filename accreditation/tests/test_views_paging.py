"""The programme's lists that grow with use, a page at a time (core.paging): the reviewer
directory, the accredited reviewers, the sessions that have taken place, the network meetings."""

import datetime as dt

import pytest
from django.urls import reverse

from accreditation.models import NetworkMeeting
from accreditation.tests.factories import SessionFactory, accredit
from core.tests.factories import UserFactory
from core.tests.paging import assert_paged, table_rows


def add_reviewers(n):
    for _ in range(n):  # namesakes: the directory's order ties but for the key
        accredit(UserFactory(name="Sam Jones"), regions=["london"])


@pytest.mark.parametrize(
    "params",
    [
        {"availability": "available"},
        # The region is filtered in Python (no JSON containment on SQLite): a list is paged.
        {"region": "london", "availability": "available"},
    ],
)
def test_the_reviewer_directory(client, business_manager, params):
    client.force_login(business_manager)
    assert_paged(client, reverse("accreditation:directory"), add=add_reviewers, params=params)


def test_accredited_reviewers(client, staff):
    client.force_login(staff)
    names = iter(range(1, 100))

    def add(n):
        for _ in range(n):  # accredited the same day: the order ties but for the key
            accredit(UserFactory(name=f"Reviewer {next(names)}"))

    assert_paged(client, reverse("accreditation:accreditation_list"), add=add)


def test_sessions_that_have_taken_place(client, staff, clock):
    client.force_login(staff)
    SessionFactory(date=dt.date(2026, 3, 3), title="Ahead")  # listed whole, above

    def add(n):
        for _ in range(n):  # the same day: the order ties but for the title and the key
            SessionFactory(date=dt.date(2026, 1, 13))

    url = reverse("accreditation:session_list")
    rows = assert_paged(
        client,
        url,
        add=add,
        rows=lambda response: table_rows(response, "Sessions that have taken place"),
    )
    assert not any("Ahead" in row for row in rows)
    assert "Ahead" in client.get(url, {"page": "2"}).content.decode()


def test_network_meetings(client, staff):
    client.force_login(staff)

    rooms = iter(range(1, 100))

    def add(n):
        for _ in range(n):  # the same day and title: the order ties but for the key
            NetworkMeeting.objects.create(
                date=dt.date(2026, 1, 20), title="Network meeting", venue=f"Room {next(rooms)}"
            )

    assert_paged(client, reverse("accreditation:meeting_list"), add=add)
