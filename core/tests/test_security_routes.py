"""Every route, every method: the policy's answer for each role, the second factor, and the
security headers on every response (OWASP ASVS level 2; docs/security.md).

The URLs are found by walking the resolver (core/tests/test_url_policy.py), so a new URL is
checked here without anyone listing it.
"""

import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from boards.models import Membership
from core import permissions
from core.tasks import heartbeat
from core.tests import test_url_policy as url_policy
from core.tests.clients import authenticator_for
from core.tests.test_url_policy import (
    ACCREDITATION_URLS,
    ALL_URLS,
    METHODS,
    NOT_OF_A_BOARD,
    PERSONAL,
    url_for,
)

objects_of_board = url_policy.objects_of_board  # the walk's fixture: one object of each kind

Role = Membership.Role
PUBLIC = [u for u in ALL_URLS if u[0] in permissions.PUBLIC_URLS]
GUARDED = [u for u in ALL_URLS if u[0] not in permissions.PUBLIC_URLS]
# Accreditation records, the bank holiday table and a user's own reminders have tests of their
# own in test_url_policy.py; every other guarded URL is in the matrix.
# A request's address in e-mails sends each reader on to the page they may see, or 404:
# reviews/tests/test_contributions.py.
ROUTED_BY_READER = {"agency:request_open"}
MATRIX = [
    u
    for u in GUARDED
    if u not in ACCREDITATION_URLS and u[0] not in NOT_OF_A_BOARD | PERSONAL | ROUTED_BY_READER
]
# What the agencies' contributors of the review (objects_of_board) get of their own pages; of
# every other page, what the policy gives anyone with no role on the board. The police's
# contributor answers the request sent to the police; the health trust's sees the review, but
# the police's request is out of their sight.
CONTRIBUTOR_PAGES = {
    "the police's contributor": {
        "agency:review": {"GET"},
        "agency:request": {"GET", "POST"},
        "agency:request_document": {"GET", "POST"},
        "agency:request_chronology": {"GET", "POST"},
        "agency:document_download": {"GET"},
        "agency:chronology_template": {"GET"},
        # The action of objects_of_board is the police's, and the draft was shared with them.
        "agency:action": {"GET", "POST"},
        "publication:agency_accuracy": {"GET", "POST"},
        "api:review-agency-requests": {"GET"},
        "api:review-documents": {"GET", "POST"},
        "api:review-document-file": {"GET"},
        "api:agency-request-chronology": {"POST"},
        "api:agency-request-submit": {"POST"},
    },
    "the health trust's contributor": {
        "agency:review": {"GET"},
        "agency:chronology_template": {"GET"},
        # Their own (none), and a document must answer a request to their agency: 400.
        "api:review-agency-requests": {"GET"},
        "api:review-documents": {"GET", "POST"},
    },
}
# The URLs a contributor reaches: the table above says what each of them gets of these.
CONTRIBUTOR_REACHABLE = {name for pages in CONTRIBUTOR_PAGES.values() for name in pages}
# Refused: nothing done and nothing shown. 404 where the object is out of sight, 405 where the
# URL never answers the method.
REFUSED = {403, 404, 405}
# Allowed, with an empty body: the page (200), sent on (302), queued (202), done (204), bad
# input (400), or a method this URL's view does not have (405).
ALLOWED = {200, 202, 204, 302, 400, 405}
# Queries of a page: the session, the user, its second factor and the access event (audit),
# the navigation (three: the user's roles, the bank holidays that say what is due soon, and
# one query counting their work and unread reminders, home.work), then the page's own. The
# home page lists the work itself: one query a kind of work that applies to the person, and
# one a kind of deadline (home/tests/test_work.py keeps it flat as the data grows). The
# report page reads every record of the review and,
# for its anonymisation check, every name ever recorded for the case, and lists the draft's
# factual accuracy checks: two more; and the board's own timescales for the report's clocks
# whose length no source confirms (boards.Timescale, one query): three. The incident page
# reads its parallel proceedings and its reporting restrictions, one query each, beside its
# notifications and advice, and the board's own timescales: two more. The review page reads
# its joint reviews, and the chronology page which reviews share it (a joint review): one more.
# The dashboard reads the late deadlines by agency and month (its heat map): one more; and the
# learning shared over its quarters (sharing.selectors.reach: by agency, by the categories
# covered, by kind): three more.
# The navigation's count, counted afresh on every page here (WORK_COUNT_SECONDS is 0 in the
# tests, a minute in production), first asks which ways in to deadlines the person has
# (reminders.access.seen_by), so that the rule it then builds is the person's: one more.
QUERY_BOUND = 19
HEAVIER_PAGES = {
    "home": 24,
    # With the Welsh of a report held in both languages (objects_of_board's is): one query.
    "publication:report": 23,
    "reviews:incident_detail": 20,
    "reviews:review_detail": 20,
    "reviews:chronology": 20,
    "insight:dashboard": 22,
    # Its first view on a new installation counts the national totals once, before the beat
    # has (insight/tests/test_overview.py bounds the views after: 15).
    "insight:overview": 30,
}
# An empty POST may remove the object (a person from a case): it comes last.
METHODS_CHANGING_LAST = sorted(METHODS, key=lambda method: method == "post")


