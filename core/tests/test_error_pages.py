"""Issue 16 item 12: "Error: Error:" in a page title, and `make run` (DEBUG on) showing Django's
debug 404, with every URL pattern of the service, instead of the service's page."""

import re
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from core.request_guard import NotFoundPageMiddleware


def test_the_annual_reports_page_says_error_once(client, business_manager, board):
    client.force_login(business_manager)
    response = client.post(reverse("insight:annual_reports", args=[board.pk]), {"year": ""})
    html = response.content.decode()
    assert "Select a reporting year" in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.startswith("Error: Annual reports")


def test_no_template_adds_error_to_a_title_the_base_prefixes_already():
    """templates/base.html starts the title with "Error: " whenever the form has errors."""
    doubled = []
    base = Path(settings.BASE_DIR)
    for path in [*base.glob("templates/**/*.html"), *base.glob("*/templates/**/*.html")]:
        text = path.read_text()
        title = re.search(r"{% block title %}(.*?){% endblock %}", text, re.S)
        if title and "{% if form.errors %}Error:" in title.group(1):
            doubled.append(str(path))
    assert doubled == []


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def test_with_debug_on_an_unknown_address_shows_the_services_404(client, db, debug):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html and "govuk-generic-header" in html
    assert "URLconf" not in html and "DEBUG = True" not in html


def test_with_debug_on_a_record_out_of_sight_shows_the_services_404(
    client, db, debug, other_board_user, board
):
    client.force_login(other_board_user)
    response = client.get(reverse("boards:detail", args=[board.pk]))
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html and "DEBUG = True" not in html


def test_with_debug_on_the_api_answers_json_404(client, db, debug):
    response = client.get(f"/api/v1/nothing/{uuid.uuid4()}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_other_errors_keep_djangos_debug_page():
    """Only a 404 is the service's page: an error is the developer's to read, in full."""
    middleware = NotFoundPageMiddleware(lambda request: None)
    request = RequestFactory().get("/")
    assert middleware.process_exception(request, ValueError("broken")) is None
    assert middleware.process_exception(request, Http404()).status_code == 404
