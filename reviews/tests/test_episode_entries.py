"""Choosing the chronology entries a key practice episode draws on, from a chronology that may
hold 10,000: the form offers the entries already chosen (always, checked) and the first that
match the filters in its address (dates, agency, words), and says how many more match."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.models import ChronologyEntry, KeyPracticeEpisode
from reviews.selectors.chronology import EPISODE_CHOICES
from reviews.services import analysis

D = dt.date


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC), tick=False):
        yield


def url(name, review, *args):
    return reverse(f"reviews:{name}", args=[review.board_id, review.pk, *args])


def date_data(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def add_entries(review, agency, count, start=None):
    start = start or D(2020, 1, 1)
    ChronologyEntry.objects.bulk_create(
        ChronologyEntry(
            review=review,
            agency=agency,
            occurred_on=start + dt.timedelta(days=n),
            entry=f"{agency.name} contact {n}",
        )
        for n in range(count)
    )


def offered(html) -> list[str]:
    """The values of the entries' checkboxes, and which are checked."""
    return re.findall(r'name="chronology_entries"[^>]*value="([^"]+)"', html)


def checked(html) -> list[str]:
    return re.findall(
        r'name="chronology_entries"[^>]*value="([^"]+)"\s*checked="checked"',
        html.replace("\n", " "),
    )


