"""Every board at a glance: known counts and timeliness per board over the last 12 months on a
seeded set of three boards (with the boundary of a year ago), their totals, a page that names
no case, open to accreditation staff and platform admins only, in queries that do not grow
with the number of boards. Today is frozen at Tuesday 24 November 2026."""

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from boards.models import Board
from boards.tests.factories import BoardFactory, MembershipFactory
from core import paging
from core.tests.factories import UserFactory
from core.tests.paging import assert_paged, table_rows
from deadlines.models import Deadline
from insight import selectors, services, tasks
from insight.selectors import Rate
from publication.models import Publication
from reviews.models import Review
from reviews.services import actions as action_services
from reviews.services import incidents as incident_services
from reviews.tests.factories import decide, log_incident

D = dt.date
TODAY = D(2026, 11, 24)
REAL_NAME = "Jasmine Realname"
NONE = Rate(0, 0)

NORTH = [  # reference, notified on, decided on (a review), completed on, published on
    ("North 1", D(2026, 10, 1), None, None, None),  # awaiting a decision
    ("North 2", D(2026, 10, 1), None, None, None),  # awaiting a decision
    ("North 3", D(2026, 10, 1), D(2026, 10, 2), None, None),  # open
    ("North 4", D(2025, 5, 1), D(2025, 6, 1), D(2026, 6, 1), D(2026, 10, 1)),
    ("North 5", D(2024, 5, 1), D(2024, 6, 1), D(2025, 11, 24), D(2025, 11, 24)),  # a year ago
    ("North 6", D(2026, 1, 5), D(2026, 1, 6), None, None),  # closed without completion
]
SOUTH = [
    ("South 1", D(2026, 11, 20), None, None, None),
    ("South 2", D(2026, 8, 30), D(2026, 9, 1), None, None),
]
NORTH_DEADLINES = [  # reference, clock, due on, met on
    ("North 1", "notify_panel", D(2026, 11, 1), None),  # overdue: late
    ("North 2", "notify_panel", TODAY, None),  # due today: not decided yet
    ("North 3", "notify_panel", D(2026, 10, 1), D(2026, 9, 30)),  # on time
    ("North 3", "rapid_review", D(2026, 10, 5), D(2026, 10, 10)),  # late
    ("North 4", "notify_panel", D(2025, 11, 24), D(2025, 12, 1)),  # a year ago: not counted
    ("North 4", "complete", D(2025, 11, 25), D(2025, 11, 20)),  # first day: on time
]
SOUTH_DEADLINES = [
    ("South 1", "notify_panel", D(2026, 11, 10), None),  # overdue: late
    ("South 2", "notify_panel", D(2026, 9, 1), D(2026, 9, 1)),  # on time
    ("South 2", "rapid_review", D(2026, 10, 1), D(2026, 9, 25)),  # on time
]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def staff(db):
    return UserFactory(name="Sue Pervisor", is_accreditation_staff=True)


def seed(board, manager, chair, cases, deadlines) -> dict:
    """The board's cases through the services, then exactly its `deadlines`."""
    incidents = {}
    for reference, notified, decided, completed, published in cases:
        dates = {"incident_on": notified, "la_aware_on": notified, "notified_on": notified}
        incident = log_incident(actor=manager, board=board, reference=reference, **dates)
        if decided:
            decide(actor=chair, incident=incident, decided_on=decided)
            review = Review.objects.get(incident=incident)
            Review.objects.filter(pk=review.pk).update(completed_on=completed)
        if published:
            Publication.objects.create(
                review=review, decision="publish", decided_by=chair, decided_on=published,
                planned_on=published, published_on=published,
            )  # fmt: skip
        incidents[reference] = incident
    Deadline.objects.filter(board=board).delete()
    for reference, clock, due_on, met_on in deadlines:
        incident = incidents[reference]
        Deadline.objects.create(
            board=board, kind="clock", owner_id=incident.pk, case_id=incident.pk,
            rulebook=incident.rulebook, clock=clock,
            starts_on=due_on - dt.timedelta(days=5), due_on=due_on, met_on=met_on,
        )  # fmt: skip
    return incidents


