"""Who a log line is about, by number only: the request's id (django-guid, which also carries it
into the Celery tasks the request queues) and the signed-in user's id.

A line never names a person or quotes case text: the ids lead to the request and the account,
and from them to the access record, for someone entitled to look."""

import contextvars
import logging

from django_guid import clear_guid

_user_id: contextvars.ContextVar[int | None] = contextvars.ContextVar("log_user_id", default=None)


class UserIdFilter(logging.Filter):
    """Puts `user_id` on every record: the id of the person whose request is being answered,
    or None (sign-in, public pages, tasks)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.user_id = _user_id.get()
        return True


class UserIdMiddleware:
    """Remembers the signed-in user's id for the rest of the request. Placed after the
    language middleware, which has already read the user, so it costs no query. The id stays
    until the request is finished (`forget_request`), so that Django's own line about the answer
    (a 404, a 500), written after every middleware has returned, carries it too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        _user_id.set(user.pk if user is not None and user.is_authenticated else None)
        return self.get_response(request)


def forget_request(**kwargs) -> None:
    """Connected to `request_started` and `request_finished`: no line written between requests
    or in the next one carries this request's ids."""
    _user_id.set(None)
    clear_guid()
