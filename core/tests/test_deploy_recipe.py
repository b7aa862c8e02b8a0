"""The production recipe (docs/deploy.md, the Procfile, config/gunicorn.py) stays true: every
setting the service reads is listed with its default and whether it is a secret, and the
processes' commands are ones that start."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RECIPE = (ROOT / "docs" / "deploy.md").read_text()


def settings_read() -> set[str]:
    text = (ROOT / "config" / "settings.py").read_text()
    return set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]+)"', text))


def table_rows() -> dict[str, list[str]]:
    """Each variable of the recipe's settings table: its row's cells after the names."""
    rows = {}
    for line in RECIPE.splitlines():
        if not line.startswith("| `"):
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", cells[0]):
            rows[name] = cells[1:]
    return rows


def test_every_setting_is_in_the_recipe_with_its_default_and_secrecy():
    rows = table_rows()
    read = settings_read()
    assert len(read) > 40  # the pattern still finds them
    assert read - set(rows) == set()
    for name in read:
        default, secret, _ = rows[name]
        assert default, name
        assert secret.startswith(("no", "**yes**")), name
    assert {name for name in read if rows[name][1].startswith("**yes**")} >= {
        "SECRET_KEY",
        "DATABASE_URL",
        "EMAIL_URL",
        "GOVUK_NOTIFY_API_KEY",
    }


def test_the_procfile_is_the_recipes():
    procfile = (ROOT / "Procfile").read_text()
    processes = dict(
        line.split(":", 1) for line in procfile.splitlines() if line and not line.startswith("#")
    )
    assert set(processes) == {"release", "web", "worker", "beat"}
    for name, command in processes.items():
        assert f"`{name}` | `{command.strip()}`" in RECIPE, name


def test_the_web_process_configuration_loads_with_production_settings():
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "DEBUG": "false",
        "DOTENV": "none",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "reviews.example.org",
        "PORT": "8123",
        "WEB_CONCURRENCY": "3",
    }
    result = subprocess.run(
        [str(Path(sys.executable).parent / "gunicorn"), "--check-config", "--print-config",
         "--config", "config/gunicorn.py", "config.wsgi"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert re.search(r"^bind\s+=\s+\['0\.0\.0\.0:8123'\]", result.stdout, re.M)
    assert re.search(r"^workers\s+=\s+3$", result.stdout, re.M)