@pytest.fixture
def seeded(board, business_manager, chair, other_board, other_board_user):
    """Northshire and Southshire as above; Westshire has nothing yet. A real name is recorded
    for North 3, and North 6's review was closed without being completed."""
    north = seed(board, business_manager, chair, NORTH, NORTH_DEADLINES)
    seed(other_board, other_board_user, other_board_user, SOUTH, SOUTH_DEADLINES)
    Review.objects.filter(incident=north["North 6"]).update(stage="closed")
    incident_services.person_add(
        actor=business_manager, incident=north["North 3"], role="subject", name=REAL_NAME
    )
    BoardFactory(
        name="Westshire Safeguarding Adults Board", kind="adults", regime=Board.Regime.SAB_2014
    )
    return north


def figures_of(name: str) -> selectors.BoardFigures:
    return next(f for f in selectors.boards_overview(today=TODAY) if f.board.name.startswith(name))


def test_each_board_has_its_known_figures(seeded):
    figures = selectors.boards_overview(today=TODAY)
    assert [f.board.name.split()[0] for f in figures] == ["Northshire", "Southshire", "Westshire"]
    north, south, west = figures
    counts = ("awaiting_decision", "open_reviews", "completed", "overdue", "published")
    assert [getattr(north, name) for name in counts] == [2, 1, 1, 1, 1]
    assert [getattr(south, name) for name in counts] == [1, 1, 0, 1, 0]
    assert [getattr(west, name) for name in counts] == [0, 0, 0, 0, 0]
    assert north.timeliness == {
        "notify_panel": Rate(1, 1), "rapid_review": Rate(0, 1), "complete": Rate(1, 0)
    }  # fmt: skip
    assert south.rates == [Rate(1, 1), Rate(1, 0), NONE, NONE, NONE]
    assert west.rates == [NONE] * 5


def test_the_totals_add_up_every_board(seeded):
    totals = selectors.overview_totals(selectors.boards_overview(today=TODAY))
    assert totals.board is None
    assert (totals.awaiting_decision, totals.open_reviews, totals.completed) == (3, 2, 1)
    assert (totals.overdue, totals.published) == (2, 1)
    assert totals.rates == [Rate(2, 2), Rate(1, 1), NONE, Rate(1, 0), NONE]
    assert selectors.overview_totals([]) is None


def test_an_overdue_action_is_not_an_overdue_statutory_deadline(seeded, business_manager, agency):
    review = Review.objects.get(incident=seeded["North 3"])
    action_services.action_add(
        actor=business_manager, review=review, description="Audit referrals",
        owner_agency=agency, due_on=D(2026, 11, 1),
    )  # fmt: skip
    assert figures_of("Northshire").overdue == 1


def row_cells(html: str, heading: str) -> list[str]:
    """The text of each cell of the table row headed `heading` (th), after the heading."""
    for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", html, re.S):
        cells = re.findall(r"<t([hd])[^>]*>(.*?)</t[hd]>", row, re.S)
        texts = [" ".join(re.sub(r"<[^>]+>", " ", text).split()) for _, text in cells]
        if texts and texts[0].startswith(heading):
            return texts[1:]
    raise AssertionError(f"no row {heading}")


