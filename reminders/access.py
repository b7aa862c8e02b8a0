"""Who may still see a reminder's deadline: the one rule every reader and sender of reminders
applies (the sweep, delivery, the reminders page and API, the calendar feed, the work queue).

A reminder names a case reference and a deadline, so it follows the same rule as the pages of
the case (docs/permissions.md): once its recipient may no longer see the deadline, its e-mail
is not sent and it leaves their lists and their calendar, whatever removed their access.
"""

from django.db.models import Exists, OuterRef, Q

from boards import roles
from boards.models import Membership
from deadlines import kinds


def _may_see(user, deadline: str) -> Q:
    """`user` (a user id, or an expression for one) may see the deadline at the ORM path
    `deadline`: through a role that reads the cases of its board, or through the record it is
    of, as its kind says (an appointment in force to the review of its case, their own
    accreditation: `deadlines.kinds`)."""
    reads_cases = Membership.objects.filter(
        user=user,
        board=OuterRef(f"{deadline}board_id"),
        role__in=roles.CASE_READER_ROLES,
    )
    return Exists(reads_cases) | kinds.seen_through_owner(user, deadline)


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
    return _may_see(user.pk, deadline)
