"""Naming the actor of a change in the history tables."""


def acting_as(instance, actor):
    """Mark `instance` so that its next history row records `actor` as the one who changed it.

    The request middleware covers web pages; services are also called from the API with a
    token, from tasks and from commands, so they name the actor themselves.
    """
    instance._history_user = actor
    return instance
