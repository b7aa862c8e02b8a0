"""A user's calendar feed: a secret address that calendar programs read without signing in."""

import secrets

from django.conf import settings
from django.db import models


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret of one user's iCal feed of their deadlines. Replacing the token revokes the
    old address at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return "Calendar feed"
