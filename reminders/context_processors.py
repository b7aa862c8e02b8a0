from django.utils.functional import SimpleLazyObject

from reminders.selectors import unread_count


def unread_reminders(request):
    """The unread reminders count of the navigation, read only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_reminders": SimpleLazyObject(lambda: unread_count(user=user))}
