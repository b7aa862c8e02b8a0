"""Late deadlines as a heat map: how many fell due in each of the last twelve months and were
met late or are overdue, by agency (a board's dashboard) or by board (every board at a glance,
for the accreditation staff and platform admins).

The map is a table: each cell holds its number, and its shade (one of five) only repeats it,
so the table is the map's own alternative. One query whatever the number of deadlines.

A deadline belongs to an agency when it is an action that agency owns or a request for its
information (the two kinds of deadline reviews declare with an agency: `reviews.deadline_kinds`);
a statutory clock is the board's own.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy

from boards.models import Board
from deadlines.models import Deadline
from reviews.models import Action, AgencyRequest

MONTHS = 12
SHADES = 4  # shades 1 to 4 for a cell above 0, darker for more
THE_BOARD = gettext_lazy("The board's statutory clocks and other deadlines")


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[tuple[int, int]]  # (count, shade) a month

    @property
    def total(self) -> int:
        return sum(count for count, _ in self.cells)


@dataclass(frozen=True)
class HeatMap:
    months: list[dt.date]  # the first day of each month, oldest first
    rows: list[Row]

    @property
    def empty(self) -> bool:
        return not any(row.total for row in self.rows)


def months_back(today: dt.date, count: int = MONTHS) -> list[dt.date]:
    first = today.replace(day=1)
    months = []
    for _ in range(count):
        months.append(first)
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return months[::-1]


def _late(today: dt.date) -> Q:
    """Met after its due date, or still open past it (a paused clock is not late)."""
    return Q(met_on__gt=F("due_on")) | Q(
        met_on__isnull=True, paused_since__isnull=True, due_on__lt=today
    )


def _shaded(counts: list[int], most: int) -> list[tuple[int, int]]:
    return [(n, 0 if not n else max(1, -(-SHADES * n // most))) for n in counts]


def _map(rows, months: list[dt.date], label_of, last_label: str = "") -> HeatMap:
    """The map of grouped `rows` (key, label, month, n): a row for each key that has any,
    by label, the key None (`last_label`) last."""
    found, labels = {}, {}
    for row in rows:
        found[(row["key"], _day(row["month"]))] = row["n"]
        labels[row["key"]] = label_of(row)
    most = max(found.values(), default=0) or 1
    keys = sorted((k for k in labels if k is not None), key=lambda k: labels[k])
    if None in labels:
        keys.append(None)
    return HeatMap(
        months,
        [
            Row(
                labels[key] if key is not None else last_label,
                _shaded([found.get((key, month), 0) for month in months], most),
            )
            for key in keys
        ],
    )


def late_by_agency(*, board: Board, today: dt.date | None = None) -> HeatMap:
    """The board's late deadlines of the last twelve months, by agency and month due; an
    agency with none has no row."""
    today = today or timezone.localdate()
    months = months_back(today)
    owner = OuterRef("owner_id")
    actions = Action.all_objects.filter(pk=owner)
    requests = AgencyRequest.all_objects.filter(pk=owner)
    rows = (
        Deadline.objects.filter(board=board, due_on__gte=months[0], due_on__lte=today)
        .filter(_late(today))
        .annotate(
            key=Coalesce(
                Subquery(actions.values("owner_agency_id")[:1]),
                Subquery(requests.values("agency_id")[:1]),
            ),
            agency_name=Coalesce(
                Subquery(actions.values("owner_agency__name")[:1]),
                Subquery(requests.values("agency__name")[:1]),
            ),
            month=TruncMonth("due_on"),
        )
        .values("key", "agency_name", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _map(rows, months, lambda row: row["agency_name"], THE_BOARD)


def late_by_board(*, boards=None, today: dt.date | None = None) -> HeatMap:
    """The late deadlines of the last twelve months of `boards` (every board when None), by
    board and month due: numbers only, nothing of any case; a board with none has no row.
    Every board at a glance passes the boards of its page, so the map is read by the deadlines'
    board index and stays the same size as the country grows."""
    today = today or timezone.localdate()
    months = months_back(today)
    deadlines = Deadline.objects.filter(board__isnull=False)
    if boards is not None:
        deadlines = deadlines.filter(board__in=[board.pk for board in boards])
    rows = (
        deadlines.filter(due_on__gte=months[0], due_on__lte=today)
        .filter(_late(today))
        .annotate(key=F("board_id"), month=TruncMonth("due_on"))
        .values("key", "board__name", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _map(rows, months, lambda row: row["board__name"])


def _day(month) -> dt.date:
    """TruncMonth gives a date (SQLite) or a datetime (PostgreSQL, of a date: midnight)."""
    return month.date() if isinstance(month, dt.datetime) else month
