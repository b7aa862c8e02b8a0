"""No real name, date of birth or free text of a case record reaches the logs (issue 9).

A real name, an alias, a date of birth and a marker word are planted in every free-text field
of every record of a case (the incident, its people, its decision, the review and all its
records, the report). Then the main paths run with the root logger capturing everything at
DEBUG: every page of the case as someone allowed, refused (403) and an outsider (404), forms
with bad input and a conflicting edit, the API (reads, refusals, bad input), the reminder sweep
and delivery (one mail server refusal included), the digest, the PDF of the report and the
annual report. None of the planted values may appear in what was logged, nor in the e-mails.
"""

import datetime as dt
import logging
import re
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import models
from django.urls import reverse

from audit.tests.walk import SINGLE, open_as, split_users, url_of
from config.celery import app as celery_app
from publication.models import Report
from reviews.models import (
    Action,
    ActionUpdate,
    IncidentPerson,
    Review,
)

NAME = "Zephyrine Quillfeather"
ALIAS = "Zeph Marrowby"
DATE_OF_BIRTH = dt.date(2013, 3, 17)
MARK = "Vexquorl"  # in every free-text field: any of them in a log line shows
PLANTED_TEXT = f"{MARK} wrote that {NAME} ({ALIAS}), born 17/03/2013, was seen at home."
# Every way the planted values could be written out.
PLANTED = [
    NAME,
    *NAME.split(),
    ALIAS,
    "Marrowby",
    MARK,
    DATE_OF_BIRTH.isoformat(),
    "17/03/2013",
    "17 March 2013",
    "17 Mar 2013",
    "2013, 3, 17",  # a date's repr
]
# Fields that are codes or made by the service, not typed about the case.
NOT_FREE_TEXT = {"reference", "rulebook", "clock", "stage", "criteria_source", "content_digest"}


def leaks(text: str) -> list[str]:
    return [value for value in PLANTED if re.search(re.escape(value), text, re.IGNORECASE)]


def logged(caplog) -> str:
    """Everything the records say: formatted lines with tracebacks, and their raw arguments."""
    parts = [caplog.text]
    for record in caplog.records:
        parts.append(repr(record.msg))
        parts.append(repr(record.args))
        parts.append(record.exc_text or "")
    return "\n".join(parts)


def assert_nothing_planted_in_the_logs(caplog):
    assert caplog.records, "nothing was logged: is the capture working?"
    found = leaks(logged(caplog))
    assert not found, f"planted case data in the logs: {found}"


def assert_nothing_planted_in_the_emails():
    for message in mail.outbox:
        alternatives = " ".join(str(content) for content, _ in getattr(message, "alternatives", []))
        found = leaks(f"{message.subject}\n{message.body}\n{alternatives}")
        assert not found, f"planted case data in an e-mail: {found}"


@pytest.fixture(autouse=True)
def frozen_today():
    # After the records of `objects_of_board` (March 2026): their deadlines are overdue, so
    # reminders are due.
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def captured(caplog):
    caplog.set_level(logging.DEBUG)  # the root logger and the capture, at DEBUG
    return caplog


def _plant(instance):
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name in NOT_FREE_TEXT or field.choices or not field.editable:
            continue
        if isinstance(field, models.TextField):
            values[field.attname] = PLANTED_TEXT
        elif isinstance(field, models.CharField) and not isinstance(field, models.EmailField):
            values[field.attname] = f"{MARK} {NAME}"[: field.max_length]
    type(instance).objects.filter(pk=instance.pk).update(**values)


