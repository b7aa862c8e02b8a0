"""The kinds of deadline, each declared by the app that owns it, in one place of its own.

The deadlines layer stores every deadline alike (its board, kind, owner, case and dates) and
knows no kind but the statutory clock's code. The app that owns a kind declares it once, in
its AppConfig.ready: what the deadline concerns and where it is dealt with, who does the work,
who else may see it, its rule and the source of that rule. Reminders, insight, the API and the
pages read the declaration here, so a new kind of deadline touches its own app only
(docs/architecture.md, "Where do I add").
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q

# The statutory clocks of a case (guidance.rulebooks): the one kind this layer knows by name,
# because a deadline of a rulebook can be paused and extended (ClockPause, ClockExtension).
STATUTORY = "clock"


@dataclass(frozen=True)
class About:
    """What a deadline concerns, what is due and where it is dealt with.

    `reference` and `title` go into e-mails and calendars, so they never hold free text that
    people type (which may name someone): a case reference, an agency, a clock's title.
    `detail` is the title the service's own pages show, with such text where there is some.
    """

    reference: str
    title: str
    path: str
    detail: str = ""

    @property
    def title_in_pages(self) -> str:
        return self.detail or self.title


@dataclass(frozen=True)
class Kind:
    """A kind of deadline, declared by the app that owns its records.

    describe(deadlines) -> {deadline pk: About}, for a batch in a few queries.
    owners(deadlines) -> {deadline pk: user ids} of those who do the work and are reminded.
    seen_by(user, deadline) -> a filter (an `Exists`) true where `user`, an expression for a
        user id, may see the deadline at the ORM path `deadline` ("deadline__" from a
        reminder, "" from a deadline) through the owning record, beyond the board's roles.
    rule(deadline) -> the rule's code, like "wt2023.rapid_review"; source(deadline) -> where
        the rule comes from ("" for the board's own deadlines). Neither reads the database.
    reminds_after_due: False where a miss has consequences of its own (an accreditation
        lapses): reminders go before and on the day, and no one is chased afterwards.
    reached_by(user_id) -> a filter (an `Exists`, or several joined) true where the person
        holds any record through which `seen_by` could let them see a deadline of the kind
        (an appointment not ended, a contribution, an accreditation), whichever deadline.
        It may say yes too often, never too seldom: a person it says no for is spared the
        kind's `seen_by` (`seen_through_owner(kinds=...)`). None: always asked.
    """

    code: str
    label: str
    describe: Callable[[Sequence], dict]
    owners: Callable[[Sequence], dict]
    seen_by: Callable[[object, str], Q]
    rule: Callable[[object], str]
    source: Callable[[object], str] = lambda deadline: ""
    reminds_after_due: bool = True
    reached_by: Callable[[object], Q] | None = None


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    """Declare a kind. Called once per kind, from the owning app's AppConfig.ready."""
    if kind.code in _KINDS and _KINDS[kind.code] != kind:
        raise ValueError(f"The kind of deadline {kind.code!r} is declared twice")
    _KINDS[kind.code] = kind


def get(code: str) -> Kind:
    return _KINDS[code]


def all_kinds() -> list[Kind]:
    return list(_KINDS.values())


def describe(deadlines: Iterable) -> list:
    """Give each deadline its `about`, in one batch per kind. Returns the deadlines."""
    deadlines = list(deadlines)
    by_kind = defaultdict(list)
    for deadline in deadlines:
        if not hasattr(deadline, "_about"):
            by_kind[deadline.kind].append(deadline)
    for code, batch in by_kind.items():
        kind = get(code)
        found = kind.describe(batch)
        for deadline in batch:
            # A deadline whose owner is gone (deleted outside the ORM, so no receiver removed
            # it) still shows, named by its kind, rather than break every list it is on.
            deadline._about = found.get(deadline.pk) or About(
                reference="", title=kind.label, path=""
            )
    return deadlines


def owners(deadlines: Sequence) -> dict:
    """{deadline pk: user ids of those who do the work}, in one batch per kind."""
    by_kind = defaultdict(list)
    for deadline in deadlines:
        by_kind[deadline.kind].append(deadline)
    found = {}
    for code, batch in by_kind.items():
        found.update(get(code).owners(batch))
    return found


def seen_through_owner(user, deadline: str = "", kinds: Iterable[Kind] | None = None) -> Q:
    """A filter: `user` may see the deadline at path `deadline` through its owning record
    (an appointment to the case's review, their own accreditation). Board roles are the
    caller's to add. Only `Exists` and non-null columns, so that `exclude()` of it is exact.

    `kinds`: only these (the others left out as never seen this way); every kind if None."""
    chosen = all_kinds() if kinds is None else kinds
    filters = [Q(**{f"{deadline}kind": k.code}) & k.seen_by(user, deadline) for k in chosen]
    combined = Q(pk__in=[])
    for one in filters:
        combined |= one
    return combined
