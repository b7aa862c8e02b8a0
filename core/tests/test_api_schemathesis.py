"""Schemathesis over the OpenAPI schema (issue 9): no input to any operation of the API causes a
5xx, and every answer is one the schema describes (status code, content type, body).

Every operation of the schema drf-spectacular serves at /api/schema/ is called in-process,
through the project's WSGI handler and its whole middleware stack, by three callers:

- a user who holds every role on a board full of real records (incidents, a review with an
  appointed reviewer, findings, episodes and actions, a published finding, a cohort with an
  application, a supervision session, an accreditation, reminders), and who is also
  accreditation staff and a platform admin, so that every operation can succeed;
- a user holding every role on another board, aimed at the first board's records: those
  answer 403 or 404, never 5xx, and no 2xx answer carries an id of the first board's records;
- an unauthenticated caller, who gets 401 from every operation.

Generated identifiers that are well-formed UUIDs are replaced by the board's real records, so
that the services run on real data; malformed ones are sent as generated (and answer 4xx).

Bounded for CI: a fixed number of examples per operation, derandomised (the same requests on
every run), no deadline. docs/runbook.md says how to run it longer.
"""

import datetime as dt
import json
import os
import re
import uuid
from urllib.parse import unquote

import pytest
import schemathesis
import time_machine
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from boards.models import Membership
from boards.tests.factories import AgencyFactory, BoardFactory, MembershipFactory
from core.tests.factories import UserFactory

# Examples per operation for the board's user; the other callers get fewer (their answers
# hardly depend on the input). SCHEMATHESIS_MAX_EXAMPLES=200 for a longer run.
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "10"))
# The coverage phase adds every boundary and malformed value of every parameter, and methods
# the schema does not list: thousands of requests, minutes long, so for local runs only.
COVERAGE = os.environ.get("SCHEMATHESIS_COVERAGE") == "1"
# Monday 15 June 2026: after the records' dates below, before their deadlines run out.
TODAY = dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    unsupported_method,
]


def _served_schema() -> dict:
    """The schema /api/schema/ serves, generated in-process (collection has no database)."""
    from drf_spectacular.generators import SchemaGenerator

    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))


