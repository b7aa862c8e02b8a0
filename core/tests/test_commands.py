import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

ROOT = Path(__file__).resolve().parents[2]


def test_api_token_prints_the_same_token_each_time(member, capsys):
    call_command("api_token", member.email.upper())
    first = capsys.readouterr().out.strip()
    call_command("api_token", member.email)
    assert capsys.readouterr().out.strip() == first == Token.objects.get(user=member).key


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
