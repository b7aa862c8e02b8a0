"""Each person's work queue: what is theirs to do across the service, most urgent first, each
item a link to the page where it is done (the home page), and how much there is (the count in
the navigation).

The sources are the apps' own (`reviews.selectors.work`, `publication.work`,
`accreditation.selectors.work`, `reminders.work`); the boards on which someone may do each
kind of work are the policy's (`home/policy.py`). The queue and the count read the same
sources, so the two always agree; the count is one query whatever the data, and the queue one
query a source that applies to the person and has work, each cut at `SHOWN_PER_SOURCE` rows (a
source read whole, the person's own deadlines, is counted as it is read).

The navigation shows the count on every page, and building its query (a dozen subqueries) costs
more than running it, so the navigation reads it from the cache for `WORK_COUNT_SECONDS`: the
person's own changes show at once (any form they send forgets it, `home.middleware`), the home
page always counts afresh, and others' changes show within that time.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from accreditation.selectors import work as accreditation_work
from boards.roles import board_ids_for
from core.models import User
from core.work import WorkItem, count_of
from deadlines.selectors import due_soon_until
from publication import work as publication_work
from reminders import selectors as reminder_selectors
from reminders import work as reminder_work
from reviews.selectors import work as review_work

SHOWN_PER_SOURCE = 25


@dataclass(frozen=True)
class Context:
    user: object
    today: dt.date
    due_soon_by: dt.date
    boards: dict  # {action: [board ids where the user may take it]}

    def board_ids(self, action: str) -> list:
        return self.boards.get(action, [])


@dataclass(frozen=True)
class Source:
    """A kind of work: who it applies to, its rows (a queryset) and their items.

    `read_whole`: the home page reads every row and counts them in Python rather than
    counting in SQL and reading the first rows: for a source whose rows are one person's
    (their deadlines due soon, a few dozen) and whose query is dear to build, one query
    instead of two."""

    name: str
    applies: Callable[[Context], bool]
    rows: Callable[[Context], object]
    items: Callable[[object, Context], list[WorkItem]]
    read_whole: bool = False


def _on_boards(action):
    return lambda ctx: bool(ctx.board_ids(action))


def _staff(ctx):
    return ctx.user.is_accreditation_staff


SOURCES = (
    Source(
        "deadlines",
        lambda ctx: True,
        lambda ctx: reminder_work.deadlines_to_do(
            user=ctx.user, due_by=ctx.due_soon_by, today=ctx.today
        ).order_by("due_on", "clock"),
        lambda rows, ctx: reminder_work.work_of_deadlines(rows),
        read_whole=True,
    ),
    Source(
        "decisions",
        _on_boards("decisions.record"),
        lambda ctx: review_work.decisions_to_make(board_ids=ctx.board_ids("decisions.record")),
        lambda rows, ctx: review_work.decision_items(
            rows, today=ctx.today, due_soon_by=ctx.due_soon_by
        ),
    ),
    Source(
        "panel_advice",
        _on_boards("panel_advice.record"),
        lambda ctx: review_work.panel_advice_to_answer(
            board_ids=ctx.board_ids("panel_advice.record")
        ),
        lambda rows, ctx: review_work.panel_advice_items(rows),
    ),
    Source(
        "reports_to_approve",
        _on_boards("reports.approve"),
        lambda ctx: publication_work.reports_to_approve(board_ids=ctx.board_ids("reports.approve")),
        lambda rows, ctx: publication_work.report_approval_items(rows),
    ),
    Source(
        "publication_decisions",
        _on_boards("publication.decide"),
        lambda ctx: publication_work.publication_decisions_to_make(
            board_ids=ctx.board_ids("publication.decide")
        ),
        lambda rows, ctx: publication_work.publication_decision_items(rows),
    ),
    Source(
        "reports_to_render",
        _on_boards("publication.manage"),
        lambda ctx: publication_work.reports_to_render(
            board_ids=ctx.board_ids("publication.manage")
        ),
        lambda rows, ctx: publication_work.rendering_items(rows),
    ),
    Source(
        "review_steps",
        lambda ctx: True,
        lambda ctx: review_work.reviews_to_take_forward(user=ctx.user),
        lambda rows, ctx: review_work.review_step_items(rows),
    ),
    Source(
        "agency_requests",
        lambda ctx: True,
        lambda ctx: review_work.requests_to_answer_later(user=ctx.user, after=ctx.due_soon_by),
        lambda rows, ctx: review_work.request_items(
            rows, today=ctx.today, due_soon_by=ctx.due_soon_by
        ),
    ),
    Source(
        "comments",
        lambda ctx: True,
        lambda ctx: publication_work.comments_to_answer(user=ctx.user),
        lambda rows, ctx: publication_work.comment_items(rows),
    ),
    Source(
        "quality_assurance",
        _staff,
        lambda ctx: review_work.findings_to_quality_assure(user=ctx.user),
        lambda rows, ctx: review_work.quality_assurance_items(rows),
    ),
    Source(
        "applications",
        _staff,
        lambda ctx: accreditation_work.applications_to_score(user=ctx.user),
        lambda rows, ctx: accreditation_work.application_items(rows),
    ),
    Source(
        "sessions",
        _staff,
        lambda ctx: accreditation_work.sessions_to_record(today=ctx.today),
        lambda rows, ctx: accreditation_work.session_items(rows),
    ),
    Source(
        "annual_reviews",
        _staff,
        lambda ctx: accreditation_work.annual_reviews_due(today=ctx.today),
        lambda rows, ctx: accreditation_work.annual_review_items(
            rows, today=ctx.today, due_soon_by=ctx.due_soon_by
        ),
    ),
    Source(
        "lapses",
        _staff,
        lambda ctx: accreditation_work.recent_lapses(today=ctx.today),
        lambda rows, ctx: accreditation_work.lapse_items(rows),
    ),
)
# The board-scoped kinds of work, by the action of the policy that lets someone do them.
ACTIONS = (
    "decisions.record",
    "panel_advice.record",
    "reports.approve",
    "publication.decide",
    "publication.manage",
)


def _context(user, today: dt.date | None) -> Context:
    today = today or timezone.localdate()
    return Context(user, today, due_soon_until(today), board_ids_for(user, ACTIONS))


@dataclass(frozen=True)
class WorkQueue:
    items: list[WorkItem]
    counts: dict  # {source name: rows}, every row, not only those shown
    unread: int = 0  # the user's reminders not yet read (the navigation's other count)
    also: dict = field(default_factory=dict)  # {name: rows} of each queryset of `also_count`

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def shown_all(self) -> bool:
        return len(self.items) == self.total


def _counts(ctx: Context, built: dict, **others) -> dict:
    """{source name: its rows}, and the count of each queryset of `others`, in one query.
    `built`: {source name: its rows}, each source's queryset (built once: it is read after)."""
    counted = {f"n_{name}": rows for name, rows in built.items()}
    counted |= {f"n_{name}": rows for name, rows in others.items()}
    row = (
        User.objects.filter(pk=ctx.user.pk)
        .values(**{name: count_of(rows) for name, rows in counted.items()})
        .get()
    )
    return {name.removeprefix("n_"): count for name, count in row.items()}


