"""Recovery codes kept only as digests (OWASP ASVS 2.6), and changes to how a person signs in
(a new authenticator, new recovery codes) asked for a current code first (docs/security.md)."""

import datetime as dt
import importlib
import re

import pytest
import time_machine
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.asserts import assertContains, assertRedirects

from core import services
from core.models import ApiToken, RecoveryCode, RecoveryCodeDevice
from core.tests.clients import authenticator_for, recovery_codes_for

T0 = dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC)


def code_of(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def signed_in(member, password):
    """The member, signed in with their password and a code from their app."""
    device = authenticator_for(member)
    codes = recovery_codes_for(member)
    client = Client()
    client.post(reverse("login"), {"username": member.email, "password": password})
    client.post(reverse("mfa_verify"), {"otp_token": codes.pop()})
    return client, device, codes


# Kept as digests ---------------------------------------------------------------------------


def test_recovery_codes_are_kept_as_salted_digests_not_in_clear(member, chair, settings):
    settings.MFA_RECOVERY_CODE_WORK_FACTOR = 2**14  # the real cost, once
    codes = recovery_codes_for(member)
    other = recovery_codes_for(chair)
    digests = list(RecoveryCode.objects.values_list("digest", flat=True))
    assert len(digests) == 20
    assert not [d for d in digests for code in codes + other if code in d]
    assert all(d.startswith("scrypt$16384$8$1$") for d in digests)
    salts = {d.split("$")[4] for d in digests}
    assert len(salts) == 2  # one per set, each new and random


def test_a_recovery_code_works_once_typed_as_people_type_it(member):
    codes = recovery_codes_for(member)
    typed = f"{codes[3][:4].upper()} {codes[3][4:].upper()}"
    assert isinstance(services.second_factor_check(user=member, code=typed), RecoveryCodeDevice)
    assert RecoveryCode.objects.count() == 9
    with pytest.raises(ValidationError):
        services.second_factor_check(user=member, code=codes[3])


def test_wrong_recovery_codes_are_slowed_down(member):
    codes = recovery_codes_for(member)
    with time_machine.travel(T0, tick=False) as clock:
        for _ in range(3):
            clock.shift(dt.timedelta(seconds=10))
            with pytest.raises(ValidationError):
                services.second_factor_check(user=member, code="aaaaaaaa")
        # Even the right code waits while the throttle holds.
        with pytest.raises(ValidationError) as error:
            services.second_factor_check(user=member, code=codes[0])
        assert "Wait 4 seconds" in error.value.messages[0]
        clock.shift(dt.timedelta(seconds=5))
        assert services.second_factor_check(user=member, code=codes[0])


def _migration(name):
    return importlib.import_module(f"core.migrations.{name}")


def test_the_upgrade_hashes_the_recovery_codes_already_kept_in_clear(member, chair):
    """`migrate` alone: the codes people hold keep working, once each, and none stays in clear."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    before = StaticDevice.objects.create(user=member, name="Recovery codes")
    before.token_set.create(token="abcdefgh")
    before.token_set.create(token="ijklmnop")
    StaticDevice.objects.create(user=chair, name="Recovery codes").token_set.create(
        token="qrstuvwx"
    )

    _migration("0006_hash_recovery_codes").hash_recovery_codes(apps, None)

    assert not StaticDevice.objects.exists() and not StaticToken.objects.exists()
    digests = RecoveryCode.objects.values_list("digest", flat=True)
    assert len(digests) == 3
    assert not [d for d in digests for code in ("abcdefgh", "ijklmnop", "qrstuvwx") if code in d]
    device = RecoveryCodeDevice.objects.get(user=member)
    assert services.second_factor_check(user=member, code="ijklmnop") == device
    assert services.second_factor_check(user=member, code="abcdefgh") == device
    assert services.second_factor_check(user=chair, code="qrstuvwx").user == chair
    with pytest.raises(ValidationError):
        services.second_factor_check(user=member, code="ijklmnop")


def test_the_upgrade_hashes_the_api_tokens_already_kept_in_clear(member, board, settings):
    """DRF's clear tokens become digests that keep working, for the lifetime from the upgrade,
    and end as new ones do."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    key = Token.objects.create(user=member).key
    with time_machine.travel(T0, tick=False) as clock:
        _migration("0007_hash_api_tokens").hash_api_tokens(apps, None)
        assert not Token.objects.exists()
        token = ApiToken.objects.get()
        assert token.digest == ApiToken.digest_of(key) and key not in token.auth_hash
        assert token.expires_at == T0 + dt.timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        url = reverse("api:board-detail", args=[board.pk])
        assert client.get(url).status_code == 200
        clock.shift(dt.timedelta(days=settings.API_TOKEN_LIFETIME_DAYS))
        assert client.get(url).status_code == 401


# A current code before a change --------------------------------------------------------------


def test_new_recovery_codes_need_a_current_code_and_a_wrong_one_changes_nothing(signed_in):
    client, device, codes = signed_in
    before = set(RecoveryCode.objects.values_list("digest", flat=True))
    for typed, message in (("", "Enter the security code"), ("123456", "is not right")):
        response = client.post(
            reverse("account_security"), {"otp_token": typed, "change": "recovery_codes"}
        )
        assert response.status_code == 200
        assertContains(response, "<title>Error: Sign-in security")
        assertContains(response, "govuk-error-summary")
        assertContains(response, 'href="#id_otp_token"')
        assertContains(response, message)
        assert "<code>" not in response.content.decode()
        assert set(RecoveryCode.objects.values_list("digest", flat=True)) == before


def test_new_recovery_codes_with_a_code_from_the_app(signed_in):
    client, device, codes = signed_in
    response = client.post(
        reverse("account_security"), {"otp_token": code_of(device), "change": "recovery_codes"}
    )
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(new) == 10
    assertContains(response, "You have new recovery codes")
    assertContains(response, f'href="{reverse("account_security")}"')


def test_a_new_authenticator_needs_a_current_code(signed_in, member):
    client, old, codes = signed_in
    # Straight to the set-up page: sent back to give a code, and no new key is made.
    response = client.get(reverse("mfa_setup"))
    assertRedirects(response, reverse("account_security"), fetch_redirect_response=False)
    assertContains(client.get(response.url), "Enter a security code from your authenticator app")
    client.post(reverse("mfa_setup"), {"otp_token": "123456"})
    assert list(TOTPDevice.objects.filter(user=member)) == [old]
    with time_machine.travel(T0, tick=False) as clock:
        # A wrong code: the error, and still no set-up.
        wrong = client.post(
            reverse("account_security"), {"otp_token": "aaaaaaaa", "change": "authenticator"}
        )
        assertContains(wrong, "The security code is not right")
        assert client.get(reverse("mfa_setup")).status_code == 302
        # A recovery code (once the wrong one's second has passed): on to set up the new app,
        # which replaces the old.
        clock.shift(dt.timedelta(seconds=2))
        response = client.post(
            reverse("account_security"), {"otp_token": codes[0], "change": "authenticator"}
        )
        assert response.url.startswith(reverse("mfa_setup"))
        assertContains(client.get(response.url), "Set up an authenticator app")
        new = TOTPDevice.objects.get(user=member, confirmed=False)
        page = client.post(response.url, {"otp_token": code_of(new)})
        assertContains(page, "Your recovery codes")
        assert list(TOTPDevice.objects.filter(user=member)) == [new]
        # Once only: another new app needs another code.
        assert client.get(reverse("mfa_setup")).status_code == 302


def test_the_permission_to_set_up_a_new_authenticator_lapses(signed_in, member):
    client, old, codes = signed_in
    with time_machine.travel(T0, tick=False) as clock:
        client.post(reverse("account_security"), {"otp_token": codes[0], "change": "authenticator"})
        clock.shift(dt.timedelta(minutes=9))
        assert client.get(reverse("mfa_setup")).status_code == 200
        clock.shift(dt.timedelta(minutes=2))
        response = client.get(reverse("mfa_setup"))
    assertRedirects(response, reverse("account_security"), fetch_redirect_response=False)


def test_wrong_codes_on_the_security_page_are_slowed_down(signed_in, member):
    client, device, codes = signed_in
    with time_machine.travel(T0, tick=False) as clock:
        for _ in range(3):
            clock.shift(dt.timedelta(seconds=10))
            response = client.post(
                reverse("account_security"), {"otp_token": "000000", "change": "authenticator"}
            )
    assertContains(response, "You have entered too many wrong codes. Wait 4 seconds")


def test_a_recovery_code_given_to_confirm_a_change_is_used_up(signed_in):
    client, device, codes = signed_in
    left = RecoveryCode.objects.count()
    client.post(reverse("account_security"), {"otp_token": codes[0], "change": "authenticator"})
    assert RecoveryCode.objects.count() == left - 1


def test_once_a_lost_phones_authenticator_is_removed_a_new_one_needs_no_code(signed_in):
    """Signed in with a recovery code, the person asked a platform admin to remove the lost
    phone's authenticator (docs/security.md, "Lost phone"): there is no app to give a code
    from, so setting up the new one is as at a first sign-in."""
    client, old, codes = signed_in
    old.delete()
    page = client.get(reverse("account_security"))
    assertContains(page, "You have not set up an authenticator app")
    assertContains(client.get(reverse("mfa_setup")), "Set up an authenticator app")
