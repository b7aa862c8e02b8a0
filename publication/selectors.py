"""Reads of publication: a review's report page, the public listing and the learning library."""

from django.db import connection
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from boards.models import Board
from core import permissions
from publication.models import (
    SECTIONS,
    AccuracyCheck,
    AccuracyComment,
    AccuracyInvitee,
    HomeOfficeQaStep,
    LibraryFinding,
    Publication,
    Rendering,
    Report,
)
from reviews.models import AgencyContributor, FindingCategory, ReportingRestriction, Review

LIBRARY_PAGE_SIZE = 25
# Reports are in British English: stems such as "safeguard" find "safeguarding".
SEARCH_CONFIG = "english"


def reviews_for_actions(*, user) -> QuerySet:
    """The reviews `user` may see, for the report and publication API's actions on one of
    them (outsiders get 404 before any rule is tested). No user (the schema): none."""
    if user is None:
        return Review.objects.none()
    # The incident's board too (a rule on the incident reads it) and the report, if started.
    return permissions.visible(
        Review.objects.select_related("incident__board", "board", "report"), user
    )


def publication_of(review) -> Publication | None:
    """The review's publication decision, if one was made."""
    return Publication.objects.filter(review=review).first()


def planned_publication(*, review):
    """The date the chair plans to publish the review's report, if they decided to publish
    (the national panel's copy is due a set time before it: reviews.signals)."""
    publication = publication_of(review)
    if publication is None or publication.decision != Publication.Decision.PUBLISH:
        return None
    return publication.planned_on


def latest_renderings(report: Report) -> dict[tuple[str, str], Rendering]:
    """The most recent rendering of each kind (report, learning brief, Word version) in each
    language, by (kind, language)."""
    latest: dict[tuple[str, str], Rendering] = {}
    for rendering in report.renderings.select_related("requested_by").order_by("-created_at")[:20]:
        latest.setdefault((rendering.kind, rendering.language), rendering)
    return latest


# --- The public listing (no sign-in) ------------------------------------------------------------


def _public():
    """Published reports, less those a reporting restriction or court order now holds back."""
    today = timezone.localdate()
    restricted = ReportingRestriction.objects.filter(
        incident_id=OuterRef("review__incident_id"), made_on__lte=today, ends_on__gte=today
    )
    return Publication.objects.filter(
        decision=Publication.Decision.PUBLISH, published_on__isnull=False
    ).exclude(Exists(restricted))


def public_boards() -> list[Board]:
    """Boards with at least one published report, with how many (`published`), by name."""
    # Counted from the published reports grouped by board, then the boards named: a join from
    # every board through every review (as before) grew with all the reviews in the country
    # rather than with those published (issue 21).
    published = dict(_public().values_list("review__board_id").annotate(n=Count("pk")).order_by())
    boards = list(Board.objects.filter(pk__in=list(published)).order_by("name"))
    for board in boards:
        board.published = published[board.pk]
    return boards


def public_board(board_id) -> Board:
    """The board of the public listing, or 404 (its reports are checked by the caller)."""
    board = Board.objects.filter(pk=board_id).first()
    if board is None:
        raise Http404
    return board


def public_publications(board: Board):
    """A board's published reports, newest first: online ones, then those on request only (the
    order said for NULL, which PostgreSQL and SQLite put at opposite ends, since the list is
    paged)."""
    return (
        _public()
        .filter(review__board=board)
        .select_related(
            "review__incident",
            "review__report",
            "report_pdf",
            "brief_pdf",
            "welsh_report_pdf",
            "welsh_brief_pdf",
        )
        .order_by(F("withdrawn_on").asc(nulls_first=True), "-published_on")
    )


def public_publication(board_id, publication_id):
    return (
        _public()
        .select_related(
            "review__incident",
            "review__board",
            "report_pdf",
            "brief_pdf",
            "welsh_report_pdf",
            "welsh_brief_pdf",
        )
        .filter(review__board_id=board_id, pk=publication_id)
        .first()
    )


# --- The learning library (signed in, every board) ----------------------------------------------


def _uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def _search(queryset, words: str):
    """Full-text search on PostgreSQL (stemmed, ranked); every word, anywhere, elsewhere."""
    if _uses_postgres():
        from django.contrib.postgres.search import SearchQuery, SearchRank

        # The document (title weighted A, body B, in SEARCH_CONFIG) is stored and indexed:
        # migration 0003 keeps it.
        query = SearchQuery(words, search_type="websearch", config=SEARCH_CONFIG)
        # Matched with @@, not by rank: ts_rank is above 0 (1e-20) for a finding that holds
        # only some of the words, or none of them, when more than one word is asked for.
        return (
            queryset.annotate(rank=SearchRank(F("search_document"), query))
            .filter(search_document=query)
            .order_by("-rank", "-published_on", "position")
        )
    for word in words.split():
        queryset = queryset.filter(Q(title__icontains=word) | Q(body__icontains=word))
    return queryset


