"""Finding 9 and issue 16 item 11: a page shows every error of its form at once, and every
message names its field. The incident form said "invalid date", then on the next try "future
date", then "wrong order"; "The date must be today or in the past" did not say which date."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from reviews.models import AgencyRequest, Incident

D = dt.date


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC), tick=False):
        yield


def date_data(prefix, day, month, year):
    return {f"{prefix}_0": day, f"{prefix}_1": month, f"{prefix}_2": year}


def incident_data(**overrides):
    return {
        "reference": "Child R",
        "subject_kind": "child",
        **date_data("incident_on", 1, 3, 2026),
        **date_data("la_aware_on", 2, 3, 2026),
        **date_data("notified_on", 3, 3, 2026),
        "notifier": "Children's services",
        "facts": ["died"],
        **overrides,
    }


def test_the_incident_form_shows_every_error_at_once(client, business_manager, board):
    client.force_login(business_manager)
    response = client.post(
        reverse("reviews:incident_log", args=[board.pk]),
        incident_data(
            reference="Child " + "R" * 60,
            **date_data("incident_on", 31, 2, 2026),  # not a real date
            **date_data("la_aware_on", 25, 3, 2026),  # in the future
            **date_data("notified_on", 10, 3, 2026),  # before the local authority knew
        ),
    )
    html = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 200
    for message in [
        "Case reference must be 60 characters or less",
        "The date of the incident must be a real date",
        "The date the local authority became aware must be today or in the past",
        "The date the board was notified must be on or after the date the local authority "
        "became aware",
    ]:
        assert html.count(message) == 2, message  # in the summary and by the field
    assert "<title>Error: " in html and "Error: Error:" not in html
    assert not Incident.objects.exists()


def test_the_order_of_dates_shows_with_the_other_fields_errors(client, business_manager, board):
    client.force_login(business_manager)
    response = client.post(
        reverse("reviews:incident_log", args=[board.pk]),
        incident_data(
            notifier="",
            **date_data("incident_on", 5, 3, 2026),
            **date_data("la_aware_on", 4, 3, 2026),
        ),
    )
    html = response.content.decode()
    assert "Enter who notified the board" in html
    assert (
        "The date the local authority became aware must be on or after the date of the incident"
        in html
    )


def test_the_api_names_every_wrong_date_at_once(api_client_for, business_manager, board):
    response = api_client_for(business_manager).post(
        reverse("api:incident-list"),
        {
            "board": str(board.pk),
            "reference": "Child R",
            "subject_kind": "child",
            "incident_on": "2026-03-25",
            "la_aware_on": "2026-03-02",
            "notified_on": "2026-03-01",
            "notifier": "Children's services",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "incident_on": ["The date of the incident must be today or in the past"],
        "la_aware_on": [
            "The date the local authority became aware must be on or after the date of the incident"
        ],
        "notified_on": [
            "The date the board was notified must be on or after the date the local authority "
            "became aware"
        ],
    }


def test_a_request_form_shows_both_its_date_errors(client, business_manager, board, review, agency):
    client.force_login(business_manager)
    response = client.post(
        reverse("reviews:agency_request_add", args=[board.pk, review.pk]),
        {
            "agency": str(agency.pk),
            "details": "Records",
            **date_data("requested_on", 25, 3, 2026),
            **date_data("due_on", 5, 3, 2026),
        },
    )
    html = response.content.decode()
    assert "The date of the request must be today or in the past" in html
    assert "The date the information is due must be on or after the date of the request" in html
    assert not AgencyRequest.objects.exists()


def test_the_service_refuses_both_dates_of_a_request_at_once(business_manager, review, agency):
    from django.core.exceptions import ValidationError

    from reviews.services.engagement import agency_request_add

    with pytest.raises(ValidationError) as refused:
        agency_request_add(
            actor=business_manager,
            review=review,
            agency=agency,
            details="Records",
            requested_on=D(2026, 3, 25),
            due_on=D(2026, 3, 5),
        )
    assert refused.value.message_dict == {
        "requested_on": ["The date of the request must be today or in the past"],
        "due_on": ["The date the information is due must be on or after the date of the request"],
    }


@pytest.mark.parametrize(
    ("field", "name"),
    [
        ("sent_on", "The date it was sent"),
        ("on", "The date of this update"),
        ("held_on", "The date it was held"),
    ],
)
def test_a_future_date_is_named(field, name):
    from django.core.exceptions import ValidationError

    from core.validation import not_in_future

    with pytest.raises(ValidationError) as refused:
        not_in_future(**{field: D(2026, 3, 21)})
    assert refused.value.message_dict == {field: [f"{name} must be today or in the past"]}
