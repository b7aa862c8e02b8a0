"""Finding 17: a NUL byte or a control character in an address, a query or a form, and deeply
nested JSON, answered 500 (PostgreSQL refuses a NUL; json.loads ran out of stack). Now every
URL answers 400 (the GOV.UK page, or JSON under /api/), before anything reads the input.

The walk finds the URLs by itself (as test_url_policy.py does), so a new URL is covered too.
Run it on PostgreSQL too (DATABASE_URL=postgres://...), where a NUL reaching a query fails.
"""

import io

import pytest
from django.conf import settings
from django.urls import reverse

from core import limits, permissions
from core.api import JSONParser, RequestTooLarge
from core.tests.test_url_policy import ALL_URLS

# Every filter a page or the API reads from the query string, all at once.
FILTERS = [
    "q",
    "category",
    "board",
    "stage",
    "status",
    "agency",
    "from",
    "to",
    "theme",
    "year",
    "region",
    "availability",
    "page",
    "order",
    "kind",
    "cohort",
    "user",
    "overdue",
    "clock",
    "digest",
    "next",
]
CONTROL = ["%00", "%01", "%1B", "%7F"]
DEEP = 20_000


def url_for(name, kwargs, objects):
    return reverse(name, kwargs={key: objects[key] for key in kwargs})


def _methods(name):
    if name in permissions.PUBLIC_URLS:
        return {"GET", "POST"}
    entry = permissions.URL_POLICY[name]
    return {"GET", "POST"} if isinstance(entry, str) else set(entry)


def _refused(response) -> str | None:
    """None when the answer is the 400 it should be, else what is wrong."""
    if response.status_code != 400:
        return str(response.status_code)
    api = response.request["PATH_INFO"].startswith("/api/")
    if api and response["Content-Type"] != "application/json":
        return "not JSON"
    page = response.content.decode()
    if not api and page and "There is a problem with the web address or the form" not in page:
        return "not the GOV.UK page"
    return None


def _check(failures, what, response):
    wrong = _refused(response)
    if wrong:
        failures.append(f"{what}: {wrong}")


# One test per kind of input, each walking every URL: the records behind the URLs take seconds
# to make, too long to make again for each of nearly two hundred URLs.


def test_a_control_character_in_the_address_answers_400(client, everyone, objects):
    client.force_login(everyone)
    failures = []
    for name, kwargs in ALL_URLS:
        url = url_for(name, kwargs, objects)
        for character in CONTROL:
            query = "&".join(f"{key}={character}" for key in FILTERS)
            for method in ("get", "post", "head"):
                response = getattr(client, method)(f"{url}?{query}")
                _check(failures, f"{method.upper()} {name} ?{character}", response)
            _check(failures, f"{name} key {character}", client.get(f"{url}?{character}=1"))
            for key in kwargs:  # each part of the address a view reads
                changed = url.replace(str(objects[key]), character, 1)
                _check(failures, f"{name} {key}={character}", client.get(changed))
            _check(failures, f"{name} path end {character}", client.get(f"{url}{character}"))
    assert failures == []


def test_signed_out_the_calendar_feed_answers_400(client, db):
    # The probe's first finding: /calendar/%00.ics answered 500 to anyone.
    assert _refused(client.get("/calendar/%00.ics")) is None


def test_a_nul_in_a_form_answers_400(client, everyone, objects):
    client.force_login(everyone)
    body = dict.fromkeys(["name", "text", "reference", "q", "to", "action", "kind"], "a\x00b")
    failures = []
    for name, kwargs in ALL_URLS:
        url = url_for(name, kwargs, objects)
        _check(failures, f"POST {name}", client.post(url, body))
    assert failures == []


JSON_BODIES = {
    "nested": "[" * DEEP + "]" * DEEP,
    "nested in a field": '{"description": ' + "[" * DEEP + "]" * DEEP + ', "name": "x"}',
    "a NUL in a value": '{"name": "a\\u0000b", "description": "a\\u0000b"}',
    "a NUL in a key": '{"a\\u0000b": "x"}',
    "an escape in a value": '{"name": "a\\u001bb", "description": "x\\u0007"}',
}


def test_deeply_nested_json_and_control_characters_answer_400(api_client_for, everyone, objects):
    client = api_client_for(everyone)
    failures = []
    writes = 0
    for name, kwargs in ALL_URLS:
        if not name.startswith("api:"):
            continue
        url = url_for(name, kwargs, objects)
        for method in {"POST", "PATCH", "PUT"} & _methods(name):
            writes += 1
            for what, body in JSON_BODIES.items():
                response = getattr(client, method.lower())(
                    url, body, content_type="application/json"
                )
                _check(failures, f"{method} {name}: {what}", response)
    assert writes > 20
    assert failures == []


def test_a_json_body_past_the_limit_answers_413(api_client_for, everyone, objects, settings):
    # DRF reads the body itself: Django's limit never applied to the API.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    client = api_client_for(everyone)
    url = f"/api/v1/reviews/{objects['review_id']}/actions/"
    body = '{"description": "' + "x" * 1024 * 1024 + '"}'
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is larger than the limit of 1 MB."}


def test_the_api_parser_reads_no_more_than_the_limit(settings):
    # Outside the test client DRF hands the parser the request stream itself, unread.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    with pytest.raises(RequestTooLarge):
        JSONParser().parse(io.BytesIO(b'{"a": "' + b"x" * 200 + b'"}'))
    assert JSONParser().parse(io.BytesIO(b'{"a": "x"}')) == {"a": "x"}


def test_the_limit_is_well_above_the_longest_text():
    # A report section of the most characters, four bytes each, URL-encoded (three characters a
    # byte), still reaches its form.
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE >= limits.NARRATIVE * 4 * 3


def test_text_pasted_from_a_word_processor_keeps_its_line_breaks():
    """Word's manual line break is a vertical tab and its page break a form feed: they become
    line breaks; other invisible control characters go. Nothing is refused for them."""
    from core.forms import GovUKForm, long_text_field

    class Form(GovUKForm):
        notes = long_text_field("Notes")

    form = Form(data={"notes": "First line\x0bsecond line\x0cthird\x01 line\ttab"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["notes"] == "First line\nsecond line\nthird line\ttab"


def test_a_form_with_a_pasted_control_character_is_not_refused(client, business_manager, board):
    client.force_login(business_manager)
    response = client.post(
        reverse("reviews:local_criterion_add", args=[board.pk]),
        {"name": "Serious\x0bsexual abuse", "description": "Seen\x0cin two agencies"},
    )
    assert response.status_code == 302
    criterion = board.local_criteria.get()
    assert criterion.name == "Serious sexual abuse"  # one line
    assert criterion.description == "Seen\nin two agencies"
