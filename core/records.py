"""Correcting and withdrawing records: nothing a user typed is lost.

A record is corrected by a service that saves it again (its history keeps every earlier
version, with who changed it and when) and withdrawn with a reason by `withdraw`: it leaves
every list, count and check that reads current records (`core.models.CurrentRecords`), and
stays in the history and the audit. Nothing is deleted. Each app's services decide who may
correct or withdraw which record, and until when (their stage guards).
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.history import acting_as


def locked(record):
    """`record` read again with its row locked, withdrawn or not."""
    return type(record)._base_manager.select_for_update().get(pk=record.pk)


THIS_RECORD = gettext_lazy("This record")


def require_current(record, what: str = THIS_RECORD) -> None:
    """`what` names the record as the subject of a sentence, in the reader's language ("This
    incident")."""
    if record.is_withdrawn:
        raise ValidationError(
            _("%(what)s has been withdrawn: it can no longer change") % {"what": what}
        )


def withdraw(record, *, actor, reason: str, what: str = THIS_RECORD):
    """Withdraw `record` (read with `locked`) for `reason`, naming `actor` in its history."""
    require_current(record, what)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Enter why you are withdrawing it")})
    record.withdrawn_at = timezone.now()
    record.withdrawn_by = actor
    record.withdrawal_reason = reason
    acting_as(record, actor).save()
    return record
