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


def test_production_refuses_to_start_without_a_secret_key():
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_ENV": "production"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
