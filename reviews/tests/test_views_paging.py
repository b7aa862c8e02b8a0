"""The board's lists that grow with its cases, a page at a time (core.paging): incidents,
deadlines, reviews, and the national approved lists of reviewers."""

import datetime as dt

from django.urls import reverse

from core.tests.factories import UserFactory
from core.tests.paging import assert_paged
from reviews.services import calendar
from reviews.tests.factories import decide, log_incident


def test_incidents(client, business_manager, board):
    client.force_login(business_manager)

    def add(n):
        for _ in range(n):  # all notified the same day: the order's first key ties
            log_incident(actor=business_manager, board=board)

    rows = assert_paged(
        client,
        reverse("reviews:incident_list", args=[board.pk]),
        add=add,
        params={"status": "awaiting_decision"},
    )
    assert all("Awaiting decision" in row for row in rows)


def test_deadlines(client, business_manager, board):
    client.force_login(business_manager)

    def add(n):
        for _ in range(n):
            log_incident(actor=business_manager, board=board)

    url = reverse("reviews:deadline_list", args=[board.pk])
    rows = assert_paged(client, url, add=add, params={"clock": "notify_panel"})
    assert all("Notification" in row for row in rows)
    # The download takes the filters, never the page.
    response = client.get(url, {"clock": "notify_panel", "page": "2"})
    export = reverse("insight:export", args=[board.pk, "deadlines"])
    assert f'href="{export}?clock=notify_panel"' in response.content.decode()


def test_reviews(client, business_manager, chair, board):
    client.force_login(business_manager)

    def add(n):
        for _ in range(n):  # all initiated the same day: only the key tells them apart
            decide(actor=chair, incident=log_incident(actor=business_manager, board=board))

    assert_paged(client, reverse("reviews:review_list", args=[board.pk]), add=add)


def test_approved_lists(client, platform_admin):
    client.force_login(platform_admin)
    added = iter(range(1, 100))

    def add(n):
        for _ in range(n):  # namesakes added the same day: every key of the order ties
            calendar.approved_reviewer_add(
                actor=platform_admin,
                user=UserFactory(name="Sam Jones"),
                approved_list="Welsh Government",
                approved_on=dt.date(2026, 1, 6),
                reference=f"WG-{next(added)}",
            )

    assert_paged(client, reverse("approved_reviewers"), add=add)