def test_the_page_shows_the_counts_and_no_case(client, seeded, staff):
    client.force_login(staff)
    response = client.get(reverse("insight:overview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert row_cells(html, "Northshire") == [
        "2", "1", "1", "1", "1", "50% 1 of 2", "0% 0 of 1", "–", "100% 1 of 1", "–"
    ]  # fmt: skip
    assert row_cells(html, "Southshire")[:7] == [
        "1",
        "1",
        "1",
        "0",
        "0",
        "50% 1 of 2",
        "100% 1 of 1",
    ]
    assert row_cells(html, "Westshire") == ["0"] * 5 + ["–"] * 5
    assert row_cells(html, "All boards")[:6] == ["3", "2", "2", "1", "1", "50% 2 of 4"]
    assert "3 boards" in html
    for case_content in ("North ", "South ", "Jasmine", "Realname", "practice review"):
        assert case_content not in html, case_content


@pytest.mark.parametrize("who", ["staff", "platform_admin"])
def test_accreditation_staff_and_platform_admins_see_it_in_the_navigation(request, client, who):
    client.force_login(request.getfixturevalue(who))
    assert "Boards at a glance" in client.get(reverse("home")).content.decode()
    assert client.get(reverse("insight:overview")).status_code == 200


def test_no_board_user_sees_it(client, role_users, other_board_user):
    for role, user in [*role_users.items(), ("every role elsewhere", other_board_user)]:
        client.force_login(user)
        assert client.get(reverse("insight:overview")).status_code == 403, role
        assert "Boards at a glance" not in client.get(reverse("home")).content.decode(), role


def test_signed_out_visitors_are_asked_to_sign_in(client, db):
    response = client.get(reverse("insight:overview"))
    assert response.status_code == 302 and "sign-in" in response["Location"]


def busy_boards(count: int) -> None:
    """`count` boards, each with an incident awaiting a decision, an open review and its
    deadlines (as the services make them), and an overdue one."""
    for _ in range(count):
        board = BoardFactory()
        manager = MembershipFactory(board=board, role="business_manager").user
        chair = MembershipFactory(board=board, role="chair").user
        log_incident(actor=manager, board=board)
        decide(actor=chair, incident=log_incident(actor=manager, board=board))


def test_the_queries_do_not_grow_with_the_boards(client, staff, django_assert_max_num_queries):
    client.force_login(staff)
    busy_boards(3)
    # The first visit counts the national totals, as the beat does after; the session settles.
    client.get(reverse("insight:overview"))
    # With the late deadlines by board and month (the heat map), the page's count of boards,
    # the national totals as counted, and the navigation's count of the user's work.
    with django_assert_max_num_queries(15) as few:
        assert client.get(reverse("insight:overview")).status_code == 200
    busy_boards(57)
    services.national_figures_count()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("insight:overview"))
    assert "60 boards" in response.content.decode()
    assert len(board_rows(response)) == paging.PAGE_SIZE


def board_rows(response) -> list[str]:
    """The boards' rows of the page's table, without the All boards row at its foot."""
    return [row for row in table_rows(response) if not row.startswith("All boards")]


def test_each_board_is_on_exactly_one_page(client, staff):
    client.force_login(staff)

    def add(n):
        for _ in range(n):
            BoardFactory()

    assert_paged(client, reverse("insight:overview"), add=add, rows=board_rows)


def test_the_totals_are_those_the_beat_counted_and_say_when(client, seeded, staff):
    client.force_login(staff)
    tasks.count_national_figures()
    Review.objects.filter(board__name__startswith="Southshire").update(stage="closed")
    html = client.get(reverse("insight:overview")).content.decode()
    # Southshire's row is read afresh; the totals wait for the next count, and say when.
    assert row_cells(html, "Southshire")[1] == "0"
    assert row_cells(html, "All boards")[:2] == ["3", "2"]
    assert "All boards figures as of 12:00" in " ".join(re.sub(r"<[^>]+>", " ", html).split())
    tasks.count_national_figures()
    html = client.get(reverse("insight:overview")).content.decode()
    assert row_cells(html, "All boards")[:2] == ["3", "1"]


def test_the_beat_counts_the_national_totals():
    assert settings.CELERY_BEAT_SCHEDULE["insight-national-figures"]["task"] == (
        "insight.tasks.count_national_figures"
    )


def test_a_board_member_without_a_national_role_is_refused_every_page(client, role_users):
    for role, user in role_users.items():
        client.force_login(user)
        for page in ("1", "2", "999"):
            response = client.get(reverse("insight:overview"), {"page": page})
            assert response.status_code == 403, role
