"""Identifiers from the outside world (query strings, form posts, JSON keys)."""

import uuid


def parse_uuid(value) -> uuid.UUID | None:
    """The UUID `value` spells, or None: a malformed id finds nothing, never a 500."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