def page(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_form_offers_a_bounded_number_of_entries_in_bounded_queries(
    client, review, pair, police, health
):
    add_entries(review, police, 60)
    episode = analysis.episode_add(
        actor=pair[0],
        review=review,
        occurred_on=D(2020, 1, 2),
        title="Visit",
        what_happened="x",
        chronology_entries=list(review.chronology.all()[:1]),
    )
    client.force_login(pair[0])
    edit = url("episode_edit", review, episode.pk)
    _html, few = page(client, edit)
    add_entries(review, police, 200, start=D(2021, 1, 1))
    add_entries(review, health, 200, start=D(2021, 1, 1))
    late = ChronologyEntry.objects.filter(agency=health).order_by("-occurred_on").first()
    episode.chronology_entries.add(late)
    html, many = page(client, edit)
    assert many == few  # the chosen, the first offered and their count: whatever the number
    values = offered(html)
    assert len(values) == EPISODE_CHOICES + 2  # the two chosen, then the first 50 others
    assert set(checked(html)) == {
        str(pk) for pk in episode.chronology_entries.values_list("pk", flat=True)
    }
    assert str(late.pk) in values
    assert "Showing the first 50 of 458 entries that match the filters" in html
    html, _queries = page(client, url("episode_add", review))
    assert len(offered(html)) == EPISODE_CHOICES and checked(html) == []


def test_the_filters_narrow_the_entries_offered_and_keep_those_chosen(
    client, review, pair, police, health
):
    add_entries(review, police, 40)
    add_entries(review, health, 40)
    chosen = ChronologyEntry.objects.get(agency=police, occurred_on=D(2020, 1, 1))
    episode = analysis.episode_add(
        actor=pair[0],
        review=review,
        occurred_on=D(2020, 1, 2),
        title="Visit",
        what_happened="x",
        chronology_entries=[chosen],
    )
    client.force_login(pair[0])
    filters = {"agency": str(health.pk), "date_from": "2020-01-10", "date_to": "2020-01-19"}
    response = client.get(url("episode_edit", review, episode.pk), filters)
    html = response.content.decode()
    wanted = ChronologyEntry.objects.filter(
        agency=health, occurred_on__range=(D(2020, 1, 10), D(2020, 1, 19))
    )
    assert offered(html) == [str(chosen.pk)] + [str(e.pk) for e in wanted.order_by("occurred_on")]
    assert checked(html) == [str(chosen.pk)]
    words = client.get(url("episode_add", review), {"q": "contact 37"}).content.decode()
    assert len(offered(words)) == 2  # police's and health's "contact 37"


def test_bad_input_keeps_the_entries_chosen_outside_the_filters_and_saves_nothing(
    client, review, pair, police, health
):
    add_entries(review, police, 30)
    add_entries(review, health, 30)
    outside = ChronologyEntry.objects.get(agency=police, occurred_on=D(2020, 1, 20))
    client.force_login(pair[0])
    add = url("episode_add", review) + f"?agency={health.pk}"
    response = client.post(
        add,
        {
            "title": "",
            "what_happened": "Ended early",
            "chronology_entries": [str(outside.pk)],
            **date_data("occurred_on", D(2020, 1, 20)),
        },
    )
    html = response.content.decode()
    assert '<div class="govuk-error-summary"' in html and "<title>Error: " in html
    assert "Enter a title for the episode" in html
    assert checked(html) == [str(outside.pk)]  # kept, though the filter shows health's only
    assert "Ended early" in html
    assert not KeyPracticeEpisode.objects.exists()
    response = client.post(
        add,
        {
            "title": "The visit",
            "what_happened": "Ended early",
            "chronology_entries": [str(outside.pk), "not-an-entry"],
            **date_data("occurred_on", D(2020, 1, 20)),
        },
    )
    assert '<div class="govuk-error-summary"' in response.content.decode()
    assert not KeyPracticeEpisode.objects.exists()
    response = client.post(
        add,
        {
            "title": "The visit",
            "what_happened": "Ended early",
            "chronology_entries": [str(outside.pk)],
            **date_data("occurred_on", D(2020, 1, 20)),
        },
    )
    assert response.status_code == 302
    assert list(KeyPracticeEpisode.objects.get().chronology_entries.all()) == [outside]


def test_an_entry_of_another_review_is_refused(
    client, review, pair, police, business_manager, chair, board
):
    from reviews.tests.factories import decide, log_incident

    other = log_incident(actor=business_manager, board=board, reference="Child R")
    decide(actor=chair, incident=other, decided_on=other.notified_on)
    other.refresh_from_db()
    foreign = ChronologyEntry.objects.create(
        review=other.review, agency=police, occurred_on=D(2020, 1, 1), entry="Elsewhere"
    )
    client.force_login(pair[0])
    response = client.post(
        url("episode_add", review),
        {
            "title": "The visit",
            "what_happened": "x",
            "chronology_entries": [str(foreign.pk)],
            **date_data("occurred_on", D(2020, 1, 20)),
        },
    )
    assert "Select from the list" in response.content.decode()
    assert not KeyPracticeEpisode.objects.exists()


def test_finding_entries_keeps_everything_typed_and_saves_nothing(
    client, review, pair, police, health
):
    add_entries(review, police, 30)
    add_entries(review, health, 30)
    chosen = ChronologyEntry.objects.get(agency=police, occurred_on=D(2020, 1, 20))
    client.force_login(pair[0])
    response = client.post(
        url("episode_add", review),
        {
            "find_entries": "1",
            "title": "The home visit",
            "what_happened": "",  # not typed yet: no error for it, the person asked to find
            "appraisal": "Thorough",
            "chronology_entries": [str(chosen.pk)],
            **date_data("occurred_on", D(2020, 1, 20)),
            "agency": str(health.pk),
            "date_from": "2020-01-05",
            "date_to": "",
            "q": "",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" not in html and "<title>Error: " not in html
    assert 'value="The home visit"' in html and "Thorough" in html
    assert checked(html) == [str(chosen.pk)]  # kept, though police's
    wanted = ChronologyEntry.objects.filter(agency=health, occurred_on__gte=D(2020, 1, 5))
    assert offered(html) == [str(chosen.pk)] + [str(e.pk) for e in wanted.order_by("occurred_on")]
    assert f'<option value="{health.pk}" selected>' in html  # the filters are shown as sent
    assert not KeyPracticeEpisode.objects.exists()
    # Saving with the filters still set saves the entries chosen, whatever the filters show.
    response = client.post(
        url("episode_add", review),
        {
            "title": "The home visit",
            "what_happened": "Ended early",
            "chronology_entries": [str(chosen.pk)],
            **date_data("occurred_on", D(2020, 1, 20)),
            "agency": str(health.pk),
            "date_from": "2020-01-05",
            "date_to": "",
            "q": "",
        },
    )
    assert response.status_code == 302
    assert list(KeyPracticeEpisode.objects.get().chronology_entries.all()) == [chosen]


def test_finding_entries_while_changing_an_episode_changes_nothing_yet(
    client, review, pair, police
):
    add_entries(review, police, 10)
    first = ChronologyEntry.objects.get(agency=police, occurred_on=D(2020, 1, 1))
    episode = analysis.episode_add(
        actor=pair[0],
        review=review,
        occurred_on=D(2020, 1, 2),
        title="Visit",
        what_happened="x",
        chronology_entries=[first],
    )
    client.force_login(pair[0])
    response = client.post(
        url("episode_edit", review, episode.pk),
        {
            "find_entries": "1",
            "title": "Visit, renamed",
            "what_happened": "x",
            "chronology_entries": [str(first.pk)],
            "version": str(episode.version),
            **date_data("occurred_on", D(2020, 1, 2)),
            "agency": "",
            "date_from": "",
            "date_to": "",
            "q": "contact 7",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" not in html
    assert 'value="Visit, renamed"' in html
    assert len(offered(html)) == 2  # the chosen one and "contact 7"
    episode.refresh_from_db()
    assert episode.title == "Visit"
