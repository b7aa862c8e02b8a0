"""Browser journeys in real Chromium, driven by Playwright, with axe-core on every page.

Playwright cannot download its own browser here; it drives Debian's Chromium
(CHROMIUM_PATH, default /usr/bin/chromium). Where Chromium is missing the journeys are skipped
with a reason, unless REQUIRE_BROWSER=1 (as in .ci/run), which turns that into a failure.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop; Django's live server is then reached from "async"
# code in Django's eyes. The documented escape hatch for tests:
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    # With REQUIRE_BROWSER=1 a missing Chromium fails at launch instead.
    if Path(CHROMIUM).exists() or os.environ.get("REQUIRE_BROWSER") == "1":
        return
    reason = f"Chromium not found at {CHROMIUM}: install Debian's chromium (.ci/run does)"
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def check_accessibility():
    """Run axe-core on the page and fail on any violation, naming the rule and the elements."""

    def check(page):
        # Evaluated through the browser's debugging protocol: the page's Content Security
        # Policy refuses any script tag that is not the service's own file.
        page.evaluate(AXE.read_text())
        result = page.evaluate("async () => await axe.run(document)")
        problems = [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
            }
            for v in result["violations"]
        ]
        assert not problems, f"{page.url}\n" + json.dumps(problems, indent=2)
        assert_reflows(page)

    return check


# WCAG 2.2, 1.4.10 (reflow): every page at 320 CSS pixels wide, with no sideways scrolling of
# the page; a data table may scroll inside its own region (static/js/tables.mjs).
REFLOW_WIDTH = 320
WIDER_THAN_THE_PAGE = """(limit) => {
  const root = document.documentElement;
  if (root.scrollWidth <= limit) return [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (typeof el.className === "string" && el.className.trim()
      ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  return [...document.body.querySelectorAll("*")]
    .filter((el) => el.getBoundingClientRect().right > limit + 1)
    .filter((el) => !el.closest(".app-table-scroll, .govuk-visually-hidden"))
    .slice(0, 8)
    .map(name);
}"""


def assert_reflows(page):
    """The page, as it is, reflows at 320 CSS pixels: nothing pushes it wider."""
    size = page.viewport_size
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": 640})
    try:
        wider = page.evaluate(WIDER_THAN_THE_PAGE, REFLOW_WIDTH)
    finally:
        page.set_viewport_size(size)
    assert not wider, f"{page.url} is wider than {REFLOW_WIDTH} px at that width: {wider}"


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """The rows the migrations seed. The journeys commit (they run against a live server) and
    Django empties every table after each, so each journey puts them back first.
    (serialized_rollback cannot: Playwright's greenlets hide the connection that holds the
    serialized copy.)"""
    from accreditation.services.assessment import competency_areas_ensure
    from bank.services import themes_ensure
    from reviews.services.calendar import reference_data_ensure

    reference_data_ensure()
    competency_areas_ensure()
    themes_ensure()


@pytest.fixture(autouse=True)
def no_content_security_policy_violations(request):
    """Every journey fails on a Content Security Policy violation (an inline script or style,
    a resource from elsewhere), which the browser would refuse in production too."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    violations = []

    def note(message):
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("console", note)
    yield
    assert not violations, "\n".join(violations)
