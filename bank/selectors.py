"""Reading the bank: its search, an entry as the person asking may see it, and what waits for
its keepers."""

import re

from django.db import connection
from django.db.models import F, Q
from django.http import Http404

from bank import signals
from bank.models import BankedReport, Theme
from bank.services import SEARCH_CONFIG
from boards.roles import board_ids_where
from core import permissions

PAGE_SIZE = 25
SCIE = "scie"  # the choice of SCIE's own bank, for the accreditation staff
MAX_WORDS = 200  # characters of a search
EXCERPT = 150  # characters either side of the first word found


def _in_the_bank():
    return BankedReport.objects.filter(confirmed_at__isnull=False)


def keeps(user) -> tuple[list, bool]:
    """(the ids of the boards whose entries `user` keeps, as business manager; whether they
    keep SCIE's own bank, as staff)."""
    return board_ids_where(user, "bank.manage"), permissions.can(user, "bank.manage")


def keeper_choices(user) -> list:
    """[(choice, board or None for SCIE's own bank)]: whose entries `user` may add, for the
    forms that ask."""
    from boards.models import Board

    board_ids, scie = keeps(user)
    keepers = [(board.pk, board) for board in Board.objects.filter(pk__in=board_ids)]
    return keepers + [(SCIE, None)] if scie else keepers


def kept_by(user) -> Q:
    """The entries `user` keeps: their boards' (as business manager), SCIE's own (as staff)."""
    board_ids, scie = keeps(user)
    kept = Q(board_id__in=board_ids)
    return kept | Q(board__isnull=True) if scie else kept


def bank_search(
    *, words: str = "", theme: str = "", year=None, review_type: str = "", board_id=None
):
    """The reports in the bank matching the filters: ranked by the words on PostgreSQL (the
    report's words, stemmed, and its title), newest first otherwise."""
    found = _in_the_bank().defer("text", "text_search").prefetch_related("themes")
    if board_id:
        found = found.filter(board_id=board_id)
    if theme:
        found = found.filter(themes__code=theme)
    if year:
        found = found.filter(year=year)
    if review_type:
        found = found.filter(review_type=review_type)
    words = words.strip()[:MAX_WORDS]
    if not words:
        return found
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = SearchQuery(words, search_type="websearch", config=SEARCH_CONFIG)
        return (
            found.annotate(rank=SearchRank(F("text_search"), query))
            .filter(Q(text_search=query) | Q(title__icontains=words))
            .order_by("-rank", "-year", "title", "id")
        )
    for word in words.split():
        found = found.filter(Q(title__icontains=word) | Q(text__icontains=word))
    return found


def excerpts(reports, words: str) -> dict:
    """{report id: the passage of its text around the first word of `words` found in it}, for
    the reports of one page (their words read for those only)."""
    wanted = [word for word in re.split(r"\W+", words) if len(word) > 1]
    if not wanted or not reports:
        return {}
    texts = BankedReport.objects.filter(pk__in=[r.pk for r in reports]).values_list("pk", "text")
    found = {}
    for pk, text in texts:
        # A word in another form ("visits" for "visit"): its stem is looked for too.
        for forms in (wanted, [word[: max(4, len(word) - 2)] for word in wanted]):
            hits = [m.start() for w in forms if (m := re.search(re.escape(w), text, re.I))]
            if hits:
                found[pk] = _around(text, min(hits))
                break
    return found


# Banked reports shown beside the library's findings: the best few, the rest a link away.
BESIDE_FINDINGS = 5


def beside_findings(*, words: str, category: str, review_type: str, year) -> tuple[int, list]:
    """(how many reports in the bank match the learning library's search, the best few with
    the passage that matched): one search finds both. A finding's category is one of the six
    Learning Together categories, which are themes of the bank too (guidance/themes.py)."""
    found = bank_search(words=words, theme=category, year=year, review_type=review_type)
    best = list(found[: BESIDE_FINDINGS + 1])
    count = len(best) if len(best) <= BESIDE_FINDINGS else found.count()
    return count, with_passages(best[:BESIDE_FINDINGS], words)


def with_passages(reports, words: str) -> list:
    """`reports` (one page of them), each given `passage`: its words around those asked for."""
    reports = list(reports)
    passages = excerpts(reports, words)
    for report in reports:
        report.passage = passages.get(report.pk, "")
    return reports


def _around(text: str, at: int) -> str:
    start, end = max(0, at - EXCERPT), at + EXCERPT
    if start:
        space = text.find(" ", start, at)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", at, end)
        end = space if space > at else end
    passage = " ".join(text[start:end].split())
    return ("…" if start else "") + passage + ("…" if end < len(text) else "")


def report_get(*, user, pk) -> BankedReport:
    """An entry of the bank, or 404: one not yet confirmed, or withdrawn, only for its
    keepers."""
    report = BankedReport.all_objects.select_related("board").filter(pk=pk).first()
    if report is None:
        raise Http404
    if (report.confirmed_at is None or report.is_withdrawn) and not permissions.can(
        user, "bank.manage", report
    ):
        raise Http404
    return report


def names_to_warn_of(*, user, report: BankedReport) -> list:
    """Names recorded for the keeping board's cases that the report's words hold, for its
    keepers to see before it joins the bank (and after, to withdraw it); nobody else."""
    if not permissions.can(user, "bank.manage", report):
        return []
    return signals.names_found(board=report.board, text=report.text)


def waiting_for(user) -> list:
    """The entries `user` keeps that are not yet in the bank, newest first."""
    if not permissions.can(user, "bank.add"):
        return []
    return list(
        BankedReport.objects.filter(kept_by(user), confirmed_at__isnull=True)
        .defer("text", "text_search")
        .order_by("-created_at")
    )


def themes():
    return Theme.objects.filter(active=True)


def years() -> list[int]:
    return list(_in_the_bank().order_by("-year").values_list("year", flat=True).distinct())
