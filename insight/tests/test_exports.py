"""CSV exports and the calendar feed parse back with the standard library, name cases by
reference only, follow the filters, and give nothing to anyone else."""

import csv
import datetime as dt
import io

import icalendar
import pytest
import time_machine
from django.urls import reverse

from insight.models import CalendarFeed
from reviews.models import IncidentPerson
from reviews.services.incidents import person_add
from reviews.tests.factories import decide, log_incident

D = dt.date


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def cases(board, business_manager, chair):
    first = log_incident(actor=business_manager, board=board, reference="Child A")
    person_add(actor=business_manager, incident=first, role="subject", name="Zebedee Quill")
    decide(actor=chair, incident=first)
    second = log_incident(actor=business_manager, board=board, reference="=HYPERLINK(1)")
    return first, second


def rows_of(response) -> list[dict]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def export(client, board, kind, **params):
    return client.get(reverse("insight:export", args=[board.pk, kind]), params)


def test_incidents_export_with_the_lists_filter(client, member, board, cases):
    client.force_login(member)
    rows = rows_of(export(client, board, "incidents"))
    assert {row["Reference"] for row in rows} == {"Child A", "'=HYPERLINK(1)"}
    initiated = rows_of(export(client, board, "incidents", status="review_initiated"))
    assert [row["Reference"] for row in initiated] == ["Child A"]
    assert "Zebedee" not in export(client, board, "incidents").content.decode()
    assert IncidentPerson.objects.filter(name="Zebedee Quill").exists()


def test_reviews_actions_and_deadlines_export(client, chair, board, cases):
    client.force_login(chair)
    reviews = rows_of(export(client, board, "reviews"))
    assert [row["Reference"] for row in reviews] == ["Child A"]
    assert rows_of(export(client, board, "actions")) == []
    deadlines = rows_of(export(client, board, "deadlines"))
    assert deadlines and all(row["Due"] for row in deadlines)
    overdue = rows_of(export(client, board, "deadlines", status="overdue"))
    assert all(row["Status"] == "Overdue" for row in overdue)
    assert export(client, board, "people").status_code == 404


def test_nothing_for_another_board_or_a_lead_reviewer(
    client, other_board_user, lead_reviewer, board, cases
):
    client.force_login(other_board_user)
    assert export(client, board, "incidents").status_code == 404
    client.force_login(lead_reviewer)
    assert export(client, board, "incidents").status_code == 403


def parse_ical(content: bytes) -> list:
    """The feed read back by icalendar, after checking the lines RFC 5545 asks for: ended by
    CRLF and folded at 75 octets."""
    assert content.endswith(b"\r\n")
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(content)
    assert calendar["VERSION"] == "2.0"
    return calendar.walk("VEVENT")


def test_the_calendar_feed_lists_the_users_deadlines(client, business_manager, cases):
    client.force_login(business_manager)
    assert client.get(reverse("insight:calendar")).status_code == 200
    client.post(reverse("insight:calendar"), {"action": "renew"})
    feed = CalendarFeed.objects.get(user=business_manager)
    client.logout()  # a calendar program does not sign in
    response = client.get(reverse("insight:feed", args=[feed.token]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = parse_ical(response.content)
    assert events
    assert all(event["SUMMARY"].startswith(("Child A", "=HYPERLINK")) for event in events)
    assert all(type(event.decoded("DTSTART")) is dt.date for event in events)
    assert "Zebedee" not in response.content.decode()


def test_a_new_address_revokes_the_old_and_turning_off_revokes_all(client, business_manager):
    client.force_login(business_manager)
    client.post(reverse("insight:calendar"), {"action": "renew"})
    old = CalendarFeed.objects.get(user=business_manager).token
    client.post(reverse("insight:calendar"), {"action": "renew"})
    new = CalendarFeed.objects.get(user=business_manager).token
    assert new != old
    assert client.get(reverse("insight:feed", args=[old])).status_code == 404
    assert client.get(reverse("insight:feed", args=[new])).status_code == 200
    client.post(reverse("insight:calendar"), {"action": "revoke"})
    assert client.get(reverse("insight:feed", args=[new])).status_code == 404
    assert client.get(reverse("insight:feed", args=["not-a-token"])).status_code == 404


def test_a_disabled_users_feed_stops(client, business_manager):
    feed = CalendarFeed.objects.create(user=business_manager)
    business_manager.is_active = False
    business_manager.save()
    assert client.get(reverse("insight:feed", args=[feed.token])).status_code == 404


def test_the_feed_keeps_commas_semicolons_and_long_welsh_words_intact(
    client, business_manager, board
):
    """What RFC 5545 escapes or folds (commas, semicolons, backslashes, lines past 75 octets,
    a Welsh letter cut by a fold) reads back exactly as written."""
    reference = "Plentyn Ŵ; adolygiad, cam\\" + "ŵŷ" * 16
    log_incident(actor=business_manager, board=board, reference=reference)
    feed = CalendarFeed.objects.create(user=business_manager)
    events = parse_ical(client.get(reverse("insight:feed", args=[feed.token])).content)
    assert events
    assert all(str(event["SUMMARY"]).startswith(reference + ": ") for event in events)