def assert_security_headers(response, *, signed_in):
    where = f"{response.request['REQUEST_METHOD']} {response.request['PATH_INFO']}"
    csp = response.headers.get("Content-Security-Policy", "")
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ):
        assert directive in csp, f"{where}: {directive!r} not in {csp!r}"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, where
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where
    assert response.headers.get("Referrer-Policy") == "same-origin", where
    assert response.headers.get("X-Frame-Options") == "DENY", where
    if signed_in:
        assert "no-store" in response.headers.get("Cache-Control", ""), where


# Words of our own making that a page must never show: a rule's id ("lscb-2015.complete",
# "board.action"), a reference to the seed documents ("seed procedure 2.2") or to our own
# documentation ("docs/research/dhr.md").
INTERNAL_WORDS = re.compile(
    r"\b(?:lscb|partners|sab|wales|wales-susr|dhr)-\d{4}(?::\d+)?\.[a-z_]+"
    r"|\b(?:board|accreditation)\.[a-z_]{3,}\b"
    r"|\bseed (?:procedure|document)|\bdocs/[a-z]"
)


def assert_no_internal_words(response, where):
    if "html" not in response.headers.get("Content-Type", ""):
        return
    # What the page shows: its text, not its markup (an option's value may be a code).
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    found = INTERNAL_WORDS.search(text)
    assert found is None, f"{where} shows {found.group()!r}"


@pytest.fixture
def everyone(role_users, platform_admin, other_board_user, objects_of_board):
    from reviews.models import AgencyContributor

    contributors = AgencyContributor.objects.filter(review_id=objects_of_board["review_id"])
    return {
        **{str(role): user for role, user in role_users.items()},
        "platform admin": platform_admin,
        "another board's user": other_board_user,
        "the police's contributor": contributors.get(user__name="Pat Police").user,
        "the health trust's contributor": contributors.get(user__name="Hana Health").user,
    }


def _allowed(user, name, method, target, label="") -> bool:
    reachable = name.startswith("agency:") or name in CONTRIBUTOR_REACHABLE
    if label in CONTRIBUTOR_PAGES and reachable:
        method = "GET" if method in ("HEAD", "OPTIONS") else method
        return method in CONTRIBUTOR_PAGES[label].get(name, set())
    action = permissions.action_for(name, method)
    return bool(action) and permissions.can(user, action, target)


def _send(client, method, url, *, api):
    if api and method in ("post", "put", "patch"):
        return getattr(client, method)(url, {}, content_type="application/json")
    return getattr(client, method)(url)


