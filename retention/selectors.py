"""Reads for retention: a board's closed cases with the day each falls due, and the record of
the runs. Callers have checked `retention.manage` on the board (views) or are the job itself."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from guidance import retention as rules
from retention.models import RetentionRecord, RetentionRun
from reviews.models import Incident, StageChange

# How many of the cases falling due later the page lists, and how many runs and records.
UPCOMING_SHOWN = 10
RUNS_SHOWN = 10
RECORDS_SHOWN = 50


@dataclass(frozen=True)
class CaseRetention:
    """A closed case not yet anonymised, and the last day its personal data is kept."""

    incident_id: object
    reference: str
    closure: rules.Closure
    kept_until: dt.date

    @property
    def closed_on(self) -> dt.date:
        return self.closure.on

    @property
    def anonymised_from(self) -> dt.date:
        return self.kept_until + dt.timedelta(days=1)

    def is_due(self, today: dt.date) -> bool:
        return rules.is_due(self.kept_until, today)


def _closed_incidents():
    """Incidents that may have closed (the rule decides), not yet anonymised, with the facts
    the rule reads, in one query."""
    last_closed = (
        StageChange.objects.filter(review=OuterRef("review__pk"), to_stage=rules.CLOSED_STAGE)
        .order_by("-at")
        .values("at")[:1]
    )
    return (
        # Withdrawn incidents too: logged in error, they close when withdrawn.
        Incident.all_objects.filter(retention_record__isnull=True)
        .filter(
            Q(decision__outcome=rules.NO_REVIEW)
            | Q(review__stage=rules.CLOSED_STAGE)
            | Q(withdrawn_at__isnull=False)
        )
        .annotate(review_closed_at=Subquery(last_closed))
        .values(
            "pk",
            "board_id",
            "reference",
            "rulebook",
            "decision__outcome",
            "decision__decided_on",
            "review__stage",
            "review__publication__decision",
            "review__publication__decided_on",
            "review__publication__published_on",
            "review_closed_at",
            "withdrawn_at",
        )
    )


def _facts(row: dict) -> rules.CaseFacts:
    closed_at = row["review_closed_at"]
    return rules.CaseFacts(
        rulebook=row["rulebook"],
        decision_outcome=row["decision__outcome"],
        decided_on=row["decision__decided_on"],
        review_stage=row["review__stage"],
        review_closed_on=timezone.localdate(closed_at) if closed_at else None,
        publication_decision=row["review__publication__decision"],
        publication_decided_on=row["review__publication__decided_on"],
        published_on=row["review__publication__published_on"],
        withdrawn_on=timezone.localdate(row["withdrawn_at"]) if row["withdrawn_at"] else None,
    )


def _retention(row: dict, years: int) -> CaseRetention | None:
    facts = _facts(row)
    closed = rules.closure(facts)
    if closed is None:
        return None
    return CaseRetention(
        incident_id=row["pk"],
        reference=row["reference"],
        closure=closed,
        kept_until=rules.kept_until(facts, closed, years),
    )


def closed_cases(*, board, years: int | None = None) -> list[CaseRetention]:
    """The board's closed cases not yet anonymised, soonest due first, under the board's
    period (or `years`, to see what another period would do)."""
    years = board.retention_years if years is None else years
    cases = [_retention(row, years) for row in _closed_incidents().filter(board=board)]
    return sorted(
        (case for case in cases if case is not None), key=lambda c: (c.kept_until, c.reference)
    )


def cases_due(*, board, today: dt.date, years: int | None = None) -> list[CaseRetention]:
    """The board's cases past their retention period on `today`, not yet anonymised."""
    return [case for case in closed_cases(board=board, years=years) if case.is_due(today)]


def case_retention(*, board, incident_id) -> CaseRetention | None:
    """One case of `board`, read again (under its lock) before it is anonymised; None if it is
    of another board, not closed, or anonymised already."""
    row = _closed_incidents().filter(board=board, pk=incident_id).first()
    return _retention(row, board.retention_years) if row else None


@dataclass(frozen=True)
class RetentionOverview:
    due: list[CaseRetention]
    upcoming: list[CaseRetention]
    runs: list[RetentionRun]
    records: list[RetentionRecord]
    records_total: int


def retention_overview(*, board, today: dt.date | None = None) -> RetentionOverview:
    """What the retention page shows: the cases the next run anonymises, the next to fall due,
    the last runs and the cases anonymised (in a fixed number of queries)."""
    today = today or timezone.localdate()
    cases = closed_cases(board=board)
    records = list(RetentionRecord.objects.filter(board=board)[: RECORDS_SHOWN + 1])
    return RetentionOverview(
        due=[case for case in cases if case.is_due(today)],
        upcoming=[case for case in cases if not case.is_due(today)][:UPCOMING_SHOWN],
        runs=list(RetentionRun.objects.filter(board=board)[:RUNS_SHOWN]),
        records=records[:RECORDS_SHOWN],
        records_total=(
            len(records)
            if len(records) <= RECORDS_SHOWN
            else RetentionRecord.objects.filter(board=board).count()
        ),
    )
