"""Who may still see a reminder's deadline: the one rule every reader and sender of reminders
applies (the sweep, delivery, the reminders page and API, the calendar feed).

A reminder names a case reference and a deadline, so it follows the same rule as the pages of
the case (docs/permissions.md): once its recipient may no longer see the deadline, its e-mail
is not sent and it leaves their lists and their calendar, whatever removed their access.
"""

from django.db.models import Exists, OuterRef, Q

from boards import roles
from boards.models import Membership
from deadlines import kinds


def seen_by_recipient() -> Q:
    """A filter of `Reminder`: its recipient is active and may see its deadline now, through a
    role that reads the cases of the deadline's board, or through the record the deadline is
    of, as its kind says (an appointment in force to the review of its case, their own
    accreditation: `deadlines.kinds`).

    Only `Exists` and non-null columns, so that `exclude()` of it is exact (no NULLs).
    """
    recipient = OuterRef("recipient_id")
    reads_cases = Membership.objects.filter(
        user=recipient,
        board=OuterRef("deadline__board_id"),
        role__in=roles.CASE_READER_ROLES,
    )
    return Q(recipient__is_active=True) & (
        Exists(reads_cases) | kinds.seen_through_owner(recipient, "deadline__")
    )
