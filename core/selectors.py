import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import Heartbeat


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
    return StaticToken.objects.filter(device__user=user).count()
