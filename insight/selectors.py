"""The figures of a board's dashboard, each in one query whatever the number of cases.

Timeliness is read from the deadlines the clocks keep (`reviews.services.clocks`): a deadline
counts once it is decided, that is met (on time or late) or overdue; one still running does not
count yet. Pauses and agreed extensions have already moved its due date.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils import timezone

from publication.models import Publication
from reviews import methodologies, rulebooks
from reviews.models import Action, Deadline, Finding, FindingCategory, Incident, Review
from reviews.selectors import with_status

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
    for _ in range(count):
        found.append((year, quarter))
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return found[::-1]


def quarter_label(year: int, quarter: int) -> str:
    return f"Q{quarter} {year}"


def timeliness(*, board, today: dt.date | None = None) -> dict[str, dict[tuple[int, int], Rate]]:
    """For each statutory clock, on time and late by the quarter the deadline fell due."""
    today = today or timezone.localdate()
    first_year, first_quarter = quarters_back(today)[0]
    since = dt.date(first_year, 3 * first_quarter - 2, 1)
    late = Q(met_on__gt=F("due_on")) | Q(met_on__isnull=True, due_on__lt=today)
    rows = (
        Deadline.objects.filter(
            board=board,
            clock__in=TIMELINESS_CLOCKS,
            action=None,
            agency_request=None,
            due_on__gte=since,
            due_on__lte=today,
        )
        .annotate(year=ExtractYear("due_on"), quarter=ExtractQuarter("due_on"))
        .values("clock", "year", "quarter")
        .annotate(
            on_time=Count("pk", filter=Q(met_on__lte=F("due_on"))),
            late=Count("pk", filter=late),
        )
        .order_by()
    )
    figures: dict[str, dict[tuple[int, int], Rate]] = {}
    for row in rows:
        by_quarter = figures.setdefault(row["clock"], {})
        by_quarter[(row["year"], row["quarter"])] = Rate(row["on_time"], row["late"])
    return figures


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
    counts = dict(
        Incident.objects.filter(board=board)
        .exclude(status=Incident.Status.NO_REVIEW)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        (label, counts.get(code, 0))
        for code, label in Incident.Status.choices
        if code != "no_review"
    ]


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
    counts = dict(
        Finding.objects.filter(review__board=board)
        .values_list("category_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        (category.name, counts.get(category.pk, 0))
        for category in FindingCategory.objects.filter(Q(active=True) | Q(pk__in=list(counts)))
    ]


def actions_by_status(*, board) -> list[tuple[str, int]]:
    counts = dict(
        Action.objects.filter(review__board=board)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(label, counts.get(code, 0)) for code, label in Action.Status.choices]


def clock_title(code: str) -> str:
    return rulebooks.CLOCK_KINDS.get(code, code)
