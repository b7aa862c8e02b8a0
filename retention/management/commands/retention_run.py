from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from boards.models import Board
from retention import selectors, services
from retention.models import RetentionRun


class Command(BaseCommand):
    help = (
        "Anonymise the closed cases past their board's retention period, as the nightly job "
        "does, and record the run. --dry-run lists the cases due (by reference) and changes "
        "nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--board", help="the id of one board (default: every board)")
        parser.add_argument("--dry-run", action="store_true", help="list the cases due only")
        parser.add_argument("--limit", type=int, help="at most this many cases a board")

    def handle(self, *args, board=None, dry_run=False, limit=None, **options):
        boards = Board.objects.order_by("name")
        if board:
            try:
                boards = boards.filter(pk=board)
                if not boards.exists():
                    raise CommandError(f"No board with the id {board}")
            except ValidationError as error:
                raise CommandError(f"No board with the id {board}") from error
        today = timezone.localdate()
        for each in boards:
            if dry_run:
                due = selectors.cases_due(board=each, today=today)
                self.stdout.write(f"{each.name}: {len(due)} due")
                for case in due:
                    self.stdout.write(f"  {case.reference} (kept until {case.kept_until})")
                continue
            run = services.retention_run(
                board=each, today=today, trigger=RetentionRun.Trigger.COMMAND, limit=limit
            )
            self.stdout.write(
                f"{each.name}: {run.cases_anonymised} of {run.cases_due} due anonymised"
                + (f", {run.cases_failed} failed" if run.cases_failed else "")
            )
