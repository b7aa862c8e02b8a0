"""Read the words of the document versions still waiting: those uploaded before the case
search read documents' text (migration 0022 leaves them pending), and any the broker or a
worker lost. Safe to run again, and alongside the worker: each version is claimed once."""

from collections import Counter

from django.core.management.base import BaseCommand

from reviews.services.documents import version_text_backlog, version_text_extract


class Command(BaseCommand):
    help = "Read the words of the document versions still waiting, for the case search."

    def handle(self, *args, **options):
        states = Counter()
        for version_id in version_text_backlog():
            state = version_text_extract(version_id)
            if state is not None:
                states[state] += 1
        # Counts by state only: a document's name and words are case data.
        read = ", ".join(f"{state} {count}" for state, count in sorted(states.items()))
        self.stdout.write(f"Document versions read: {sum(states.values())} ({read or 'none'})")
