"""Run the uploaded bulk imports still waiting: any the broker or a worker lost. Safe to run
again, and alongside the worker: each import is claimed once."""

from django.core.management.base import BaseCommand

from bank.imports.services import import_run, imports_to_run


class Command(BaseCommand):
    help = "Run the uploaded imports into the bank that are still waiting."

    def handle(self, *args, **options):
        ran = [pk for pk in imports_to_run() if import_run(pk) is not None]
        self.stdout.write(f"Bank imports run: {len(ran)}")
