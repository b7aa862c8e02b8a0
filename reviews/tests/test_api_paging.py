"""The API's lists of a board's cases, a page at a time in a stable order (API.md: `count`,
`next`, `previous`, `results`; core.api.Pagination)."""

from django.urls import reverse

from core.tests.paging import assert_api_paged
from reviews.tests.factories import decide, log_incident


def test_incidents(api_client_for, business_manager, board):
    def add(n):
        for _ in range(n):  # notified the same day
            log_incident(actor=business_manager, board=board)

    assert_api_paged(
        api_client_for(business_manager),
        reverse("api:incident-list"),
        add=add,
        params={"board": str(board.pk)},
    )


def test_reviews(api_client_for, business_manager, chair, board):
    def add(n):
        for _ in range(n):  # initiated the same day: the order ties but for the key
            decide(actor=chair, incident=log_incident(actor=business_manager, board=board))

    assert_api_paged(
        api_client_for(business_manager),
        reverse("api:review-list"),
        add=add,
        params={"board": str(board.pk)},
    )
