"""A rule of the layers that is not an import (docs/architecture.md, issue 17).

import-linter (`make lint`) checks that every import points down. This checks that views and
API modules read only through selectors and write only through services: none of them calls a
model manager.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "core",
    "deadlines",
    "boards",
    "reviews",
    "reminders",
    "accreditation",
    "publication",
    "insight",
    "retention",
    "audit",
    "sharing",
    "home",
)
MANAGERS = {"objects", "all_objects", "history"}


def _view_and_api_modules():
    for app in APPS:
        base = ROOT / app
        yield from base.glob("views.py")
        yield from base.glob("views/*.py")
        yield from base.glob("api.py")
        yield from base.glob("*_api.py")


def _manager_calls(path: Path, root: Path = ROOT) -> list[str]:
    """`Model.objects`, `Model.all_objects`, `Model.history`, `get_user_model().objects` and
    `get_object_or_404(...)` in one module, as "file:line"."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            owner = node.value
            is_model = isinstance(owner, ast.Name) and owner.id[:1].isupper()
            is_user_model = (
                isinstance(owner, ast.Call)
                and isinstance(owner.func, ast.Name)
                and owner.func.id == "get_user_model"
            )
            if is_model or is_user_model:
                found.append(f"{path.relative_to(root)}:{node.lineno}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "get_object_or_404"
        ):
            found.append(f"{path.relative_to(root)}:{node.lineno}")
    return sorted(found, key=lambda place: int(place.rsplit(":", 1)[1]))


def test_the_scan_finds_a_manager_call(tmp_path):
    module = tmp_path / "views.py"
    module.write_text(
        "def get(request):\n"
        "    Incident.objects.filter(pk=1)\n"
        "    get_user_model().objects.all()\n"
        "    return get_object_or_404(Board, pk=1)\n"
    )
    assert _manager_calls(module, tmp_path) == ["views.py:2", "views.py:3", "views.py:4"]


def test_views_and_api_modules_read_only_through_selectors():
    modules = list(_view_and_api_modules())
    assert len(modules) > 20  # the scan sees the project
    calls = [call for module in modules for call in _manager_calls(module)]
    assert calls == []
