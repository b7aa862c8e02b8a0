from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy

from core.middleware import seconds_left

SERVICE_NAME = gettext_lazy("Manage safeguarding case reviews")


def service(request):
    return {"service_name": SERVICE_NAME}


def session_timeout(request):
    """For the timeout warning dialog: the time the session has left, and when to warn."""
    idle_minutes = int(settings.SESSION_IDLE_TIMEOUT.total_seconds()) // 60
    warning = int(settings.SESSION_TIMEOUT_WARNING.total_seconds())
    session = getattr(request, "session", None)
    return {
        "session_idle_minutes": idle_minutes,
        "session_seconds_left": SimpleLazyObject(lambda: seconds_left(session)),
        "session_warning_seconds": warning,
        "session_warning_minutes": warning // 60,
    }
