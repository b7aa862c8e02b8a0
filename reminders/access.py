"""Who may still see a reminder's deadline: the one rule every reader and sender of reminders
applies (the sweep, delivery, the reminders page and API, the calendar feed, the work queue).

A reminder names a case reference and a deadline, so it follows the same rule as the pages of
the case (docs/permissions.md): once its recipient may no longer see the deadline, its e-mail
is not sent and it leaves their lists and their calendar, whatever removed their access.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q

from boards import roles
from boards.models import Membership
from core.models import User
from deadlines import kinds


def _may_see(user, deadline: str, routes: "_Routes | None" = None) -> Q:
    """`user` (a user id, or an expression for one) may see the deadline at the ORM path
    `deadline`: through a role that reads the cases of its board, or through the record it is
    of, as its kind says (an appointment in force to the review of its case, their own
    accreditation: `deadlines.kinds`). `routes`: only the ways the person has."""
    rule = kinds.seen_through_owner(user, deadline, routes.kinds if routes else None)
    if routes is None or routes.reads_cases:
        reads_cases = Membership.objects.filter(
            user=user,
            board=OuterRef(f"{deadline}board_id"),
            role__in=roles.CASE_READER_ROLES,
        )
        rule = Exists(reads_cases) | rule
    return rule


@dataclass(frozen=True)
class _Routes:
    """The ways one person could see a deadline: a role that reads a board's cases, and the
    kinds whose owning records they hold any of. A superset, asked once a request."""

    reads_cases: bool
    kinds: tuple


def _routes(user) -> _Routes:
    """Read once per user object (so once per request), in one query. Building and compiling
    the whole rule costs more than the query (bench/README.md, load): a business manager
    needs only the roles, a lead reviewer only the kinds of their reviews."""
    if "_deadline_routes" not in user.__dict__:
        readers = Membership.objects.filter(user=user.pk, role__in=roles.CASE_READER_ROLES)
        asked = {"reads_cases": Exists(readers)}
        names = {}  # kinds that share a way in (a review's kinds: an appointment) ask it once
        for kind in kinds.all_kinds():
            if kind.reached_by and kind.reached_by not in names:
                names[kind.reached_by] = f"reaches_{len(names)}"
                asked[names[kind.reached_by]] = ExpressionWrapper(
                    kind.reached_by(user.pk), output_field=BooleanField()
                )
        found = User.objects.filter(pk=user.pk).values(**asked).get()
        user.__dict__["_deadline_routes"] = _Routes(
            reads_cases=found["reads_cases"],
            kinds=tuple(
                kind
                for kind in kinds.all_kinds()
                if not kind.reached_by or found[names[kind.reached_by]]
            ),
        )
    return user.__dict__["_deadline_routes"]


def seen_by_recipient() -> Q:
    """A filter of `Reminder`: its recipient is active and may see its deadline now.

    Only `Exists` and non-null columns, so that `exclude()` of it is exact (no NULLs).
    """
    return Q(recipient__is_active=True) & _may_see(OuterRef("recipient_id"), "deadline__")


def seen_by(user, deadline: str = "") -> Q:
    """The same rule for one person known beforehand: a filter of `Deadline` (or, with
    `deadline="deadline__"`, of a reminder's deadline) that `user` may see now.

    Where the recipient is fixed this is what to use: the database then checks the rule
    against that person's roles once, instead of reading each reminder's recipient, and
    (measured on 94,000 deadlines, bench/README.md) looks the person's few deadlines up by
    their keys rather than scanning all of them."""
    if not user.is_active:
        return Q(pk__in=[])
    return _may_see(user.pk, deadline, _routes(user))
