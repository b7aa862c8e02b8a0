"""Every write of a deadline is announced, in its transaction: whoever follows deadlines
(reminders) subscribes to `deadlines_changed` instead of being called by each service.

A save announces its row at once; the writes of one sync (`batched`) are announced together
when it ends, so that a case's clocks are planned in one go.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import Signal

# Sent with deadline_ids: the deadlines created or changed (not deleted: their reminders go
# with them).
deadlines_changed = Signal()

_pending: ContextVar[set | None] = ContextVar("deadline_changes", default=None)
_unannounced: ContextVar[bool] = ContextVar("deadlines_unannounced", default=False)


def announce(deadline_ids) -> None:
    if _unannounced.get():
        return
    pending = _pending.get()
    if pending is not None:
        pending.update(deadline_ids)
        return
    ids = list(deadline_ids)
    if ids:
        deadlines_changed.send(sender=announce, deadline_ids=ids)


@contextmanager
def batched():
    """Announce the deadlines written inside once, when the block ends without an error."""
    if _pending.get() is not None:  # inside another batch: that one announces
        yield
        return
    pending: set = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    announce(pending)


@contextmanager
def unannounced():
    """Announce nothing written inside: for loading rows whose reminders are loaded with them
    (the benchmarks' seeds), never for a change of a deadline in use."""
    token = _unannounced.set(True)
    try:
        yield
    finally:
        _unannounced.reset(token)
