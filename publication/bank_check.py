"""The anonymisation check of a report added to the bank of completed reports (issue 22): the
names recorded for the keeping board's cases, looked for in the report's words, as a warning to
the board's staff before they confirm it into the bank. The bank asks through its signal
(`bank.signals.names_in_report`): it sits below this app and may not import it."""

from django.utils.translation import gettext

from bank.signals import NameFound
from publication.anonymisation import Passage, check
from publication.assembly import names_by_review
from reviews.models import Review

# Enough places for a person to see what to look at, not every mention in 60 pages.
MOST = 20


def names_in_banked_report(*, board, text: str) -> list[NameFound]:
    names = {}
    for found in names_by_review(Review.objects.filter(board=board)).values():
        for name in found:
            names.setdefault(name.text.casefold(), name)
    matches = check([Passage(place="report", text=text)], names.values())
    return [NameFound(role=gettext(m.role), excerpt=m.excerpt) for m in matches[:MOST]]
