"""Log lines as production writes them (core/request_log.py, LOGGING in settings): JSON, one
object a line, each carrying the request's id and the signed-in user's id, never a name."""

import logging
import uuid

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_requests_lines_carry_its_id_and_the_users_id(client, json_log, board, other_board_user):
    client.force_login(other_board_user)
    response = client.get(reverse("reviews:incident_list", args=[board.pk]))
    assert response.status_code == 404
    request_id = response["X-Request-ID"]
    (line,) = [line for line in json_log() if line["logger"] == "django.request"]
    assert line["level"] == "WARNING"
    assert (line["request_id"], line["user_id"]) == (request_id, str(other_board_user.pk))
    assert set(line) == {"time", "level", "logger", "message", "request_id", "user_id"}


def test_each_request_has_its_own_id_and_the_next_forgets_the_user(
    client, json_log, other_board_user, board
):
    client.force_login(other_board_user)
    first = client.get(reverse("reviews:incident_list", args=[board.pk]))
    client.logout()
    second = client.get("/no-such-page/")
    assert first["X-Request-ID"] != second["X-Request-ID"]
    lines = [line for line in json_log() if line["logger"] == "django.request"]
    assert [(line["request_id"], line["user_id"]) for line in lines] == [
        (first["X-Request-ID"], str(other_board_user.pk)),
        (second["X-Request-ID"], None),
    ]


def test_a_request_id_from_the_load_balancer_is_kept_and_anything_else_replaced(client):
    given = uuid.uuid4().hex
    assert client.get(reverse("healthz"), HTTP_X_REQUEST_ID=given)["X-Request-ID"] == given
    forged = client.get(reverse("healthz"), HTTP_X_REQUEST_ID="evil\nline")["X-Request-ID"]
    assert forged != "evil\nline" and uuid.UUID(forged)


def test_lines_outside_a_request_have_no_ids(json_log):
    logging.getLogger("reminders").warning("The sweep found %s due reminders", 3)
    (line,) = json_log()
    assert line["message"] == "The sweep found 3 due reminders"
    assert (line["request_id"], line["user_id"]) == (None, None)
