"""Writes for retention: a board's period, and the runs that anonymise closed cases past it.

The rule of when a case closes and falls due is `guidance.retention`; what anonymising removes is
`retention.anonymise`. A run is safe to repeat and to overlap with another: each case is
anonymised in a transaction of its own, under a lock on its incident, after reading again that
it is of the board, closed, due and not yet done; its `RetentionRecord` (one per case, unique)
is written in the same transaction.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from boards.models import Board
from core import permissions
from core.concurrency import lock_skipping_locked
from core.history import acting_as
from guidance import retention as rules
from retention import selectors
from retention.anonymise import anonymise
from retention.models import RetentionRecord, RetentionRun
from reviews.models import Incident

logger = logging.getLogger(__name__)
# At most this many cases a board a run (the next run takes the rest), in batches of this many
# (the run's counts are saved after each). Settings of the same names override them.
MAX_CASES_PER_RUN = 500
BATCH_SIZE = 50


def _names(cases) -> str:
    references = [case.reference for case in cases[:5]]
    more = len(cases) - len(references)
    listed = ", ".join(references)
    if not more:
        return listed
    return _("%(references)s and %(more)s more") % {"references": listed, "more": more}


@transaction.atomic
def retention_period_set(*, actor, board: Board, years: int, confirm: bool = False) -> Board:
    """Set how many years the board keeps a closed case's personal data.

    A shorter period can make cases due at once; anonymising cannot be undone, so the business
    manager must confirm it, told how many and which (by reference).
    """
    permissions.require(actor, "retention.manage", board)
    board = Board.objects.select_for_update().get(pk=board.pk)
    if not rules.MIN_YEARS <= years <= rules.MAX_YEARS:
        raise ValidationError(
            {
                "years": _("Enter a number of years from %(least)s to %(most)s")
                % {"least": rules.MIN_YEARS, "most": rules.MAX_YEARS},
            }
        )
    if years == board.retention_years:
        return board
    if years < board.retention_years and not confirm:
        today = timezone.localdate()
        due_now = {c.incident_id for c in selectors.cases_due(board=board, today=today)}
        newly_due = [
            case
            for case in selectors.cases_due(board=board, today=today, years=years)
            if case.incident_id not in due_now
        ]
        if newly_due:
            count = len(newly_due)
            period = ngettext("%(years)s year", "%(years)s years", years) % {"years": years}
            message = ngettext(
                "A period of %(period)s makes %(count)s case due for anonymisation at the next "
                "run (%(references)s), which cannot be undone. Confirm to go ahead",
                "A period of %(period)s makes %(count)s cases due for anonymisation at the next "
                "run (%(references)s), which cannot be undone. Confirm to go ahead",
                count,
            ) % {"period": period, "count": count, "references": _names(newly_due)}
            raise ValidationError({"confirm": message})
    board.retention_years = years
    acting_as(board, actor).save(update_fields=["retention_years", "updated_at"])
    return board


def _anonymise_case(*, run: RetentionRun, board: Board, incident_id, today: dt.date) -> bool:
    """Anonymise one case in its own transaction. False when it is no longer due, is being
    anonymised by another run, or was done already."""
    with transaction.atomic():
        # A case another run is anonymising right now is left to it.
        cases = Incident.all_objects.filter(pk=incident_id, board=board)
        incident = lock_skipping_locked(cases).first()
        if incident is None:
            return False
        case = selectors.case_retention(board=board, incident_id=incident_id)
        if case is None or not case.is_due(today):
            return False
        removed = anonymise(incident)
        RetentionRecord.objects.create(
            run=run,
            board=board,
            incident=incident,
            case_reference=incident.reference,
            closed_on=case.closed_on,
            closed_by=case.closure.by,
            kept_until=case.kept_until,
            retention_years=board.retention_years,
            removed=removed,
        )
    return True


def retention_run(
    *,
    board: Board,
    today: dt.date | None = None,
    trigger: str = RetentionRun.Trigger.SCHEDULE,
    limit: int | None = None,
) -> RetentionRun:
    """Anonymise the board's cases past their retention period, soonest due first, at most
    `limit` (`MAX_CASES_PER_RUN`) in one run: the next run takes the rest.

    The run's counts are saved after every batch, so a run cut short still says how far it got.
    A case that fails is rolled back, named (by reference) on the run, and retried next time.
    """
    today = today or timezone.localdate()
    if limit is None:
        limit = getattr(settings, "RETENTION_MAX_CASES_PER_RUN", MAX_CASES_PER_RUN)
    board.refresh_from_db(fields=["retention_years"])
    due = selectors.cases_due(board=board, today=today)
    run = RetentionRun.objects.create(
        board=board,
        trigger=trigger,
        retention_years=board.retention_years,
        run_on=today,
        cases_due=len(due),
    )
    due_now, size = due[:limit], getattr(settings, "RETENTION_BATCH_SIZE", BATCH_SIZE)
    for start in range(0, len(due_now), size):
        for case in due_now[start : start + size]:
            try:
                done = _anonymise_case(
                    run=run, board=board, incident_id=case.incident_id, today=today
                )
            except Exception as error:
                # One case's failure must not stop the others. The error's type only is
                # logged: a database message may quote the record.
                logger.error(
                    "Retention: anonymising %s of board %s failed (%s)",
                    case.reference,
                    board.pk,
                    type(error).__name__,
                )
                run.cases_failed += 1
                run.failed_references.append(case.reference)
                continue
            if done:
                run.cases_anonymised += 1
        run.save(update_fields=["cases_anonymised", "cases_failed", "failed_references"])
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    if run.cases_anonymised or run.cases_failed:
        logger.info(
            "Retention: board %s, %d of %d due cases anonymised, %d failed",
            board.pk,
            run.cases_anonymised,
            run.cases_due,
            run.cases_failed,
        )
    return run


def retention_run_all(
    *, today: dt.date | None = None, trigger: str = RetentionRun.Trigger.SCHEDULE
) -> list[RetentionRun]:
    """One run for every board (the nightly task)."""
    return [
        retention_run(board=board, today=today, trigger=trigger)
        for board in Board.objects.order_by("name")
    ]