class _WSGIApp:
    """The project's WSGI handler, without the connection clean-up at the start and end of a
    request, which would close the test's transaction (as Django's test client does)."""

    def __init__(self):
        self.handler = WSGIHandler()

    def __call__(self, environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = self.handler(environ, start_response)
            body = b"".join(response)
            response.close()
            return [body]
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


schema = schemathesis.openapi.from_dict(
    _served_schema(),
    config=schemathesis.Config.from_dict(
        {
            "generation": {"deterministic": True, "database": "none"},
            "phases": {"coverage": {"enabled": COVERAGE}, "stateful": {"enabled": False}},
        }
    ),
)
schema.app = _WSGIApp()


def bounded(max_examples: int):
    return settings(
        max_examples=max(1, max_examples),
        derandomize=True,
        deadline=None,
        database=None,
        # The records are made once per operation, not per example; slow on a busy machine.
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@pytest.fixture(autouse=True)
def server_errors_raise(settings):
    """A 5xx fails the test with the server's traceback rather than an error page."""
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db, frozen):
    """A board with a record of every kind the API reaches, and a caller who may do anything
    with them: the caller, and the records' ids by the name of the parameter that takes them."""
    from accreditation.tests.factories import (
        ApplicationFactory,
        CohortFactory,
        SessionFactory,
        accredit,
    )
    from publication import sample
    from publication.models import LibraryFinding, Publication
    from reminders.planning import reminders_plan
    from reviews.models import FindingCategory, ReviewerAppointment
    from reviews.services.incidents import person_add
    from reviews.services.reviews import reviewer_appoint
    from reviews.tests.factories import decide, log_incident

    board = BoardFactory(name="Northshire Safeguarding Children Partnership")
    caller = UserFactory(
        name="Alex Allroles", is_accreditation_staff=True, is_superuser=True, is_staff=True
    )
    for role in Membership.Role.values:
        MembershipFactory(board=board, role=role, user=caller)
    reviewer, candidate = (
        MembershipFactory(board=board, role="lead_reviewer", user__name=name).user
        for name in ("Lena Lead", "Colin Candidate")
    )
    for user in (caller, reviewer, candidate):
        accredit(user)
    agency = AgencyFactory(board=board, name="Northshire Constabulary")
    incident = log_incident(actor=caller, board=board, reference="Child Q")
    decide(actor=caller, incident=incident, decided_on=dt.date(2026, 3, 10))
    incident.refresh_from_db()
    review = incident.review
    reviewer_appoint(
        actor=caller,
        review=review,
        user=reviewer,
        role="lead",
        independence_declared=True,
        appointed_on=review.initiated_on,
    )
    # The caller too, so that one token reaches the reviewers' operations (the service
    # would refuse them: not independent of a board they hold roles on).
    ReviewerAppointment.objects.create(
        review=review,
        user=caller,
        role="co_lead",
        independence_declared=True,
        appointed_on=review.initiated_on,
    )
    sample.fill_review(review, supervisor=caller, chair=caller)
    # Not decided yet: the decision and a change of facts can succeed.
    undecided, to_close = (
        log_incident(actor=caller, board=board, reference=reference)
        for reference in ("Child R", "Child T")
    )
    published = log_incident(actor=caller, board=board, reference="Child P")
    decide(actor=caller, incident=published, decided_on=dt.date(2026, 3, 10))
    published.refresh_from_db()
    publication = Publication.objects.create(
        review=published.review,
        decision="publish",
        decided_by=caller,
        decided_on=dt.date(2026, 5, 1),
        published_on=dt.date(2026, 5, 1),
    )
    LibraryFinding.objects.create(
        publication=publication,
        board=board,
        category=FindingCategory.objects.filter(active=True).first(),
        review_type=publication.review.review_type,
        case_reference="Child P",
        published_on=dt.date(2026, 5, 1),
        position=1,
        title="Health professionals are left out of strategy discussions",
        body="What was learned.",
    )
    cohort = CohortFactory(
        name="Summer 2026",
        places=2,
        applications_open_on=dt.date(2026, 6, 1),
        applications_close_on=dt.date(2026, 7, 31),
    )
    application = ApplicationFactory(cohort=cohort, applicant__name="Ann Applicant")
    session = SessionFactory(facilitator=caller)
    # The agencies' part: a contributor of the police, a request sent to them, a document.
    from reviews.services.contributions import contributor_invite
    from reviews.services.documents import document_store

    contributor = contributor_invite(
        actor=caller,
        review=review,
        agency=agency,
        email="pc@police.example",
        name="Pat",
        job="return_author",
    )
    agency_request = review.agency_requests.create(
        agency=agency,
        details="Records",
        requested_on=dt.date(2026, 3, 20),
        due_on=dt.date(2026, 4, 3),
        sent_at=TODAY,
    )
    from django.core.files.base import ContentFile

    document = document_store(
        actor=caller,
        review=review,
        kind="minutes",
        title="Minutes",
        agency=None,
        request=None,
        file=ContentFile(b"%PDF-1.7\n%%EOF\n", name="minutes.pdf"),
        file_kind="pdf",
    )
    reminders_plan(now=TODAY)
    from bank.services import report_add

    # Not yet confirmed: the board's own, where a published one would be every board's to read.
    banked = report_add(
        actor=caller,
        board=board,
        title="Child T",
        published_by="Northshire",
        year=2025,
        review_type="lcspr",
        published_url="https://example.org/t.pdf",
    )
    return {
        "caller": caller,
        "ids": {
            # Path parameters.
            "board_id": board.pk,
            "incident_id": undecided.pk,
            "review_id": review.pk,
            "cohort_id": cohort.pk,
            "application_id": application.pk,
            "session_id": session.pk,
            "accreditation_id": caller.accreditation.pk,
            "episode_id": review.episodes.first().pk,
            "finding_id": review.findings.first().pk,
            "action_id": review.actions.first().pk,
            "entry_id": review.chronology.first().pk,
            "request_id": agency_request.pk,
            "contributor_id": contributor.pk,
            "document_id": document.pk,
            "banked_id": banked.pk,
            "person_id": person_add(
                actor=caller, incident=undecided, role="subject", name="Amelia Realname"
            ).pk,
            # Fields of bodies and filters.
            "board": board.pk,
            "agencies": agency.pk,
            "owner_agency": agency.pk,
            "finding": review.findings.first().pk,
            "episodes": review.episodes.first().pk,
            "chronology_entries": review.chronology.first().pk,
            "user": candidate.pk,
            "cohort": cohort.pk,
            "applicant": application.applicant_id,
            "facilitator": caller.pk,
            "programme": cohort.programme_id,
            # For a decision to hold no review.
            "incident_to_close": to_close.pk,
        },
    }


def _token(user) -> dict:
    from core.tests.factories import api_key_for

    return {"Authorization": f"Token {api_key_for(user)}"}


_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
_IN_QUERY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(value)
    except (TypeError, ValueError, AttributeError):
        return False
    return True


def _real(value, pk):
    if pk is None:
        return value
    if isinstance(value, list):
        return [str(pk) if _is_uuid(item) else item for item in value]
    return str(pk) if _is_uuid(value) else value


def point_at(case, ids: dict) -> None:
    """Put the records' ids where the case has a generated, well-formed id."""

    def replaced(values: dict) -> dict:
        return {name: _real(value, ids.get(name)) for name, value in values.items()}

    case.path_parameters = replaced(case.path_parameters)
    if case.query:
        case.query = replaced(case.query)
    if isinstance(case.body, dict):
        case.body = replaced(case.body)


@schema.parametrize()
@bounded(MAX_EXAMPLES)
def test_board_user_gets_no_5xx_and_what_the_schema_says(case, world):
    point_at(case, world["ids"])
    # ignored_auth also sends the request without the token, and with a wrong one.
    case.call_and_validate(headers=_token(world["caller"]), checks=[*CHECKS, ignored_auth])


@schema.parametrize()
@bounded(MAX_EXAMPLES // 2)
def test_user_of_another_board_gets_nothing_of_the_board(case, world, other_board_user):
    point_at(case, world["ids"])
    response = case.call_and_validate(headers=_token(other_board_user), checks=CHECKS)
    if response.status_code == 400 and "control character" in response.text:
        return  # refused before anyone is asked who they are (core.request_guard)
    ids = {str(pk) for pk in world["ids"].values()}
    if any(str(value) in ids for value in case.path_parameters.values()):
        # 405 for a method the route does not have, whatever the record.
        assert response.status_code in (403, 404, 405), response.text[:500]
    if 200 <= response.status_code < 300:
        shown = [name for name, pk in world["ids"].items() if str(pk) in response.text]
        assert not shown, f"{case.method} {case.formatted_path} shows the board's {shown}"


@schema.parametrize()
@bounded(MAX_EXAMPLES // 4)
def test_unauthenticated_caller_gets_401(case, db):
    response = case.call_and_validate(checks=CHECKS)
    if response.status_code == 404:  # only a path that matches no route
        assert not all(_is_uuid(value) for value in case.path_parameters.values())
    elif response.status_code == 400:
        # An address or query holding a control character is refused before anyone is asked
        # who they are (core.request_guard).
        path_values = (unquote(str(v)) for v in (case.path_parameters or {}).values())
        in_path = any(_IN_PATH.search(value) for value in path_values)
        in_query = any(_IN_QUERY.search(f"{k}{v}") for k, v in (case.query or {}).items())
        assert in_path or in_query, response.text[:500]
    else:
        assert response.status_code in (401, 405), response.text[:500]


def test_the_schema_is_the_one_served(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    assert response.json() == schema.raw_schema


def test_methods_the_schema_does_not_list_answer_405(world):
    """Every path of the schema, aimed at the board's records, refuses the methods the schema
    does not list for it with 405 and the ones it has, whatever the caller's roles."""
    client = Client(headers=_token(world["caller"]))
    path_ids = {name: pk for name, pk in world["ids"].items() if name.endswith("_id")}
    wrong = {}
    for path, operations in schema.raw_schema["paths"].items():
        for method in {"get", "post", "put", "patch", "delete"} - set(operations):
            response = client.generic(method.upper(), path.format(**path_ids))
            allowed = {name.strip().lower() for name in response.get("Allow", "").split(",")}
            if response.status_code != 405 or not set(operations) <= allowed:
                wrong[f"{method.upper()} {path}"] = (response.status_code, response.get("Allow"))
    assert not wrong


def test_successful_writes_answer_what_the_schema_says(world):
    """The generated requests are mostly refused (400); these are not, so that every write's
    success is checked against the schema too. In order: each may need the one before."""
    from accreditation.tests.factories import PDF
    from reviews.models import Review

    ids = world["ids"]
    review = Review.objects.get(pk=ids["review_id"])
    next_stage = review.method.next_stage(review.stage).code
    writes = [
        ("POST", "/api/v1/boards/", {}, {"name": "Eastshire Safeguarding Adults Board",
         "kind": "adults", "nation": "england", "regime": "sab-2014"}, 201),
        ("POST", "/api/v1/boards/{board_id}/members/", ids,
         {"email": "new.member@example.org", "name": "Nia Newcomer", "role": "viewer"}, 201),
        ("POST", "/api/v1/boards/{board_id}/agencies/", ids,
         {"name": "Northshire NHS Trust", "sector": "health"}, 201),
        ("POST", "/api/v1/incidents/", {}, {"board": str(ids["board"]), "reference": "Child S",
         "subject_kind": "child", "incident_on": "2026-06-01", "la_aware_on": "2026-06-02",
         "notified_on": "2026-06-03", "notifier": "Police", "died": True,
         "abuse_or_neglect_suspected": True, "agencies": [str(ids["agencies"])]}, 201),
        ("PATCH", "/api/v1/incidents/{incident_id}/", ids, {"summary": "Found at home."}, 200),
        ("POST", "/api/v1/incidents/{incident_id}/notifications/", ids,
         {"recipient": "national_panel", "sent_on": "2026-06-05", "summary": "Notified."}, 201),
        ("POST", "/api/v1/incidents/{incident_id}/decision/", ids, {"outcome": "initiate_review",
         "review_type": "lcspr", "rationale": "The criteria are met.",
         "decided_on": "2026-06-10"}, 201),
        ("POST", "/api/v1/incidents/{incident_id}/decision/",
         {"incident_id": ids["incident_to_close"]}, {"outcome": "no_review",
         "rationale": "A single agency's learning.", "decided_on": "2026-06-10"}, 201),
        ("PATCH", "/api/v1/reviews/{review_id}/", ids, {"lt_option": "focused",
         "terms_of_reference": "How did agencies share what they knew?"}, 200),
        ("POST", "/api/v1/reviews/{review_id}/reviewers/", ids, {"user": str(ids["user"]),
         "role": "co_lead", "independence_declared": True}, 201),
        ("POST", "/api/v1/reviews/{review_id}/episodes/", ids, {"occurred_on": "2026-02-01",
         "title": "The strategy meeting", "what_happened": "Health was not invited."}, 201),
        ("POST", "/api/v1/reviews/{review_id}/findings/", ids, {"category": "tools",
         "title": "Health is left out", "manifested": "In the strategy meeting.",
         "episodes": [str(ids["episodes"])]}, 201),
        ("POST", "/api/v1/reviews/{review_id}/actions/", ids, {"finding": str(ids["finding"]),
         "description": "Invite health.", "owner_agency": str(ids["owner_agency"]),
         "due_on": "2026-09-30"}, 201),
        ("PATCH", "/api/v1/reviews/{review_id}/episodes/{episode_id}/", ids,
         {"title": "The strategy meeting, again"}, 200),
        ("PATCH", "/api/v1/reviews/{review_id}/findings/{finding_id}/", ids,
         {"title": "Health is left out of strategy meetings"}, 200),
        ("PATCH", "/api/v1/reviews/{review_id}/actions/{action_id}/", ids,
         {"description": "Invite health to every strategy meeting."}, 200),
        ("PATCH", "/api/v1/reviews/{review_id}/chronology/{entry_id}/", ids,
         {"what_happened": "A home visit; the home was cold."}, 200),
        ("DELETE", "/api/v1/reviews/{review_id}/chronology/{entry_id}/", ids,
         {"reason": "Recorded against the wrong case."}, 204),
        ("POST", "/api/v1/incidents/{incident_id}/people/", ids,
         {"name": "Gareth Realname", "role": "family", "aliases": ["Gaz"]}, 201),
        ("PATCH", "/api/v1/incidents/{incident_id}/people/{person_id}/", ids,
         {"relationship": "daughter"}, 200),
        ("DELETE", "/api/v1/incidents/{incident_id}/people/{person_id}/", ids,
         {"reason": "Recorded twice."}, 204),
        ("POST", "/api/v1/reviews/{review_id}/pause/", ids,
         {"reason": "inquest", "on": "2026-06-01"}, 200),
        ("POST", "/api/v1/reviews/{review_id}/resume/", ids, {"on": "2026-06-12"}, 200),
        ("POST", "/api/v1/reviews/{review_id}/transition/", ids, {"to": next_stage}, 200),
        ("POST", "/api/v1/reviews/{review_id}/report/render/", ids, {"kind": "report"}, 202),
        ("POST", "/api/v1/reviews/{review_id}/publication/", ids,
         {"decision": "do_not_publish", "reasons": "The family asked us not to."}, 201),
        ("POST", "/api/v1/cohorts/", {}, {"programme": str(ids["programme"]), "name": "Autumn",
         "venue": "Leeds", "trainers": "A Trainer", "places": 8,
         "applications_open_on": "2026-07-01", "applications_close_on": "2026-08-01"}, 201),
        ("PATCH", "/api/v1/applications/{application_id}/", ids, {"status": "offered"}, 200),
        ("POST", "/api/v1/supervision-sessions/", {}, {"date": "2026-07-14",
         "title": "Group supervision", "venue": "Online", "capacity": 6,
         "facilitator": str(ids["facilitator"])}, 201),
        ("PATCH", "/api/v1/cohorts/{cohort_id}/", ids, {"venue": "Leeds"}, 200),
        ("PATCH", "/api/v1/supervision-sessions/{session_id}/", ids, {"venue": "Leeds"}, 200),
        ("DELETE", "/api/v1/supervision-sessions/{session_id}/", ids,
         {"reason": "The room is lost."}, 204),
        ("POST", "/api/v1/accreditations/", {}, {"user": str(ids["applicant"]),
         "accredited_on": "2026-06-01"}, 201),
    ]  # fmt: skip
    headers = _token(world["caller"])
    for method, path, path_ids, body, status in writes:
        parameters = {name: str(pk) for name, pk in path_ids.items() if f"{{{name}}}" in path}
        case = schema[path][method].Case(
            path_parameters=parameters, body=body, media_type="application/json"
        )
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        assert response.status_code == status, (method, path, response.text[:500])
    # An application sent on someone's behalf, with a CV.
    case = schema["/api/v1/applications/"]["POST"].Case(
        body={
            "cohort": str(ids["cohort"]),
            "applicant": str(ids["user"]),
            "answers": "{}",
            "cv": PDF,
        },
        media_type="multipart/form-data",
    )
    response = case.call_and_validate(headers=headers, checks=CHECKS)
    assert response.status_code == 201, response.text[:500]