@pytest.fixture
def planted(case, business_manager):
    """Every record of the case, its free text replaced by the planted values; the subject's
    real name and alias on the people page."""
    review = case["review"]
    incident = review.incident
    IncidentPerson.objects.filter(incident=incident).update(
        role="subject", name=NAME, aliases=ALIAS, relationship="born 17/03/2013"
    )
    IncidentPerson.objects.create(
        incident=incident, role="family", name=f"Orla {MARK}", aliases=f"{MARK}y"
    )
    action = Action.objects.get(review=review)
    ActionUpdate.objects.create(
        action=action, on=dt.date(2026, 5, 1), note=PLANTED_TEXT, actor=business_manager
    )
    records = [incident, review, incident.decision, Report.objects.get(review=review)]
    for relation in (
        "research_questions",
        "appointments",
        "participants",
        "meetings",
        "agency_requests",
        "chronology",
        "involvements",
        "conversations",
        "episodes",
        "findings",
        "actions",
    ):
        records.extend(getattr(review, relation).all())
    records.extend(incident.notifications.all())
    for record in records:
        _plant(record)
    Review.objects.filter(pk=review.pk).update(terms_of_reference=PLANTED_TEXT)
    return case


def test_the_planted_values_are_on_the_pages_and_a_leak_would_be_caught(
    client, planted, business_manager, captured
):
    """The test means something: the pages show what was planted, and a planted value logged
    at DEBUG anywhere is found."""
    board, incident = planted["board"], planted["incident"]
    client.force_login(business_manager)
    people = client.get(reverse("reviews:people", args=[board.pk, incident.pk]))
    assert NAME in people.content.decode() and ALIAS in people.content.decode()
    page = client.get(reverse("reviews:incident_detail", args=[board.pk, incident.pk]))
    assert MARK in page.content.decode()
    logging.getLogger("some.library").debug("Saw %s", NAME)
    assert leaks(logged(captured)) == [NAME, "Zephyrine", "Quillfeather"]


def test_every_page_of_the_case_allowed_refused_and_outsiders(
    client, api_client_for, planted, other_board_user, captured
):
    for name, kwargs in SINGLE:
        url = url_of(planted, name, kwargs)
        allowed, refused = split_users(planted, name)
        assert open_as(client, api_client_for, allowed[0], url, name).status_code in (200, 302)
        for user in refused[:2]:
            assert open_as(client, api_client_for, user, url, name).status_code in (403, 404)
        assert open_as(client, api_client_for, other_board_user, url, name).status_code == 404
    # The board's lists, its dashboard and a library search for the name.
    board = planted["board"]
    for url in (
        reverse("reviews:incident_list", args=[board.pk]),
        reverse("reviews:review_list", args=[board.pk]),
        reverse("reviews:deadline_list", args=[board.pk]),
        reverse("insight:dashboard", args=[board.pk]),
        reverse("publication:library") + f"?q={NAME}",
        reverse("reminders:list"),
    ):
        client.force_login(planted["users"][0])
        assert client.get(url).status_code == 200, url
    assert_nothing_planted_in_the_logs(captured)


def test_forms_with_bad_input_and_a_conflicting_edit(client, planted, business_manager, captured):
    board, incident, review = planted["board"], planted["incident"], planted["review"]
    objects = planted["objects"]
    client.force_login(business_manager)
    # A person with their real name but no role: the form comes back with its errors.
    response = client.post(
        reverse("reviews:person_add", args=[board.pk, incident.pk]),
        {"name": NAME, "aliases": ALIAS, "role": "not-a-role"},
    )
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    # The incident with its summary and a date that is not one.
    response = client.post(
        reverse("reviews:incident_edit", args=[board.pk, incident.pk]),
        {"summary": PLANTED_TEXT, "notifier": NAME, "incident_on_0": "31", "incident_on_1": "2"},
    )
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    # An action with planted words and no owner; an agency request without a due date.
    response = client.post(
        reverse("reviews:action_add", args=[board.pk, review.pk]),
        {"description": PLANTED_TEXT},
    )
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    # The reviewer edits an episode from a version that is no longer the saved one: 409.
    reviewer = planted["reviewer"]
    client.force_login(reviewer)
    episode = review.episodes.get(pk=objects["episode_id"])
    response = client.post(
        reverse("reviews:episode_edit", args=[board.pk, review.pk, episode.pk]),
        {
            "version": episode.version - 1,
            "title": f"{MARK} {NAME}",
            "what_happened": PLANTED_TEXT,
            "occurred_on_0": "5",
            "occurred_on_1": "1",
            "occurred_on_2": "2026",
        },
    )
    assert response.status_code in (200, 409)
    # A report section written with the name in it, by the reviewer.
    response = client.post(
        reverse("publication:report_section", args=[board.pk, review.pk, "introduction"]),
        {"text": PLANTED_TEXT},
    )
    assert response.status_code in (200, 302)
    assert_nothing_planted_in_the_logs(captured)


