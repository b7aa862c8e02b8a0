"""Signing in takes a password and a second factor: a code from an authenticator app (TOTP) or
a single-use recovery code. These tests use Django's own client and the real steps."""

import base64
import datetime as dt
import re
from urllib.parse import quote

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.asserts import assertContains, assertRedirects

from core.models import RecoveryCode
from core.tests.clients import authenticator_for, recovery_codes_for


def code_of(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in_with_password(client, user, password, next_url=None):
    url = reverse("login") + (f"?next={quote(next_url)}" if next_url else "")
    return client.post(url, {"username": user.email, "password": password})


@pytest.fixture
def client():
    return Client()


def test_first_sign_in_sets_up_an_authenticator_then_shows_recovery_codes(
    client, member, password, board
):
    board_url = reverse("boards:detail", args=[board.pk])
    response = sign_in_with_password(client, member, password, next_url=board_url)
    assertRedirects(
        response, f"{reverse('mfa_setup')}?next={quote(board_url, safe='')}", target_status_code=200
    )
    page = client.get(response.url)
    assertContains(page, "Set up an authenticator app")
    assertContains(page, 'src="data:image/svg+xml;base64,')
    key = re.search(r'id="secret-key">([A-Z2-7 ]+)<', page.content.decode()).group(1)
    device = TOTPDevice.objects.get(user=member, confirmed=False)
    assert key.replace(" ", "") == base64.b32encode(device.bin_key).decode()
    # Nothing of the board before the code.
    assert client.get(board_url).status_code == 302

    # The codes are shown on the answer itself: never kept in clear, not even in the session.
    codes_page = client.post(response.url, {"otp_token": code_of(device)})
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page.content.decode())
    assert len(codes) == 10
    assert RecoveryCode.objects.filter(device__user=member).count() == 10
    assert codes_page.headers["Cache-Control"].count("no-store")
    assertContains(codes_page, f'href="{board_url}"')
    # Shown once.
    assert "<code>" not in client.get(reverse("account_security")).content.decode()
    assert client.get(board_url).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_wrong_code_when_setting_up_shows_the_error_and_confirms_nothing(
    client, member, password
):
    sign_in_with_password(client, member, password)
    client.get(reverse("mfa_setup"))
    response = client.post(reverse("mfa_setup"), {"otp_token": "000000"})
    assert response.status_code == 200
    assertContains(response, "<title>Error: Set up an authenticator app")
    assertContains(response, "The security code is not right")
    assertContains(response, 'href="#id_otp_token"')
    assert not TOTPDevice.objects.filter(user=member, confirmed=True).exists()
    assert not RecoveryCode.objects.filter(device__user=member).exists()
    empty = client.post(reverse("mfa_setup"), {"otp_token": ""})
    assertContains(empty, "Enter the code from the app")


def test_signing_in_again_asks_for_the_code_from_the_app(client, member, password, board):
    device = authenticator_for(member)
    response = sign_in_with_password(client, member, password)
    assertRedirects(response, f"{reverse('mfa_verify')}?next=%2F", fetch_redirect_response=False)
    assertContains(client.get(response.url), "Enter your security code")
    response = client.post(response.url, {"otp_token": code_of(device)})
    assertRedirects(response, reverse("home"))
    assert client.get(reverse("boards:detail", args=[board.pk])).status_code == 200


def test_a_code_cannot_be_used_twice(member, password):
    device = authenticator_for(member)
    code = code_of(device)
    first, second = Client(), Client()
    sign_in_with_password(first, member, password)
    assert first.post(reverse("mfa_verify"), {"otp_token": code}).status_code == 302
    sign_in_with_password(second, member, password)
    response = second.post(reverse("mfa_verify"), {"otp_token": code})
    assertContains(response, "The security code is not right")


def test_a_wrong_code_shows_the_error_summary_and_signs_in_nobody(client, member, password):
    authenticator_for(member)
    sign_in_with_password(client, member, password)
    response = client.post(reverse("mfa_verify"), {"otp_token": "12345"})
    assert response.status_code == 200
    assertContains(response, "<title>Error: Enter your security code")
    assertContains(response, 'value="12345"')
    assert client.get(reverse("home")).status_code == 302
    assertContains(client.post(reverse("mfa_verify"), {"otp_token": ""}), "Enter the security code")


def test_many_wrong_codes_are_slowed_down_and_say_so(client, member, password):
    authenticator_for(member)
    with time_machine.travel(dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC), tick=False) as clock:
        sign_in_with_password(client, member, password)
        for _ in range(3):
            clock.shift(dt.timedelta(seconds=10))
            response = client.post(reverse("mfa_verify"), {"otp_token": "000000"})
        # Each wrong code doubles the wait before the next is even checked: 1, 2, 4 seconds.
        assertContains(response, "You have entered too many wrong codes. Wait 4 seconds")


def test_a_recovery_code_signs_in_once(client, member, password):
    authenticator_for(member)
    codes = recovery_codes_for(member)
    sign_in_with_password(client, member, password)
    response = client.post(reverse("mfa_verify"), {"otp_token": codes[0].upper()}, follow=True)
    assertContains(response, "You used a recovery code. You have 9 left")
    client.post(reverse("logout"))
    sign_in_with_password(client, member, password)
    response = client.post(reverse("mfa_verify"), {"otp_token": codes[0]})
    assertContains(response, "The security code is not right")


