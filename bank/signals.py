"""What the bank asks of the apps above it, which it may not import (docs/architecture.md).

`names_in_report`: a report added to the bank is public already, but it may still hold a real
name that a board has recorded for one of its own cases (a report published before the
service, anonymised by hand). The anonymisation check and the names recorded for a board's
cases belong to the publication app, which answers when it loads. Sent with: board (the board
that keeps the entry), text (the report's words). The answer: a list of `NameFound`.
"""

from dataclasses import dataclass

from django.dispatch import Signal

names_in_report = Signal()


@dataclass(frozen=True)
class NameFound:
    role: str  # of the person the name was recorded for: "the subject", "a practitioner"...
    excerpt: str  # the words of the report around it


def names_found(*, board, text: str) -> list[NameFound]:
    """The names recorded for `board`'s cases that the report's words hold, as the apps above
    find them: none for SCIE's own bank (no board's records to look in) or a report whose words
    are not read."""
    if board is None or not text:
        return []
    return [
        found
        for _, answer in names_in_report.send(sender=None, board=board, text=text)
        for found in answer or []
    ]
