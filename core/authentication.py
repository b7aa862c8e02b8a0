"""The API's token authentication (API.md: `Authorization: Token <key>`), against the digests
of `core.ApiToken`. Tokens are for other systems, not people: they are not asked for a second
factor, and they end by themselves (docs/security.md)."""

import datetime as dt

from django.utils import timezone
from rest_framework import authentication, exceptions

from core import permissions
from core.models import ApiToken

# "Last used" is written back at most this often: a write on every call would cost an UPDATE
# per request for a date shown to the day.
LAST_USED_EVERY = dt.timedelta(minutes=5)

_WHY = {
    ApiToken.Status.EXPIRED: "This token has expired. Ask for a new one.",
    ApiToken.Status.REVOKED: "This token has been revoked.",
    ApiToken.Status.ENDED: (
        "This token has ended: its holder's password or roles changed, or the account was "
        "disabled. Ask for a new one."
    ),
}


class ApiTokenAuthentication(authentication.TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key):
        token = (
            ApiToken.objects.select_related("user").filter(digest=ApiToken.digest_of(key)).first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        now = timezone.now()
        status = token.status_at(now)
        if status != ApiToken.Status.ACTIVE:
            raise exceptions.AuthenticationFailed(_WHY[status])
        changes = {}
        if token.holder_hash_matches() == "fallback":
            # SECRET_KEY was rotated: bind the token to the holder's hash under the new key, as
            # Django does for sessions, so it outlives the old key's removal from the fallbacks.
            changes["auth_hash"] = token.user.get_session_auth_hash()
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
            changes["last_used_at"] = now
        if changes:
            ApiToken.objects.filter(pk=token.pk).update(**changes)
        user = token.user
        if token.board_id is not None:
            permissions.confine_to_board(user, token.board_id)
        return user, token
