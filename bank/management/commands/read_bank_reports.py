"""Read the words of the banked reports still waiting: any the broker or a worker lost. Safe to
run again, and alongside the worker: each report is claimed once."""

from collections import Counter

from django.core.management.base import BaseCommand

from bank.services import report_read, reports_to_read


class Command(BaseCommand):
    help = "Read the words of the banked reports still waiting, for the bank's search."

    def handle(self, *args, **options):
        states = Counter()
        for report_id in reports_to_read():
            state = report_read(report_id)
            if state is not None:
                states[state] += 1
        read = ", ".join(f"{state} {count}" for state, count in sorted(states.items()))
        self.stdout.write(f"Banked reports read: {sum(states.values())} ({read or 'none'})")
