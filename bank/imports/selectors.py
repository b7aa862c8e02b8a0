"""Reading imports: those a person keeps, one of them (404 for anyone else), its progress."""

from django.db.models import Count, Q
from django.http import Http404

from bank.models import BankedReport, BankImport, BankImportRow
from bank.selectors import kept_by
from core import permissions

Outcome = BankImportRow.Outcome
TextState = BankedReport.TextState
# Read by the worker (or found unreadable): the rest wait.
WAITING_TO_BE_READ = (TextState.PENDING, TextState.READING)


def imports_for(user):
    """The imports into the banks `user` keeps, newest first, with their counts."""
    if not permissions.can(user, "bank.add"):
        return BankImport.objects.none()
    return (
        BankImport.objects.filter(kept_by(user))
        .select_related("board", "started_by")
        .annotate(**_counted("rows__outcome"))
        .order_by("-created_at")
    )


def _counted(field: str) -> dict:
    return {outcome.value: Count("rows", filter=Q(**{field: outcome.value})) for outcome in Outcome}


def import_get(*, user, pk) -> BankImport:
    """An import, for those who keep its bank only (404 for anyone else)."""
    bank_import = BankImport.objects.select_related("board", "started_by").filter(pk=pk).first()
    if bank_import is None or not permissions.can(user, "bank.manage", bank_import):
        raise Http404
    return bank_import


def progress(bank_import: BankImport) -> dict:
    """Rows done and to do, by outcome; the added reports read by the worker and waiting."""
    counts = dict.fromkeys(Outcome.values, 0)
    for row in bank_import.rows.values("outcome").annotate(count=Count("pk")):
        counts[row["outcome"]] = row["count"]
    done = sum(counts.values())
    states = BankedReport.all_objects.filter(
        pk__in=bank_import.rows.filter(outcome=Outcome.ADDED).values("report_id")
    ).aggregate(
        waiting=Count("pk", filter=Q(text_state__in=WAITING_TO_BE_READ)),
        read=Count("pk", filter=~Q(text_state__in=(*WAITING_TO_BE_READ, TextState.NO_FILE))),
    )
    running = bank_import.state != BankImport.State.DONE or bool(states["waiting"])
    return {
        **counts,
        "done": done,
        "to_do": max(bank_import.rows_total - done, 0),
        "waiting": states["waiting"],
        "read": states["read"],
        "running": running,
    }


def outcomes(bank_import: BankImport):
    return bank_import.rows.select_related("report").order_by("number")