def test_new_recovery_codes_replace_the_old(client, member, password):
    authenticator_for(member)
    old = recovery_codes_for(member)
    sign_in_with_password(client, member, password)
    client.post(reverse("mfa_verify"), {"otp_token": old[0]})
    response = client.post(
        reverse("account_security"), {"otp_token": old[1], "change": "recovery_codes"}
    )
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assertContains(client.get(reverse("account_security")), "You have 10 recovery codes left")
    # The new ones sign in; the old ones no longer do.
    for code, signs_in in ((new[0], True), (old[2], False)):
        client.post(reverse("logout"))
        sign_in_with_password(client, member, password)
        response = client.post(reverse("mfa_verify"), {"otp_token": code})
        assert (response.status_code == 302) is signs_in


def test_a_password_alone_cannot_replace_the_authenticator(client, member, password):
    device = authenticator_for(member)
    sign_in_with_password(client, member, password)
    response = client.get(reverse("mfa_setup"))
    assertRedirects(response, f"{reverse('mfa_verify')}?next=%2F", fetch_redirect_response=False)
    client.post(reverse("mfa_setup"), {"otp_token": "123456"})
    assert list(TOTPDevice.objects.filter(user=member)) == [device]


def test_a_signed_in_user_can_move_to_a_new_phone(client, member, password):
    old = authenticator_for(member)
    codes = recovery_codes_for(member)
    sign_in_with_password(client, member, password)
    client.post(reverse("mfa_verify"), {"otp_token": code_of(old)})
    # A current code first (here a recovery code: the app's code was just used).
    response = client.post(
        reverse("account_security"), {"otp_token": codes[0], "change": "authenticator"}
    )
    assert response.url.startswith(reverse("mfa_setup"))
    assertContains(client.get(reverse("mfa_setup")), "Set up an authenticator app")
    new = TOTPDevice.objects.get(user=member, confirmed=False)
    client.post(reverse("mfa_setup"), {"otp_token": code_of(new)})
    assert list(TOTPDevice.objects.filter(user=member)) == [new]
    assert client.get(reverse("home")).status_code == 200


def test_the_api_refuses_a_password_only_session(client, member, password, board):
    authenticator_for(member)
    sign_in_with_password(client, member, password)
    response = client.get(reverse("api:board-detail", args=[board.pk]))
    assert response.status_code == 403
    assert "security code" in response.json()["detail"]


def test_the_navigation_waits_for_the_second_factor(client, member, password):
    authenticator_for(member)
    sign_in_with_password(client, member, password)
    page = client.get(reverse("mfa_verify"))
    assert "Your work" not in page.content.decode()
    assertContains(page, "Sign out")


def test_the_session_key_changes_when_the_code_is_given(client, member, password):
    device = authenticator_for(member)
    sign_in_with_password(client, member, password)
    before = client.session.session_key
    client.post(reverse("mfa_verify"), {"otp_token": code_of(device)})
    assert client.session.session_key != before


@pytest.mark.parametrize("step", ["mfa_verify", "account_security"])
def test_next_never_leads_off_the_site(client, member, password, step):
    device = authenticator_for(member)
    sign_in_with_password(client, member, password)
    evil = "?next=https://evil.example/"
    response = client.post(reverse("mfa_verify") + evil, {"otp_token": code_of(device)})
    assert response.url == reverse("home")
    assert "evil.example" not in client.get(reverse(step) + evil).content.decode()


def test_each_set_up_has_its_own_key(member, password):
    owner, intruder = Client(), Client()
    for browser in (owner, intruder):
        sign_in_with_password(browser, member, password)
    keys = [
        re.search(r'id="secret-key">([A-Z2-7 ]+)<', b.get(reverse("mfa_setup")).content.decode())[1]
        for b in (owner, intruder)
    ]
    assert keys[0] != keys[1]
    # The owner confirms theirs: the key the intruder saw is worth nothing.
    device = TOTPDevice.objects.get(
        user=member, key=base64.b32decode(keys[0].replace(" ", "")).hex()
    )
    owner.post(reverse("mfa_setup"), {"otp_token": code_of(device)})
    assert list(TOTPDevice.objects.filter(user=member)) == [device]


def test_a_right_code_waits_while_wrong_ones_are_being_slowed(client, member, password):
    device = authenticator_for(member)
    with time_machine.travel(dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC), tick=False):
        sign_in_with_password(client, member, password)
        client.post(reverse("mfa_verify"), {"otp_token": "000000"})
        response = client.post(reverse("mfa_verify"), {"otp_token": code_of(device)})
    assertContains(response, "The security code is not right")


def test_the_person_is_told_by_email_when_their_sign_in_security_changes(
    client, member, password, mailoutbox, django_capture_on_commit_callbacks
):
    old = authenticator_for(member)
    codes = recovery_codes_for(member)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sign_in_with_password(client, member, password)
        client.post(reverse("mfa_verify"), {"otp_token": codes[0]})
        client.post(
            reverse("account_security"), {"otp_token": code_of(old), "change": "authenticator"}
        )
        client.get(reverse("mfa_setup"))
        new = TOTPDevice.objects.get(user=member, confirmed=False)
        client.post(reverse("mfa_setup"), {"otp_token": code_of(new)})
    assert [m.to for m in mailoutbox] == [[member.email], [member.email]]
    assert "recovery codes was used to sign in" in mailoutbox[0].body
    assert "the authenticator you had before no longer works" in mailoutbox[1].body
    assert "/password-reset/" in mailoutbox[1].body
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
