"""The board dashboard: timeliness figures with known answers, charts that parse and are
labelled, a bounded number of queries, and nothing for another board."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.urls import reverse

from deadlines.models import Deadline
from insight import charts, selectors
from reviews.models import Incident
from reviews.tests.factories import log_incident

D = dt.date
TODAY = D(2026, 11, 24)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC), tick=False):
        yield


KNOWN = [
    # Q4 2026 notifications: 2 on time, 1 late, 1 overdue, 1 still running (not counted).
    ("notify_panel", D(2026, 10, 5), D(2026, 10, 5)),
    ("notify_panel", D(2026, 10, 9), D(2026, 10, 1)),
    ("notify_panel", D(2026, 10, 12), D(2026, 10, 14)),
    ("notify_panel", D(2026, 11, 2), None),
    ("notify_panel", D(2026, 12, 1), None),
    # Q3 2026: one review completed late; Q4 2025 (before the four quarters): not counted.
    ("complete", D(2026, 8, 1), D(2026, 8, 20)),
    ("complete", D(2025, 11, 30), D(2025, 11, 1)),
    # Not a statutory clock: an action's deadline does not count.
    ("action", D(2026, 10, 1), D(2026, 12, 1)),
]


@pytest.fixture
def known(board, business_manager):
    """The board's deadlines are exactly KNOWN, each on an incident of its own."""
    incidents = [log_incident(actor=business_manager, board=board) for _ in KNOWN]
    Deadline.objects.filter(board=board).delete()
    for incident, (clock, due_on, met_on) in zip(incidents, KNOWN, strict=True):
        Deadline.objects.create(
            board=board,
            kind="clock",
            owner_id=incident.pk,
            case_id=incident.pk,
            rulebook=incident.rulebook,
            clock=clock,
            starts_on=due_on - dt.timedelta(days=7),
            due_on=due_on,
            met_on=met_on,
        )
    return incidents


def test_timeliness_counts_what_is_decided_by_quarter(known, board):
    figures = selectors.timeliness(board=board, today=TODAY)
    assert figures["notify_panel"] == {(2026, 4): selectors.Rate(on_time=2, late=2)}
    assert figures["notify_panel"][(2026, 4)].percent == 50
    assert figures["complete"] == {(2026, 3): selectors.Rate(on_time=0, late=1)}
    assert "action" not in figures


def test_a_paused_clock_past_its_date_is_not_late(known, board):
    running = Deadline.objects.get(board=board, clock="notify_panel", due_on=D(2026, 11, 2))
    running.paused_since = D(2026, 10, 30)
    running.save()
    figures = selectors.timeliness(board=board, today=TODAY)
    assert figures["notify_panel"] == {(2026, 4): selectors.Rate(on_time=2, late=1)}


def test_quarters_run_back_from_today():
    assert selectors.quarters_back(TODAY) == [(2026, 1), (2026, 2), (2026, 3), (2026, 4)]
    assert selectors.quarters_back(D(2026, 2, 1))[0] == (2025, 2)


def test_deadlines_now_counts_overdue_due_today_and_soon(known, board):
    assert selectors.deadlines_now(board=board, today=TODAY) == {
        "overdue": 1,
        "due_today": 0,
        "due_soon": 1,
    }


def test_a_chart_is_valid_labelled_svg():
    chart = charts.bar_chart("Actions by status", [("Planned", 3), ("Completed", 1)])
    assert [bar.width for bar in chart.bars] == [330, 110]
    assert chart.description == "Planned: 3; Completed: 1"
    percent = charts.bar_chart("On time", [("Q1 2026", None), ("Q2 2026", 50)], unit="%")
    assert [(bar.shown, bar.width) for bar in percent.bars] == [("none yet", 0), ("50%", 165)]


def svgs_of(html: str) -> list[ET.Element]:
    found, start = [], 0
    while (start := html.find("<svg", start)) != -1:
        end = html.index("</svg>", start) + len("</svg>")
        found.append(ET.fromstring(html[start:end]))  # noqa: S314 (our own page)
        start = end
    return found


def test_the_dashboard_shows_labelled_charts_with_tables(client, chair, board, known):
    client.force_login(chair)
    response = client.get(reverse("insight:dashboard", args=[board.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    svgs = svgs_of(html)
    assert len(svgs) >= 6
    for svg in svgs:
        assert svg.get("role") == "img"
        assert svg.find(f"{SVG}title").text
        assert svg.find(f"{SVG}desc").text
    assert "2 of 4" in html  # notifications on time in Q4 2026
    assert "Notification: share on time" in html or "share on time" in html
    assert "as a table" in html


def test_the_dashboards_queries_do_not_grow_with_the_cases(
    client, chair, board, business_manager, django_assert_max_num_queries
):
    client.force_login(chair)
    url = reverse("insight:dashboard", args=[board.pk])
    for _ in range(3):
        log_incident(actor=business_manager, board=board)
    # One of them reads the board's own timescales (the clocks' lengths it shows), one the
    # late deadlines by agency and month (the heat map), two the navigation's count of the
    # user's work (their roles, the bank holidays ahead).
    # The incidents and actions by status are one query, the findings by category another
    # (issue 21: at most 15 as the bench measures, without the navigation's two). The learning
    # shared (sharing.selectors.reach) is three: by agency, the categories covered, by kind.
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _ in range(10):
        log_incident(actor=business_manager, board=board)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
    assert Incident.objects.filter(board=board).count() == 13


def test_another_boards_user_gets_nothing(client, other_board_user, board, known):
    client.force_login(other_board_user)
    assert client.get(reverse("insight:dashboard", args=[board.pk])).status_code == 404


def test_lead_reviewers_do_not_see_the_boards_cases(client, lead_reviewer, board):
    client.force_login(lead_reviewer)
    assert client.get(reverse("insight:dashboard", args=[board.pk])).status_code == 403


@pytest.mark.parametrize(
    "label",
    [
        "Multi-agency working in response to incidents and crises",
        "Human reasoning",
        "Management systems and organisational culture and management",
        "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
    ],
)
def test_a_chart_label_fits_its_space_and_is_not_cut_at_the_edge(label):
    """Labels are right-aligned beside their bars: one wider than its space ran off the left
    edge of the picture and was cut there ("-uman–management"). They are shortened to fit
    instead, with an ellipsis, and read out whole in the chart's description."""
    from insight import charts

    chart = charts.bar_chart("Findings by category", [(label, 3)])
    shown = chart.bars[0].label
    fitted = charts.fitted(shown, charts.LABEL_WIDTH - 8)
    assert sum(map(charts._char_width, fitted)) <= charts.LABEL_WIDTH - 8
    assert fitted == label or fitted.endswith("…")
    assert fitted.rstrip("…") == label[: len(fitted.rstrip("…"))]  # cut at the end only
    assert label in chart.description
    assert f">{fitted}</text>" in chart.svg.replace("&#x27;", "'")
