from django.utils.functional import SimpleLazyObject

from home.work import cached_navigation_counts


def navigation(request):
    """The navigation's counts (the user's work, their unread reminders), read in one go, only
    when a page shows them, and from the cache when they were read a moment ago."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    counts = SimpleLazyObject(lambda: cached_navigation_counts(user=user))
    return {
        "work_count": SimpleLazyObject(lambda: counts["work"]),
        "unread_reminders": SimpleLazyObject(lambda: counts["unread"]),
    }
