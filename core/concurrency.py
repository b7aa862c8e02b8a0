"""No lost updates: records edited by several people carry a version number.

An edit states the version it started from; if someone saved in between, the edit is refused
with an EditConflict that carries the record as it now is, and the page shows both versions so
that nothing typed is lost.

Batch jobs that several workers may run at once (the reminder sweep, retention) claim rows
with `lock_skipping_locked`.
"""

from django.db import connection


class EditConflict(Exception):
    def __init__(self, current):
        super().__init__("Someone else saved this record while you were editing it")
        self.current = current


def check_version(locked_instance, expected_version: int) -> None:
    """Call with the row locked (select_for_update); bumps the version for the save."""
    if int(expected_version) != locked_instance.version:
        raise EditConflict(locked_instance)
    locked_instance.version += 1


def lock_skipping_locked(queryset):
    """Lock the rows of `queryset` (only its own rows, not those it is read with), leaving any
    another transaction holds to it. SQLite has no row locks: its writes are serialised, and
    the caller's conditional write or unique row does the claiming."""
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset
