"""Import a folder of published reports into the bank, with a CSV of their details
(docs/bank.md, "Bulk import"): prints what was added and what failed, and exits with 1 when a
row failed. Safe to run again: what is already in the bank is not added twice."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.text import slugify

from bank.imports import services
from bank.models import BankImportRow
from boards.models import Board

SCIE = "scie"


def _board(keeper: str):
    if keeper.casefold() == SCIE:
        return None
    found = [
        board
        for board in Board.objects.only("pk", "name")
        if keeper in (str(board.pk), slugify(board.name))
    ]
    if len(found) != 1:
        raise CommandError(
            f"No board {keeper!r}: give a board's id or its name as a slug, or {SCIE!r}"
        )
    return found[0]


class Command(BaseCommand):
    help = "Import a folder of published reports into the bank, with a CSV of their details."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The folder holding the reports' PDFs")
        parser.add_argument("--csv", required=True, help="The CSV of the reports' details")
        parser.add_argument(
            "--keeper",
            required=True,
            help=f"Whose bank: a board's id or its name as a slug, or {SCIE!r} for SCIE's own",
        )
        parser.add_argument("--by", required=True, help="The e-mail address of who imports")

    def handle(self, *args, folder, csv, keeper, by, **options):
        if not Path(folder).is_dir():
            raise CommandError(f"No folder {folder!r}")
        try:
            raw = Path(csv).read_bytes()
        except OSError as error:
            raise CommandError(f"The CSV could not be read: {error.strerror}") from error
        actor = get_user_model().objects.filter(email__iexact=by.strip(), is_active=True).first()
        if actor is None:
            raise CommandError(f"No active user with the e-mail address {by!r}")
        board = _board(keeper)
        try:
            bank_import = services.import_folder(
                actor=actor, board=board, folder=folder, csv_name=Path(csv).name, raw=raw
            )
        except PermissionDenied as error:
            raise CommandError(f"{by} does not keep that bank") from error
        except ValidationError as error:
            raise CommandError("The CSV is refused: " + "; ".join(error.messages)) from error
        outcomes = list(bank_import.rows.order_by("number"))
        counts = dict.fromkeys(BankImportRow.Outcome, 0)
        for row in outcomes:
            counts[row.outcome] += 1
        Outcome = BankImportRow.Outcome
        self.stdout.write(
            f"Rows: {len(outcomes)}. Added: {counts[Outcome.ADDED]}. "
            f"Already in the bank: {counts[Outcome.ALREADY]}. Failed: {counts[Outcome.FAILED]}."
        )
        for row in outcomes:
            if row.outcome == Outcome.FAILED:
                self.stdout.write(f"Row {row.number} ({row.source}): {row.reason}")
        self.stdout.write(f"The import's page: {reverse('bank:import', args=[bank_import.pk])}")
        if counts[Outcome.FAILED]:
            raise CommandError(f"{counts[Outcome.FAILED]} rows failed", returncode=1)