def test_the_api_reads_refusals_and_bad_input(
    api_client_for, planted, business_manager, member, lead_reviewer, other_board_user, captured
):
    incident, review = planted["incident"], planted["review"]
    api = api_client_for(business_manager)
    for url in (
        reverse("api:incident-list"),
        reverse("api:incident-detail", args=[incident.pk]),
        reverse("api:review-list"),
        reverse("api:review-detail", args=[review.pk]),
        reverse("api:review-episodes", args=[review.pk]),
        reverse("api:review-findings", args=[review.pk]),
        reverse("api:review-actions", args=[review.pk]),
    ):
        response = api.get(url)
        assert response.status_code == 200, url
    assert MARK in api.get(reverse("api:incident-detail", args=[incident.pk])).content.decode()
    detail = reverse("api:incident-detail", args=[incident.pk])
    bad = api.patch(detail, {"summary": PLANTED_TEXT, "notified_on": "17/03/2013"}, format="json")
    assert bad.status_code == 400
    bad = api_client_for(planted["reviewer"]).post(
        reverse("api:review-findings", args=[review.pk]),
        {"title": f"{MARK} {NAME}", "manifested": PLANTED_TEXT, "category": "nonsense"},
        format="json",
    )
    assert bad.status_code == 400
    assert api_client_for(lead_reviewer).get(detail).status_code == 403
    assert api_client_for(member).patch(detail, {"summary": NAME}, format="json").status_code == 403
    assert api_client_for(other_board_user).get(detail).status_code == 404
    assert_nothing_planted_in_the_logs(captured)


class RefusingEveryOtherMessage(EmailBackend):
    """A mail server that refuses every other e-mail (the locmem outbox keeps the others)."""

    calls = 0

    def send_messages(self, messages):
        sent = 0
        for message in messages:
            type(self).calls += 1
            if type(self).calls % 2:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
            sent += super().send_messages([message])
        return sent


def test_the_reminder_sweep_delivery_and_digest(planted, settings, monkeypatch, captured):
    from reminders import tasks
    from reminders.models import Reminder

    reviewer = planted["reviewer"]
    reviewer.reminder_digest = True
    reviewer.save()
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)  # delay() runs here
    settings.EMAIL_BACKEND = "audit.tests.test_logs.RefusingEveryOtherMessage"
    settings.REMINDER_MAX_ATTEMPTS = 1  # a refusal is final, and logged as such
    RefusingEveryOtherMessage.calls = 0

    assert tasks.sweep() > 0
    assert tasks.digest() >= 0
    tasks.deliver()
    assert mail.outbox, "no reminder e-mail was sent"
    assert Reminder.objects.filter(email_status="failed").exists()
    assert_nothing_planted_in_the_logs(captured)
    assert_nothing_planted_in_the_emails()


@pytest.mark.pdf
def test_the_report_pdf_and_the_annual_report(planted, business_manager, captured):
    from insight.services import annual_report_request
    from insight.tasks import render_annual_report
    from publication.services.reports import rendering_request
    from publication.tasks import render

    report = Report.objects.get(review=planted["review"])
    for kind in ("report", "brief"):
        rendering = rendering_request(actor=business_manager, report=report, kind=kind)
        assert render(str(rendering.pk)) == "ready"
    annual = annual_report_request(actor=business_manager, board=planted["board"], year=2025)
    assert render_annual_report(str(annual.pk)) in ("ready", "failed")
    assert_nothing_planted_in_the_logs(captured)
