"""Writes of insight: a user's calendar feed address."""

from insight.models import CalendarFeed, new_token


def calendar_feed_renew(*, actor) -> CalendarFeed:
    """Give `actor` a new secret address; the old one stops working at once."""
    feed, created = CalendarFeed.objects.get_or_create(user=actor)
    if not created:
        feed.token = new_token()
        feed.save(update_fields=["token", "created_at"])
    return feed


def calendar_feed_revoke(*, actor) -> None:
    CalendarFeed.objects.filter(user=actor).delete()
