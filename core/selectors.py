import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import permissions
from core.models import ApiToken, Heartbeat, RecoveryCode


@dataclass(frozen=True)
class HeartbeatStatus:
    last_run_at: dt.datetime | None
    runs: int
    healthy: bool


def heartbeat_status(*, name: str = "heartbeat") -> HeartbeatStatus:
    """Whether the periodic tasks ran recently: missing three beats in a row is unhealthy."""
    beat = Heartbeat.objects.filter(name=name).first()
    if beat is None:
        return HeartbeatStatus(last_run_at=None, runs=0, healthy=False)
    allowed_gap = dt.timedelta(seconds=3 * settings.HEARTBEAT_INTERVAL_SECONDS)
    return HeartbeatStatus(
        last_run_at=beat.last_run_at,
        runs=beat.runs,
        healthy=timezone.now() - beat.last_run_at <= allowed_gap,
    )


def has_authenticator(user) -> bool:
    """Whether the user has set up an authenticator app (a confirmed TOTP device)."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return RecoveryCode.objects.filter(device__user=user).count()


def api_token_list_for_holder(*, user) -> list[ApiToken]:
    """The tokens acting as `user`, with their status now: theirs to see and revoke."""
    return _with_status(ApiToken.objects.filter(user=user))


def api_token_get_own(*, user, token_id) -> ApiToken:
    """One of `user`'s own tokens; anyone else's answers 404."""
    return get_object_or_404(
        ApiToken.objects.select_related("user", "board", "issued_by"), pk=token_id, user=user
    )


def api_token_list_for_board(*, actor, board) -> list[ApiToken]:
    """The tokens issued for `board`'s systems (a board already visible to `actor`)."""
    permissions.require(actor, "api_tokens.manage", board)
    return _with_status(ApiToken.objects.filter(board=board))


def api_token_get_of_board(*, actor, board, token_id) -> ApiToken:
    permissions.require(actor, "api_tokens.manage", board)
    return get_object_or_404(
        ApiToken.objects.select_related("user", "board", "issued_by"), pk=token_id, board=board
    )


def api_token_holders(*, board):
    """Who a token of `board` may act as: its members, each once."""
    return (
        get_user_model()
        .objects.filter(memberships__board=board, is_active=True)
        .distinct()
        .order_by("name", "email")
    )


def _with_status(tokens) -> list[ApiToken]:
    """Working tokens first, newest first; each with `status` set."""
    now = timezone.now()
    tokens = list(tokens.select_related("user", "board", "issued_by", "revoked_by"))
    for token in tokens:
        token.status = token.status_at(now)
    return sorted(tokens, key=lambda token: token.status != ApiToken.Status.ACTIVE)
