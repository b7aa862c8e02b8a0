from django.utils.functional import SimpleLazyObject

from home.work import navigation_counts


def navigation(request):
    """The navigation's counts (the user's work, their unread reminders), read in one go and
    only when a page shows them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    counts = SimpleLazyObject(lambda: navigation_counts(user=user))
    return {
        "work_count": SimpleLazyObject(lambda: counts["work"]),
        "unread_reminders": SimpleLazyObject(lambda: counts["unread"]),
    }