@pytest.mark.parametrize(("name", "kwargs"), MATRIX, ids=[u[0] for u in MATRIX])
def test_every_method_of_every_url_answers_as_the_policy_says(
    client, everyone, board, objects_of_board, name, kwargs, django_assert_max_num_queries
):
    """Each role of the board, a platform admin and another board's user, by every method:
    refused (403, or 404 where the object is out of their sight, or 405) unless the policy
    lets them in; let in, never refused. Pages stay within their query bound."""
    url = url_for(name, kwargs, objects_of_board)
    api = name.startswith("api:")
    target = board if set(kwargs) - {"format"} else None
    # Those the policy lets POST come last, so that a removal by an empty POST comes after the
    # others have met the object; for each user, the methods that change nothing come first.
    users = sorted(
        everyone.items(), key=lambda item: _allowed(item[1], name, "POST", target, item[0])
    )
    for label, user in users:
        client.force_login(user)
        for method in METHODS_CHANGING_LAST:
            allowed = _allowed(user, name, method.upper(), target, label)
            if allowed and method == "get":
                with django_assert_max_num_queries(HEAVIER_PAGES.get(name, QUERY_BOUND)):
                    response = client.get(url)
            else:
                response = _send(client, method, url, api=api)
            expected = ALLOWED if allowed else REFUSED
            where = f"{method.upper()} {name} as {label}"
            assert response.status_code in expected, f"{where}: {response.status_code}"
            if allowed and method == "get" and response.status_code == 200 and not api:
                assert_no_internal_words(response, where)
            if allowed and method == "get" and response.status_code == 302:
                # A page may send the user on within the board (the decision, once recorded).
                assert target is None or response.url.startswith(f"/boards/{board.pk}/"), where
            assert_security_headers(response, signed_in=True)


def _all_powerful(board):
    """A user with every role on the board, accreditation staff and a platform admin."""
    from boards.tests.factories import MembershipFactory
    from core.tests.factories import UserFactory

    user = UserFactory(is_superuser=True, is_staff=True, is_accreditation_staff=True)
    for role in Role.values:
        MembershipFactory(board=board, role=role, user=user)
    authenticator_for(user)
    return user


@pytest.mark.parametrize(("name", "kwargs"), GUARDED, ids=[u[0] for u in GUARDED])
def test_a_password_alone_reaches_no_page_and_no_api_object(board, objects_of_board, name, kwargs):
    """The second factor, over every guarded URL and method: a session that has given only
    its password (here of someone who may do everything) is sent to enter a security code, and
    the API refuses it; only the second-factor steps themselves answer."""
    user = _all_powerful(board)
    client = Client()
    client.force_login(user)
    url = url_for(name, kwargs, objects_of_board)
    for method in METHODS:
        response = getattr(client, method)(url)
        where = f"{method.upper()} {name}"
        if name in permissions.BEFORE_SECOND_FACTOR:
            assert response.status_code in (200, 302, 405), where
            continue
        if name.startswith("api:"):
            assert response.status_code == 403, where
            if method != "head":
                assert "security code" in response.json()["detail"], where
        else:
            assert response.status_code == 302, where
            assert response.url.startswith(reverse("mfa_verify") + "?next="), where
        assert_security_headers(response, signed_in=True)


@pytest.mark.parametrize(("name", "kwargs"), PUBLIC, ids=[u[0] for u in PUBLIC])
def test_public_pages_carry_the_security_headers(client, objects_of_board, name, kwargs):
    # Secrets and published reports that do not exist: the answer (404, an expired link)
    # carries the headers all the same.
    objects = {**objects_of_board, "token": "x", "uidb64": "x", "publication_id": uuid.uuid4()}
    heartbeat()  # a worker is running: `readyz` answers ready (a stopped one is 503, by design)
    response = client.get(url_for(name, kwargs, objects))
    assert response.status_code < 500
    assert_security_headers(response, signed_in=False)


def test_https_responses_carry_hsts(client, settings, db):
    settings.SECURE_HSTS_SECONDS = 63072000
    response = client.get(reverse("login"), secure=True)
    assert response.headers["Strict-Transport-Security"] == (
        "max-age=63072000; includeSubDomains; preload"
    )


def test_the_admin_needs_the_second_factor_too(board):
    """The Django admin is left out of the walk (staff only): a platform admin who has given
    only a password is sent to enter a security code."""
    client = Client()
    client.force_login(_all_powerful(board))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_verify"))
    assert_security_headers(response, signed_in=True)
