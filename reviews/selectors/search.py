"""Search across a board's cases: case references and incident summaries, reviews' terms of
reference, findings, actions, the agencies' chronologies, and documents: their titles and the
words of their latest version (read by the worker: reviews.services.documents; a superseded
version's words are not searched, nor a withdrawn document). Each hit names its place (which
case, which record) and links to the page where it is.

Who finds what is decided in the queries, never after them: those who read the board's cases
search every case of the board; a lead reviewer or trainee only the reviews they are
appointed to (and their incidents). The confidential conversations are never searched.

Real names: someone who may not see the people involved (anyone but the business manager and
the chair, `people.view`) never finds a case by a person's name, and never reads one in an
excerpt: each word of a search that is, or may find, a name recorded on the board is left out
(and the rest searched), and excerpts show "[name]" in place of every name recorded for the
board's cases, masked before the excerpt is cut.

PostgreSQL searches with its full-text search (English stemming, ranked); elsewhere (SQLite,
`make run`) every word must appear, anywhere in the record. A document's words are searched
through the search document the worker stored with them (`DocumentVersion.text_search`): made
on each search, a long report's would take longer than the whole search.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Func, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from boards.models import Board
from core import permissions
from reviews import appointments
from reviews.models import (
    Action,
    ChronologyEntry,
    Document,
    DocumentVersion,
    Finding,
    Incident,
    IncidentPerson,
    Review,
    ReviewParticipant,
)

MAX_WORDS = 200  # characters of a search
PER_SOURCE = 200  # hits read of each kind of record
EXCERPT = 80  # characters either side of the first word found
# A text longer than this (a document's words) is masked and cut only around the word found,
# this many characters either side, whole words: masking a whole report for each hit would
# make the search slow. Names masked as whole words, none is cut at an edge.
AROUND = 4 * EXCERPT
MASK = "[name]"
SEARCH_CONFIG = "english"


@dataclass(frozen=True)
class Hit:
    case_reference: str
    place: str  # the record, in words: "Finding 2: why it matters"
    excerpt: str
    path: str
    rank: float = 0.0


@dataclass(frozen=True)
class _Source:
    label: str
    rows: Callable[[QuerySet, QuerySet], QuerySet]  # (incidents, reviews) in scope -> rows
    fields: tuple[str, ...]
    reference: Callable[[object], str]
    place: Callable[[object, str], str]  # (row, field matched) -> place
    path: Callable[[object], str]
    # Fields searched on PostgreSQL through a stored search document: {field: its document}.
    stored: dict[str, str] | None = None


def _label(model, field: str) -> str:
    return str(model._meta.get_field(field).verbose_name)


def _review_path(name):
    return lambda row: reverse(f"reviews:{name}", args=[row.review.board_id, row.review_id])


SOURCES = (
    _Source(
        "cases",
        lambda incidents, reviews: incidents,
        ("reference", "summary"),
        lambda row: row.reference,
        lambda row, field: _("The case's reference") if field == "reference" else _("The incident"),
        lambda row: reverse("reviews:incident_detail", args=[row.board_id, row.pk]),
    ),
    _Source(
        "reviews",
        lambda incidents, reviews: reviews.exclude(terms_of_reference=""),
        ("terms_of_reference",),
        lambda row: row.incident.reference,
        lambda row, field: (
            _("The %(review_type)s: terms of reference")
            % {"review_type": row.get_review_type_display().lower()}
        ),
        lambda row: reverse("reviews:review_detail", args=[row.board_id, row.pk]),
    ),
    _Source(
        "findings",
        lambda incidents, reviews: Finding.objects.filter(review__in=reviews),
        (
            "title",
            "manifested",
            "not_peculiar",
            "how_widespread",
            "why_it_matters",
            "issues_for_board",
            "board_response",
        ),
        lambda row: row.review.incident.reference,
        lambda row, field: (
            _("A finding")
            if field == "title"
            else _("A finding: %(field)s") % {"field": _label(Finding, field)}
        ),
        _review_path("findings"),
    ),
    _Source(
        "actions",
        lambda incidents, reviews: Action.objects.filter(review__in=reviews),
        ("description", "evidence_of_impact"),
        lambda row: row.review.incident.reference,
        lambda row, field: (
            _("An action of the plan")
            if field == "description"
            else _("An action of the plan: evidence of impact")
        ),
        _review_path("actions"),
    ),
    _Source(
        "chronology",
        lambda incidents, reviews: ChronologyEntry.objects.filter(review__in=reviews),
        ("entry", "action_taken", "practitioner_role"),
        lambda row: row.review.incident.reference,
        lambda row, field: (
            _("The chronology, %(date)s") % {"date": formats.date_format(row.occurred_on, "j F Y")}
        ),
        _review_path("chronology"),
    ),
    _Source(
        "documents",
        lambda incidents, reviews: _with_latest_text(Document.objects.filter(review__in=reviews)),
        ("title", "latest_text"),
        lambda row: row.review.incident.reference,
        lambda row, field: (
            (_("A document: %(kind)s") if field == "title" else _("A document's text: %(kind)s"))
            % {"kind": row.get_kind_display().lower()}
        ),
        _review_path("documents"),
        stored={"latest_text": "latest_search"},
    ),
)


def _with_latest_text(documents: QuerySet) -> QuerySet:
    """Documents with the words of their latest version (and its search document): those of
    the versions it superseded are not searched."""
    latest = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number")[:1]
    return documents.annotate(
        latest_text=Subquery(latest.values("text"), output_field=TextField()),
        latest_search=Subquery(latest.values("text_search")),
    )


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    words: str
    # Some kind of record had more hits than are read: the search should be narrowed.
    cut: bool = False


def _scope(user, board: Board) -> tuple[QuerySet, QuerySet]:
    """The board's incidents and reviews `user` may search. A lead reviewer reads no incident
    page (`incidents.view`): only their own reviews, and nothing of the incidents."""
    if not permissions.can(user, "incidents.view", board):
        mine = list(appointments.appointed_review_ids(user))
        return Incident.objects.none(), Review.objects.filter(board=board, pk__in=mine)
    return Incident.objects.filter(board=board), Review.objects.filter(board=board)


def _names_of_board(board: Board) -> set[str]:
    """Every name and alias recorded for the board's cases, now and withdrawn, whole and as
    words (casefolded, two letters or more)."""
    found = set()
    people = IncidentPerson.all_objects.filter(incident__board=board).values_list("name", "aliases")
    participants = ReviewParticipant.all_objects.filter(review__board=board).values_list(
        "name", flat=True
    )
    texts = [name for name, aliases in people for name in (name, *aliases.splitlines())]
    for text in [*texts, *participants]:
        text = (text or "").strip().casefold()
        if text:
            found.add(text)
            found.update(word for word in re.findall(r"\w+", text) if len(word) >= 2)
    return found


def _is_name(word: str, names: set[str]) -> bool:
    """A word of the search that is, or may find, a name: the name itself, or (three letters
    or more on either side) a beginning of it or a longer form of it ("smit", "smiths"): the
    stemmed search and the substring search find those too."""
    if word in names:
        return True
    return len(word) >= 3 and any(
        len(name) >= 3 and (name.startswith(word) or word.startswith(name)) for name in names
    )


def _parts(word: str) -> list[str]:
    return [part.casefold() for part in re.findall(r"\w+", word)]


def _masked(text: str, names: set[str]) -> str:
    if not names:
        return text
    ordered = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in ordered) + r")\b", re.I)
    # MASK in the reader's language ("[name]" in English).
    return pattern.sub(_("[name]").replace("\\", "\\\\"), text)


def _matched(queryset: QuerySet, fields, words: str, stored: dict[str, str]) -> QuerySet:
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import (
            SearchQuery,
            SearchRank,
            SearchVector,
            SearchVectorField,
        )

        vector = SearchVector(*[f for f in fields if f not in stored], config=SEARCH_CONFIG)
        for document in stored.values():
            # A version not read yet has no search document: its title is still searched.
            empty = SearchVector(Value("", output_field=TextField()), config=SEARCH_CONFIG)
            vector = Func(
                vector,
                Func(F(document), empty, function="COALESCE"),
                template="(%(expressions)s)",
                arg_joiner=" || ",
                output_field=SearchVectorField(),
            )
        query = SearchQuery(words, search_type="websearch", config=SEARCH_CONFIG)
        return (
            queryset.annotate(search_vector=vector)
            .filter(search_vector=query)
            .annotate(rank=SearchRank(vector, query))
            .order_by("-rank", "-created_at")
        )
    for word in words.split():
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(any_field)
    return queryset.order_by("-created_at")


def _around(text: str, wanted: list[str]) -> tuple[str, bool, bool]:
    """(the part of a long text around the first of `wanted` found in it, or its beginning,
    whole words only; whether text was left out before it, and after it). A short text is
    whole."""
    if len(text) <= 2 * AROUND:
        return text, False, False
    found = [m.start() for w in wanted if (m := re.search(re.escape(w), text, re.I))]
    middle = min(found, default=0)
    start, end = max(0, middle - AROUND), middle + AROUND
    if start:
        space = text.find(" ", start, middle)  # after the word cut, if one is
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", middle, end)  # before the word cut, if one is
        end = space if space > middle else end
    return text[start:end], start > 0, end < len(text)


def _excerpt(row, fields, words: list[str], names: set[str]) -> tuple[str, str]:
    """(the field that matched, the text around the first word found in it), the names in
    the field masked before it is cut (so that no part of one is left at an edge). With
    stemming a word may be found in another form ("visits" for "visit"): its stem is looked
    for too."""
    stems = [word[: max(4, len(word) - 2)] for word in words]
    for wanted in (words, stems):
        for field in fields:
            part, before, after = _around(getattr(row, field) or "", wanted)
            text = _masked(part, names)
            found = [m for w in wanted if (m := re.search(re.escape(w), text, re.I))]
            if found:
                first = min(found, key=lambda m: m.start())
                start, end = max(0, first.start() - EXCERPT), first.end() + EXCERPT
                excerpt = text[start:end].strip()
                return field, (
                    ("…" if start or before else "")
                    + excerpt
                    + ("…" if end < len(text) or after else "")
                )
    field = next((f for f in fields if getattr(row, f)), fields[0])
    part, _before, after = _around(getattr(row, field) or "", [])
    text = _masked(part, names)
    return field, text[: 2 * EXCERPT] + ("…" if after or len(text) > 2 * EXCERPT else "")


def case_search(*, user, board: Board, words: str) -> Results:
    """The hits of `words` in the board's cases that `user` may search, best first."""
    words = " ".join(words.split())[:MAX_WORDS]
    if not words:
        return Results([], words)
    names = set() if permissions.can(user, "people.view", board) else _names_of_board(board)
    if names:
        # Someone who may not see the people never searches by a name: each word that is, or
        # may find, one is left out and the rest searched, so that the answer tells nothing
        # of which words are names ("visited or Smith" finds what "visited" finds).
        kept = [w for w in words.split() if not any(_is_name(p, names) for p in _parts(w))]
        words = " ".join(kept)
        if not any(re.findall(r"\w+", words)):
            return Results([], words)
    asked = [word.casefold() for word in re.findall(r"\w+", words)]
    incidents, reviews = _scope(user, board)
    hits, cut = [], False
    for source in SOURCES:
        rows = source.rows(incidents, reviews)
        related = () if rows.model is Incident else ("review__incident",)
        if rows.model is Review:
            related = ("incident",)
        found = list(
            _matched(rows.select_related(*related), source.fields, words, source.stored or {})[
                : PER_SOURCE + 1
            ]
        )
        cut = cut or len(found) > PER_SOURCE
        for row in found[:PER_SOURCE]:
            field, excerpt = _excerpt(row, source.fields, asked, names)
            hits.append(
                Hit(
                    case_reference=source.reference(row),
                    place=source.place(row, field),
                    excerpt=excerpt,
                    path=source.path(row),
                    rank=getattr(row, "rank", 0.0) or 0.0,
                )
            )
    hits.sort(key=lambda hit: -hit.rank)
    return Results(hits, words, cut)