def work_queue(*, user, today: dt.date | None = None, also_count: dict | None = None) -> WorkQueue:
    """`user`'s work, most urgent first: at most `SHOWN_PER_SOURCE` items of each kind, with
    how many there are of each.

    `also_count`: {name: queryset} counted in the same query as the work (`WorkQueue.also`),
    so that a page showing other lists beside the queue reads only those that have rows."""
    if not (user.is_authenticated and user.is_active):
        return WorkQueue([], {}, also=dict.fromkeys(also_count or {}, 0))
    ctx = _context(user, today)
    sources = [source for source in SOURCES if source.applies(ctx)]
    counted = [source for source in sources if not source.read_whole]
    also = {f"also_{name}": rows for name, rows in (also_count or {}).items()}
    # Each source's rows built once, for its count and then its first rows: building the
    # querysets costs more than running them (bench/README.md, load).
    built = {source.name: source.rows(ctx) for source in sources}
    counts = _counts(
        ctx,
        {source.name: built[source.name] for source in counted},
        unread=reminder_selectors.unread(user=user),
        **also,
    )
    unread = counts.pop("unread")
    also = {name.removeprefix("also_"): counts.pop(name) for name in also}
    items = []
    for source in sources:
        if source.read_whole:
            rows = list(built[source.name])
            counts[source.name] = len(rows)
        elif counts[source.name]:
            rows = list(built[source.name][:SHOWN_PER_SOURCE])
        else:
            continue
        items += source.items(rows[:SHOWN_PER_SOURCE], ctx)
    counts = {source.name: counts[source.name] for source in sources}  # in the sources' order
    return WorkQueue(sorted(items, key=lambda item: item.sort_key), counts, unread, also)


def navigation_counts(*, user, today: dt.date | None = None) -> dict:
    """The navigation's counts: `work`, how many things `user` has to do, and `unread`, their
    reminders not yet read. Three queries whatever the data: the user's roles, the bank
    holidays ahead (for "due soon") and the counts."""
    if not (user.is_authenticated and user.is_active):
        return {"work": 0, "unread": 0}
    ctx = _context(user, today)
    sources = [source for source in SOURCES if source.applies(ctx)]
    built = {source.name: source.rows(ctx) for source in sources}
    counts = _counts(ctx, built, unread=reminder_selectors.unread(user=user))
    return {"work": sum(counts[source.name] for source in sources), "unread": counts["unread"]}


def _cache_key(user, today: dt.date) -> str:
    # The day is in the key: "due soon" and "overdue" move at midnight whatever is cached.
    return f"work-counts:{user.pk}:{today.isoformat()}"


def remember_navigation_counts(*, user, work: "WorkQueue", today: dt.date | None = None) -> None:
    """Keep the counts of a queue just read (the home page's) for the navigation."""
    if settings.WORK_COUNT_SECONDS:
        counts = {"work": work.total, "unread": work.unread}
        today = today or timezone.localdate()
        cache.set(_cache_key(user, today), counts, settings.WORK_COUNT_SECONDS)


def forget_navigation_counts(*, user) -> None:
    """Drop `user`'s cached counts (after they changed something)."""
    cache.delete(_cache_key(user, timezone.localdate()))


def cached_navigation_counts(*, user) -> dict:
    """`navigation_counts`, read from the cache when they were read in the last
    `WORK_COUNT_SECONDS`."""
    if not (settings.WORK_COUNT_SECONDS and user.is_authenticated and user.is_active):
        return navigation_counts(user=user)
    key = _cache_key(user, timezone.localdate())
    counts = cache.get(key)
    if counts is None:
        counts = navigation_counts(user=user)
        cache.set(key, counts, settings.WORK_COUNT_SECONDS)
    return counts


def work_count(*, user, today: dt.date | None = None) -> int:
    """How many things `user` has to do."""
    return navigation_counts(user=user, today=today)["work"]