def library_findings(*, words: str = "", category: str = "", review_type: str = "", year=None):
    """Published findings of every board matching the filters, newest first (ranked, for
    words, on PostgreSQL)."""
    found = _library_filtered(words=words, review_type=review_type, year=year)
    return found.filter(category__code=category) if category else found


def _library_filtered(*, words: str, review_type: str, year):
    found = LibraryFinding.objects.select_related("board", "category", "publication").defer(
        "search_document"
    )
    if review_type:
        found = found.filter(review_type=review_type)
    if year:
        found = found.filter(published_on__year=year)
    if words.strip():
        found = _search(found, words.strip())
    return found


def library_search(*, words: str = "", category: str = "", review_type: str = "", year=None):
    """Published findings of every board matching the filters, and counts per category of the
    findings matching everything but the category (so the counts say where else to look)."""
    found = _library_filtered(words=words, review_type=review_type, year=year)
    if words.strip():
        # Counted over the ids found: a ranked search's annotations would split the groups.
        counted = LibraryFinding.objects.filter(pk__in=found.values("pk"))
    else:
        # The filters alone: no second pass over the findings to match their ids (issue 21:
        # the library's counts grew with every finding in the country).
        counted = found.select_related(None)
    counts = dict(counted.values_list("category__code").annotate(n=Count("pk")).order_by())
    if category:
        found = found.filter(category__code=category)
    return found, counts


def library_years() -> list[int]:
    """The years from the first finding published to the last, newest first: the first and
    last are read from the ends of an index (LibraryFinding's order) rather than every
    finding's date."""
    span = LibraryFinding.objects.aggregate(first=Min("published_on"), last=Max("published_on"))
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


def library_categories():
    """The categories of finding a search of the library may filter by."""
    return FindingCategory.objects.filter(active=True)


def accuracy_check_of(*, report, pk) -> AccuracyCheck:
    """A factual accuracy check of the report (already checked visible), or 404."""
    return get_object_or_404(
        AccuracyCheck.objects.filter(report=report).select_related("shared_by"), pk=pk
    )


def accuracy_checks_listed(*, report):
    """The report's factual accuracy checks, newest first, for its page (one query)."""
    return list(AccuracyCheck.objects.filter(report=report))


def accuracy_comment_of(*, accuracy_check, pk) -> AccuracyComment:
    return get_object_or_404(accuracy_check.comments.all(), pk=pk)


def comments_by_section(*, accuracy_check) -> list:
    """[(code, title, text as shared, [comments])], in the report's order."""
    comments: dict = {}
    for comment in accuracy_check.comments.select_related("author", "agency", "decided_by"):
        comments.setdefault(comment.section, []).append(comment)
    return [
        (code, title, accuracy_check.sections.get(code, ""), comments.get(code, []))
        for code, title, _ in SECTIONS
    ]


def shared_sections(*, accuracy_check) -> list:
    return [(code, title, accuracy_check.sections.get(code, "")) for code, title, _ in SECTIONS]


def accuracy_check_for_contributor(*, user, review, pk):
    """(the check, the user's invitation) of a draft shared with them on `review` (from
    `contributed_review_get`), or 404: a contributor not asked sees nothing of it."""
    invitee = (
        AccuracyInvitee.objects.filter(
            accuracy_check__report__review=review,
            accuracy_check_id=pk,
            contributor__in=AgencyContributor.objects.in_force().filter(user=user),
        )
        .select_related("accuracy_check", "contributor__agency")
        .first()
    )
    if invitee is None:
        raise Http404
    return invitee.accuracy_check, invitee


def accuracy_checks_for_contributor(*, user):
    """The drafts shared with `user` to check, not yet finished: their home page's list."""
    return (
        AccuracyInvitee.objects.filter(
            contributor__in=AgencyContributor.objects.in_force().filter(user=user),
            finished_at__isnull=True,
        )
        .select_related("accuracy_check__report__review__incident", "contributor__agency")
        .order_by("accuracy_check__due_on")
    )


def home_office_qa_step_of(*, review, pk) -> HomeOfficeQaStep:
    """A step of the review (already checked visible) with the Home Office's Quality Assurance
    Panel, in force, or 404."""
    return get_object_or_404(HomeOfficeQaStep.objects.filter(review=review), pk=pk)


def published_themes(publication) -> list:
    """The categories of the findings as published (the library's copy), in the report's
    order, each once."""
    themes: dict = {}
    for finding in publication.library_findings.select_related("category").order_by("position"):
        themes.setdefault(finding.category.code, finding.category)
    return list(themes.values())
