import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from core.models import ApiToken

ROOT = Path(__file__).resolve().parents[2]


def test_api_token_prints_a_fresh_token_each_time_kept_only_as_a_digest(member, capsys, settings):
    call_command("api_token", member.email.upper())
    first = capsys.readouterr().out.strip()
    call_command("api_token", member.email, "--purpose", "Nightly export", "--days", "30")
    second = capsys.readouterr().out.strip()
    assert first != second
    tokens = ApiToken.objects.filter(user=member).order_by("issued_at")
    assert [t.digest for t in tokens] == [ApiToken.digest_of(first), ApiToken.digest_of(second)]
    assert not ApiToken.objects.filter(digest__in=[first, second]).exists()
    assert tokens[0].expires_at - tokens[0].issued_at == dt.timedelta(
        days=settings.API_TOKEN_LIFETIME_DAYS
    )
    assert tokens[1].purpose == "Nightly export"
    assert tokens[1].expires_at - tokens[1].issued_at == dt.timedelta(days=30)
    assert tokens[0].board is None and tokens[0].issued_by is None


def test_api_token_refuses_a_lifetime_past_the_longest(member, settings):
    with pytest.raises(CommandError, match="from 1 to 90"):
        call_command("api_token", member.email, "--days", "91")
    assert not ApiToken.objects.exists()


def test_api_token_refuses_a_disabled_account(member):
    member.is_active = False
    member.save()
    with pytest.raises(CommandError, match="disabled"):
        call_command("api_token", member.email)


def test_api_token_for_an_unknown_email(db):
    with pytest.raises(CommandError):
        call_command("api_token", "nobody@example.org")


def start_django(**environment):
    return subprocess.run(  # noqa: S603 - fixed arguments
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DEBUG, settings.SESSION_COOKIE_SECURE)",
        ],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "config.settings", "PATH": "/usr/bin:/bin", **environment},
        capture_output=True,
        text=True,
        check=False,
    )


def test_with_nothing_set_it_is_production_and_refuses_without_a_secret_key():
    """A process started without the local .env (a worker, a migration in a deployment) must
    not fall back to DEBUG and the public development key."""
    result = start_django(DOTENV="none")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_with_a_secret_key_is_safe_by_default():
    result = start_django(DOTENV="none", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_local_development_says_debug():
    result = start_django(DOTENV="none", DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False"]
