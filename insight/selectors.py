"""The figures of a board's dashboard, each in one query whatever the number of cases, and
the facts of one review's timeline.

Timeliness is read from the deadlines the clocks keep (`reviews.services.clocks`): a deadline
counts once it is decided, that is met (on time or late) or overdue; one still running does not
count yet. Pauses and agreed extensions have already moved its due date.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from boards.models import Board
from core.work import count_of
from deadlines.kinds import STATUTORY
from deadlines.models import Deadline
from guidance import methodologies, rulebooks
from insight.models import CalendarFeed, NationalFigures
from publication.models import Publication
from reviews.models import Action, Finding, FindingCategory, Incident, Review
from reviews.selectors import with_status
from reviews.services.clocks import holidays_from

# The statutory clocks whose timeliness the dashboard shows, in the order of a case.
TIMELINESS_CLOCKS = ("notify_panel", "rapid_review", "decision", "complete", "panel_copy")
QUARTERS_SHOWN = 4


@dataclass(frozen=True)
class Rate:
    on_time: int
    late: int

    @property
    def decided(self) -> int:
        return self.on_time + self.late

    @property
    def percent(self) -> int | None:
        """Whole per cent on time, or None when nothing is decided yet."""
        return round(100 * self.on_time / self.decided) if self.decided else None


def quarters_back(today: dt.date, count: int = QUARTERS_SHOWN) -> list[tuple[int, int]]:
    """(year, quarter) of the last `count` quarters, the current one last."""
    year, quarter = today.year, (today.month - 1) // 3 + 1
    found = []
    for __ in range(count):
        found.append((year, quarter))
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return found[::-1]


def quarter_label(year: int, quarter: int) -> str:
    return _("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year}


def decided_deadlines(deadlines, *, since: dt.date, today: dt.date):
    """The statutory deadlines of the timeliness figures that fell due in [since, today]."""
    return deadlines.filter(
        clock__in=TIMELINESS_CLOCKS,
        kind=STATUTORY,
        due_on__gte=since,
        due_on__lte=today,
    )


def on_time_and_late(today: dt.date) -> dict:
    """Met on or before the due date; met after it, or still open (and running) past it."""
    # A paused clock is not late while it stands still (as Deadline.Status says: paused).
    late = Q(met_on__gt=F("due_on")) | Q(
        met_on__isnull=True, paused_since__isnull=True, due_on__lt=today
    )
    return {
        "on_time": Count("pk", filter=Q(met_on__lte=F("due_on"))),
        "late": Count("pk", filter=late),
    }


def timeliness(*, board, today: dt.date | None = None) -> dict[str, dict[tuple[int, int], Rate]]:
    """For each statutory clock, on time and late by the quarter the deadline fell due."""
    today = today or timezone.localdate()
    first_year, first_quarter = quarters_back(today)[0]
    since = dt.date(first_year, 3 * first_quarter - 2, 1)
    rows = (
        decided_deadlines(Deadline.objects.filter(board=board), since=since, today=today)
        .annotate(year=ExtractYear("due_on"), quarter=ExtractQuarter("due_on"))
        .values("clock", "year", "quarter")
        .annotate(**on_time_and_late(today))
        .order_by()
    )
    figures: dict[str, dict[tuple[int, int], Rate]] = {}
    for row in rows:
        by_quarter = figures.setdefault(row["clock"], {})
        by_quarter[(row["year"], row["quarter"])] = Rate(row["on_time"], row["late"])
    return figures


def _status_counts(queryset, prefix: str, codes) -> dict:
    return {f"{prefix}{code}": count_of(queryset.filter(status=code)) for code in codes}


OPEN_INCIDENT_STATUSES = [code for code in Incident.Status.values if code != "no_review"]


def _incident_counts(*, board) -> dict:
    return _status_counts(Incident.objects.filter(board=board), "incident_", OPEN_INCIDENT_STATUSES)


def _action_counts(*, board) -> dict:
    return _status_counts(
        Action.objects.filter(review__board=board), "action_", Action.Status.values
    )


def _read_counts(*, board, **counts) -> dict:
    """The count expressions read in one query."""
    return Board.objects.filter(pk=board.pk).values(**counts).get()


def _incident_bars(row) -> list[tuple[str, int]]:
    return [
        (label, row[f"incident_{code}"])
        for code, label in Incident.Status.choices
        if code in OPEN_INCIDENT_STATUSES
    ]


def _action_bars(row) -> list[tuple[str, int]]:
    return [(label, row[f"action_{code}"]) for code, label in Action.Status.choices]


@dataclass(frozen=True)
class BoardCounts:
    published: Rate
    incidents: list[tuple[str, int]]  # open incidents by status
    actions: list[tuple[str, int]]  # actions by status


def board_counts(*, board, today: dt.date | None = None) -> BoardCounts:
    """The dashboard's counts of reports published on time (one query), incidents by status
    and actions by status (one query, a subquery a count), whatever the number of cases."""
    today = today or timezone.localdate()
    row = _read_counts(board=board, **_incident_counts(board=board), **_action_counts(board=board))
    # The reports published in a query of their own: as subqueries, PostgreSQL read the
    # country's publications of the year once for each.
    return BoardCounts(
        published_on_time(board=board, today=today), _incident_bars(row), _action_bars(row)
    )


def published_on_time(*, board, today: dt.date | None = None) -> Rate:
    """Reports published on or before the date the chair planned, over the last year."""
    today = today or timezone.localdate()
    row = Publication.objects.filter(
        review__board=board,
        published_on__isnull=False,
        published_on__gt=today - dt.timedelta(days=365),
    ).aggregate(
        on_time=Count("pk", filter=Q(published_on__lte=F("planned_on"))),
        late=Count("pk", filter=Q(published_on__gt=F("planned_on"))),
    )
    return Rate(row["on_time"], row["late"])


def open_incidents(*, board) -> list[tuple[str, int]]:
    return _incident_bars(_read_counts(board=board, **_incident_counts(board=board)))


def reviews_by_stage(*, board) -> list[tuple[str, int]]:
    counts = dict(
        Review.objects.filter(board=board).values_list("stage").annotate(n=Count("pk")).order_by()
    )
    stages = []
    for stage in methodologies.LEARNING_TOGETHER.stages:
        stages.append((stage.title, counts.pop(stage.code, 0)))
    # Stages of other methodologies, by code, after the Learning Together ones.
    stages += [(code.replace("_", " ").capitalize(), n) for code, n in sorted(counts.items())]
    return stages


def deadlines_now(*, board, today: dt.date | None = None) -> dict[str, int]:
    """How many open deadlines are overdue, due today and due soon."""
    wanted = [Deadline.Status.OVERDUE, Deadline.Status.DUE_TODAY, Deadline.Status.DUE_SOON]
    rows = (
        with_status(Deadline.objects.filter(board=board, met_on__isnull=True), today=today)
        .filter(status__in=wanted)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = dict(rows)
    return {status: counts.get(status, 0) for status in wanted}


def findings_by_category(*, board) -> list[tuple[str, int]]:
    return by_category(Finding.objects.filter(review__board=board))


def by_category(findings) -> list[tuple[str, int]]:
    """(category, count) for every category in use, and any retired one these findings have:
    the categories with their counts, in one query."""
    categories = FindingCategory.objects.annotate(
        n=count_of(findings.filter(category=OuterRef("pk")))
    ).filter(Q(active=True) | Q(n__gt=0))
    return [(category.name, category.n) for category in categories]


def actions_by_status(*, board) -> list[tuple[str, int]]:
    return _action_bars(_read_counts(board=board, **_action_counts(board=board)))


def clock_title(code: str) -> str:
    return rulebooks.CLOCK_KINDS.get(code, code)


# Every board at a glance, for accreditation staff and platform admins: counts only.

YEAR = dt.timedelta(days=365)


@dataclass(frozen=True)
class BoardFigures:
    board: Board
    awaiting_decision: int
    open_reviews: int
    completed: int  # reviews completed in the last 12 months
    overdue: int  # open statutory deadlines past their date
    published: int  # reports published in the last 12 months
    timeliness: dict[str, Rate]  # by clock, deadlines due in the last 12 months

    @property
    def rates(self) -> list[Rate]:
        """On time and late for each of TIMELINESS_CLOCKS, in its order."""
        return [self.timeliness.get(clock, Rate(0, 0)) for clock in TIMELINESS_CLOCKS]


def overview_boards():
    """Every board, by name: the list the overview pages (core.paging)."""
    return Board.objects.order_by("name")


def boards_overview(*, boards=None, today: dt.date | None = None) -> list[BoardFigures]:
    """Counts and timeliness of `boards` (a page of them; every board when None), each figure
    in one query grouped by board and limited to those boards, so that the boards' indexes
    serve it and a page reads the same whatever the size of the country; and nothing of any
    case: no reference, no name, no date of a case."""
    today = today or timezone.localdate()
    since = today - YEAR
    boards = list(overview_boards()) if boards is None else list(boards)
    ids = [board.pk for board in boards]

    def by_board(rows):
        return {row.pop("board"): row for row in rows}

    awaiting = by_board(
        Incident.objects.filter(board__in=ids, status=Incident.Status.AWAITING_DECISION)
        .values("board")
        .annotate(n=Count("pk"))
        .order_by()
    )
    reviews = by_board(
        Review.objects.filter(board__in=ids)
        .values("board")
        .annotate(
            open=Count("pk", filter=Q(completed_on__isnull=True) & ~Q(stage="closed")),
            completed=Count("pk", filter=Q(completed_on__gt=since, completed_on__lte=today)),
        )
        .order_by()
    )
    overdue = by_board(
        # Whether a deadline is overdue does not depend on the days that count as due soon:
        # `due_soon_by` given saves reading the bank holidays.
        with_status(
            Deadline.objects.filter(board__in=ids, kind=STATUTORY, met_on__isnull=True),
            today=today,
            due_soon_by=today,
        )
        .filter(status=Deadline.Status.OVERDUE)
        .values("board")
        .annotate(n=Count("pk"))
        .order_by()
    )
    published = by_board(
        Publication.objects.filter(
            review__board__in=ids, published_on__gt=since, published_on__lte=today
        )
        .values(board=F("review__board"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    rates: dict = {}
    for row in (
        decided_deadlines(
            Deadline.objects.filter(board__in=ids), since=since + dt.timedelta(days=1), today=today
        )
        .values("board", "clock")
        .annotate(**on_time_and_late(today))
        .order_by()
    ):
        rates.setdefault(row["board"], {})[row["clock"]] = Rate(row["on_time"], row["late"])
    return [
        BoardFigures(
            board=board,
            awaiting_decision=awaiting.get(board.pk, {}).get("n", 0),
            open_reviews=reviews.get(board.pk, {}).get("open", 0),
            completed=reviews.get(board.pk, {}).get("completed", 0),
            overdue=overdue.get(board.pk, {}).get("n", 0),
            published=published.get(board.pk, {}).get("n", 0),
            timeliness=rates.get(board.pk, {}),
        )
        for board in boards
    ]


def overview_totals(figures: list[BoardFigures]) -> BoardFigures | None:
    """All boards together: the sums of the counts and of the deadlines on time and late."""
    if not figures:
        return None
    rates = {
        clock: Rate(
            sum(f.timeliness.get(clock, Rate(0, 0)).on_time for f in figures),
            sum(f.timeliness.get(clock, Rate(0, 0)).late for f in figures),
        )
        for clock in TIMELINESS_CLOCKS
    }
    return BoardFigures(
        board=None,
        awaiting_decision=sum(f.awaiting_decision for f in figures),
        open_reviews=sum(f.open_reviews for f in figures),
        completed=sum(f.completed for f in figures),
        overdue=sum(f.overdue for f in figures),
        published=sum(f.published for f in figures),
        timeliness=rates,
    )


COUNTS = ("awaiting_decision", "open_reviews", "completed", "overdue", "published")


def totals_as_data(totals: BoardFigures | None) -> dict:
    """The totals as JSON keeps them (NationalFigures.totals); {} when there is no board."""
    if totals is None:
        return {}
    return {
        **{name: getattr(totals, name) for name in COUNTS},
        "timeliness": {
            clock: [rate.on_time, rate.late] for clock, rate in totals.timeliness.items()
        },
    }


@dataclass(frozen=True)
class NationalTotals:
    figures: BoardFigures | None  # None: there is no board
    as_of: dt.datetime  # when they were counted


def national_totals() -> NationalTotals | None:
    """The "All boards" totals as the beat task last counted them (insight.tasks), or None
    before it first has: one query whatever the size of the country."""
    snapshot = NationalFigures.objects.filter(pk=NationalFigures.THE_ONE).first()
    if snapshot is None:
        return None
    data = snapshot.totals
    figures = (
        BoardFigures(
            board=None,
            **{name: data[name] for name in COUNTS},
            timeliness={
                clock: Rate(on_time, late) for clock, (on_time, late) in data["timeliness"].items()
            },
        )
        if data
        else None
    )
    return NationalTotals(figures, snapshot.counted_at)


# One review's timeline (drawn by insight.timeline).


@dataclass(frozen=True)
class StagePeriod:
    code: str
    title: str
    entered_on: dt.date
    left_on: dt.date | None  # None: the review is in this stage now


@dataclass(frozen=True)
class ClockFacts:
    title: str
    length_text: str
    counts_back: bool
    starts_on: dt.date
    due_by_statute: dt.date
    due_on: dt.date
    met_on: dt.date | None
    status: str
    status_label: str
    pauses: list  # ClockPause
    extensions: list  # ClockExtension

    @property
    def moved(self) -> bool:
        return self.due_on != self.due_by_statute


def _stage_title(review: Review, code: str) -> str:
    """The stage's title in the review's methodology, or in the one it was moved from."""
    for methodology in (review.method, *methodologies.METHODOLOGIES.values()):
        if stage := methodology.stage(code):
            return stage.title
    return code.replace("_", " ").capitalize()


def stage_periods(review: Review) -> list[StagePeriod]:
    """Each stay of the review in a stage, from its stage history (a stage left and entered
    again is two stays)."""
    changes = list(review.stage_changes.all())
    if not changes:  # a review from before the stage history was kept
        title = _stage_title(review, review.stage)
        return [StagePeriod(review.stage, title, review.initiated_on, None)]
    periods = []
    for change, following in zip(changes, [*changes[1:], None], strict=True):
        entered = timezone.localdate(change.at)
        if not change.from_stage:  # the decision may be recorded after the day it was made
            entered = min(entered, review.initiated_on)
        left = timezone.localdate(following.at) if following else None
        title = _stage_title(review, change.to_stage)
        periods.append(StagePeriod(change.to_stage, title, entered, left))
    return periods


def clock_facts(review: Review, today: dt.date) -> list[ClockFacts]:
    """The incident's statutory clocks in the rulebook's order, with their pauses and
    extensions; the statutory due date is the clock's length from its start, before either."""
    deadlines = with_status(
        Deadline.objects.filter(owner_id=review.incident_id, kind=STATUTORY),
        today=today,
    ).prefetch_related("pauses", "extensions")
    deadlines = {deadline.clock: deadline for deadline in deadlines}
    if not deadlines:
        return []
    # With the lengths its board set for clocks no source fixes.
    rules = review.board.rules_under(next(iter(deadlines.values())).rulebook)
    first = min(d.starts_on for d in deadlines.values())
    holidays = holidays_from(first - dt.timedelta(days=31))
    found = []
    for clock in rules.clocks:
        deadline = deadlines.get(clock.code)
        if deadline is None:
            continue
        found.append(
            ClockFacts(
                title=clock.title,
                length_text=clock.length_text,
                counts_back=clock.counts_back,
                starts_on=deadline.starts_on,
                due_by_statute=clock.due(deadline.starts_on, holidays),
                due_on=deadline.due_on,
                met_on=deadline.met_on,
                status=deadline.status,
                status_label=Deadline.Status(deadline.status).label,
                pauses=list(deadline.pauses.all()),
                extensions=list(deadline.extensions.all()),
            )
        )
    return found


def calendar_feed_of(*, user) -> CalendarFeed | None:
    """The user's own calendar feed, if they turned it on."""
    return CalendarFeed.objects.filter(user=user).first()


def calendar_feed_by_token(*, token) -> CalendarFeed | None:
    """The feed whose secret address this is, with its owner, or None."""
    return CalendarFeed.objects.select_related("user").filter(token=token).first()
