"""Sessions end when they should: after 30 minutes idle, when a membership is removed, when
the user is disabled; and sign-in locks after repeated failures (django-axes)."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from boards.services import member_remove
from core.services import sessions_end
from core.tests.clients import VerifiedClient

NINE_AM = dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NINE_AM, tick=False) as traveller:
        yield traveller


def test_a_session_idle_for_30_minutes_is_signed_out_and_told_why(client, member, board, clock):
    board_url = reverse("boards:detail", args=[board.pk])
    client.force_login(member)
    # Each visit restarts the idle clock.
    for _ in range(3):
        clock.shift(dt.timedelta(minutes=29))
        assert client.get(board_url).status_code == 200
    clock.shift(dt.timedelta(minutes=31))
    response = client.get(board_url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login") + "?next=")
    assert "timed_out=1" in response.url
    assertContains(client.get(response.url), "You were signed out because you had not used")
    assert "_auth_user_id" not in client.session


def test_stay_signed_in_restarts_the_idle_clock(client, member, board, clock):
    client.force_login(member)
    clock.shift(dt.timedelta(minutes=28))
    assert client.post(reverse("session_keep_alive")).json() == {"seconds_left": 30 * 60}
    clock.shift(dt.timedelta(minutes=28))
    assert client.get(reverse("boards:detail", args=[board.pk])).status_code == 200


def test_pages_carry_the_timeout_warning_for_signed_in_users(client, member, clock):
    client.force_login(member)
    page = client.get(reverse("home"))
    assertContains(page, 'id="timeout-warning"')
    assertContains(page, 'data-seconds-left="1800"')
    assertContains(page, 'data-warning-seconds="120"')
    assert 'id="timeout-warning"' not in Client().get(reverse("login")).content.decode()


def test_keep_alive_is_for_signed_in_sessions_only(db):
    response = Client().post(reverse("session_keep_alive"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_removing_a_membership_ends_the_persons_sessions_at_once(
    client, business_manager, member, board, django_capture_on_commit_callbacks
):
    board_url = reverse("boards:detail", args=[board.pk])
    theirs = VerifiedClient()
    theirs.force_login(member)
    assert theirs.get(board_url).status_code == 200
    client.force_login(business_manager)
    with django_capture_on_commit_callbacks(execute=True):
        member_remove(actor=business_manager, membership=member.memberships.get(board=board))
    response = theirs.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    # Other people's sessions go on.
    assert client.get(board_url).status_code == 200


def test_disabling_a_user_ends_their_sessions_at_once(client, member, board):
    client.force_login(member)
    assert client.get(reverse("boards:detail", args=[board.pk])).status_code == 200
    member.is_active = False
    member.save()
    response = client.get(reverse("boards:detail", args=[board.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def _fail(client, email):
    return client.post(reverse("login"), {"username": email, "password": "not-the-password"})


def test_five_failed_sign_ins_lock_the_account_with_a_clear_message(member, password, clock):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(4):
        assertContains(_fail(attacker, member.email), "Enter a correct email address and password")
    # The fifth failure locks the account.
    assert _fail(attacker, member.email).status_code == 429
    # The right password, even from another address, is refused while the account is locked.
    owner = Client(REMOTE_ADDR="198.51.100.7")
    response = owner.post(reverse("login"), {"username": member.email, "password": password})
    assert response.status_code == 429
    assertContains(response, "Sign-in is locked for now", status_code=429)
    assertContains(response, "locked for 15 minutes", status_code=429)
    assert "_auth_user_id" not in owner.session
    clock.shift(dt.timedelta(minutes=16))
    response = owner.post(reverse("login"), {"username": member.email, "password": password})
    assert response.status_code == 302
    assert owner.session["_auth_user_id"] == str(member.pk)


def test_five_failed_sign_ins_from_one_address_lock_that_address(member, viewer, password, clock):
    address = Client(REMOTE_ADDR="203.0.113.10")
    for number in range(5):
        _fail(address, f"someone{number}@example.org")
    response = address.post(reverse("login"), {"username": viewer.email, "password": password})
    assert response.status_code == 429
    # The same account from elsewhere is not locked.
    elsewhere = Client(REMOTE_ADDR="198.51.100.8")
    response = elsewhere.post(reverse("login"), {"username": viewer.email, "password": password})
    assert response.status_code == 302


def test_the_password_may_be_pasted(db):
    html = Client().get(reverse("login")).content.decode()
    assert 'autocomplete="current-password"' in html
    assert "onpaste" not in html and "paste" not in html.lower()


def test_a_membership_deleted_in_the_admin_ends_the_sessions_too(
    member, board, django_capture_on_commit_callbacks
):
    theirs = VerifiedClient()
    theirs.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        member.memberships.get(board=board).delete()
    assert theirs.get(reverse("home")).status_code == 302


def test_a_session_ends_12_hours_after_signing_in_however_active(client, member, clock):
    client.force_login(member)
    for _ in range(24):
        clock.shift(dt.timedelta(minutes=29))
        assert client.get(reverse("home")).status_code == 200
    clock.shift(dt.timedelta(minutes=29))  # 12 hours and 5 minutes
    response = client.get(reverse("home"))
    assert response.status_code == 302 and "timed_out=1" in response.url


def test_the_time_left_can_be_asked_without_keeping_the_session(client, member, clock):
    client.force_login(member)
    clock.shift(dt.timedelta(minutes=10))
    assert client.get(reverse("session_keep_alive")).json() == {"seconds_left": 20 * 60}
    clock.shift(dt.timedelta(minutes=21))
    assert client.get(reverse("session_keep_alive")).status_code == 302


def test_keep_alive_needs_the_csrf_token(member):
    browser = VerifiedClient(enforce_csrf_checks=True)
    browser.force_login(member)
    assert browser.post(reverse("session_keep_alive")).status_code == 403


def test_pages_know_how_long_the_session_has_left(client, member, clock):
    client.force_login(member)
    clock.shift(dt.timedelta(seconds=50))  # not yet written back: the page counts from sign-in
    assertContains(client.get(reverse("home")), 'data-seconds-left="1750"')


def test_signing_in_to_another_account_does_not_wipe_the_failures(member, viewer, password):
    address = Client(REMOTE_ADDR="203.0.113.11")
    for _ in range(2):
        for _ in range(2):
            _fail(address, member.email)
        address.post(reverse("login"), {"username": viewer.email, "password": password})
        address.post(reverse("logout"))
    elsewhere = Client(REMOTE_ADDR="198.51.100.9")
    response = _fail(elsewhere, member.email)
    assert response.status_code == 429


def test_the_case_of_the_email_does_not_make_a_new_counter(member):
    spellings = [member.email.upper(), member.email.title(), f" {member.email} ", member.email]
    for number, spelling in enumerate(spellings):
        _fail(Client(REMOTE_ADDR=f"203.0.113.{20 + number}"), spelling)
    assert _fail(Client(REMOTE_ADDR="203.0.113.40"), member.email.swapcase()).status_code == 429


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(settings, member, password):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    for number in range(5):
        # Everyone arrives from the proxy; the client said where it was from, then the proxy.
        proxy = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.50")
        _fail(proxy, f"someone{number}@example.org")
    other_person = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.60")
    response = other_person.post(reverse("login"), {"username": member.email, "password": password})
    assert response.status_code == 302


@pytest.mark.parametrize(
    "engine",
    ["django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"],
)
def test_a_session_signed_out_or_ended_stays_ended_whichever_store_it_is_read_from(
    settings, engine, member, board
):
    # With Redis the session is read from the cache (config/settings.py): signing out and the
    # end of a person's sessions must still reach it.
    settings.SESSION_ENGINE = engine
    board_url = reverse("boards:detail", args=[board.pk])
    signed_out, ended = VerifiedClient(), VerifiedClient()
    for browser in (signed_out, ended):
        browser.force_login(member)
        assert browser.get(board_url).status_code == 200
    kept_cookie = signed_out.cookies[settings.SESSION_COOKIE_NAME].value
    signed_out.post(reverse("logout"))
    signed_out.cookies[settings.SESSION_COOKIE_NAME] = kept_cookie
    assert signed_out.get(board_url).status_code == 302

    sessions_end(user=member)
    assert ended.get(board_url).status_code == 302


def test_sessions_are_read_from_redis_only_when_every_process_shares_it():
    # The production settings' choice (the tests read the cache in one process whatever it is:
    # config/settings_test.py).
    from config import settings as production

    shared = "RedisCache" in production.CACHES["default"]["BACKEND"]
    assert production.SESSION_ENGINE.endswith(".cached_db") == shared
