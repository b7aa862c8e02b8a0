import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import emails, permissions
from core.models import ApiToken, Heartbeat, RecoveryCodeDevice, User


def heartbeat_record(*, name: str) -> None:
    with transaction.atomic():
        now = timezone.now()
        updated = Heartbeat.objects.filter(name=name).update(last_run_at=now, runs=F("runs") + 1)
        if not updated:
            Heartbeat.objects.get_or_create(name=name, defaults={"last_run_at": now, "runs": 1})


def sessions_end(*, user) -> None:
    """End every session of `user` at once: their next request finds itself signed out.

    Called when a membership is removed (boards/apps.py); a disabled user is signed out by
    Django itself (an inactive user is no longer loaded from a session).
    """
    ended = User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    if ended:  # (not when the user itself was deleted)
        user.refresh_from_db(fields=["session_generation"])


# The second factor (docs/security.md): an authenticator app (TOTP) and single-use recovery
# codes, both django-otp devices.
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"
_APP_CODE = re.compile(r"\d{6}")

# What a code is asked for (`second_factor_check`), and how the security notice says that a
# recovery code was used for it.
SIGN_IN = "sign_in"
NEW_RECOVERY_CODES = "new_recovery_codes"
NEW_AUTHENTICATOR = "new_authenticator"
_RECOVERY_CODE_USED = {
    SIGN_IN: gettext_lazy("one of your recovery codes was used to sign in"),
    NEW_RECOVERY_CODES: gettext_lazy(
        "one of your recovery codes was used before making new recovery codes"
    ),
    NEW_AUTHENTICATOR: gettext_lazy(
        "one of your recovery codes was used before setting up a new authenticator app"
    ),
}


def authenticator_start(*, user, device_id=None) -> TOTPDevice:
    """The authenticator being set up in this session: `device_id` (kept in the session) while
    it is still unconfirmed, else a new one with a new key. Each set-up has its own key, so a
    key seen in another session is worth nothing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, pk=device_id).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def authenticator_confirm(*, user, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the new authenticator with a code it shows, retire any other, and give the user
    a fresh set of recovery codes (returned once, to be shown once)."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        confirmed = device.verify_token(_normalise(code))
        if confirmed:
            replaced = TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()[0]
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = _recovery_codes_make(user=user)
            security_notice(
                user=user,
                change=gettext_lazy(
                    "an authenticator app was set up for your account, with new recovery codes: "
                    "the authenticator you had before no longer works"
                )
                if replaced
                else gettext_lazy(
                    "an authenticator app was set up for your account, with new recovery codes"
                ),
            )
    # Raised outside the transaction, so that the throttle's count of the failure is kept.
    if not confirmed:
        raise ValidationError({"otp_token": _wrong_code_message(device)})
    return codes


def recovery_codes_replace(*, user, code: str) -> list[str]:
    """New recovery codes for `user`, who proves it is them with a current `code` (from the
    app, or a recovery code); the old codes stop working. A wrong code changes nothing."""
    second_factor_check(user=user, code=code, purpose=NEW_RECOVERY_CODES)
    codes = _recovery_codes_make(user=user)
    security_notice(
        user=user,
        change=gettext_lazy("new recovery codes were made: the old ones no longer work"),
    )
    return codes


def _recovery_codes_make(*, user) -> list[str]:
    with transaction.atomic():
        device, _ = RecoveryCodeDevice.objects.get_or_create(
            user=user, name=RECOVERY_CODES_NAME, defaults={"confirmed": True}
        )
        device.codes.all().delete()
        return device.add_codes(settings.MFA_RECOVERY_CODES)


def second_factor_check(*, user, code: str, purpose: str = SIGN_IN):
    """The device that accepts `code`: a six-digit code from the authenticator app, or a
    recovery code, which is then used up. Wrong codes slow the next tries (django-otp).
    `purpose`: SIGN_IN, NEW_RECOVERY_CODES or NEW_AUTHENTICATOR, for the security notice.

    Asked when signing in, and again before the sign-in security changes (a new
    authenticator, new recovery codes): an unattended session is not enough for that.
    Call it outside a transaction that a failure would roll back, or the throttle forgets it.
    """
    code = _normalise(code)
    devices = (
        TOTPDevice.objects.devices_for_user(user, confirmed=True)
        if _APP_CODE.fullmatch(code)
        else RecoveryCodeDevice.objects.devices_for_user(user, confirmed=True)
    )
    device = None
    for device in devices:
        verified = verify_token(user, device.persistent_id, code)
        if verified is not None:
            if isinstance(verified, RecoveryCodeDevice):
                security_notice(user=user, change=_RECOVERY_CODE_USED[purpose])
            return verified
    raise ValidationError({"otp_token": _wrong_code_message(device)})


def _normalise(code: str) -> str:
    # People copy codes with spaces ("123 456") or type recovery codes in capitals.
    return re.sub(r"[\s-]", "", code or "").lower()


def _wrong_code_message(device) -> str:
    if device is not None:
        device.refresh_from_db()
        allowed, details = device.verify_is_allowed()
        # A wrong code or two slows the next try by a second or so: say so only once it is
        # long enough to notice.
        if not allowed and details.get("failure_count", 0) >= 3:
            wait = max(1, int((details["locked_until"] - timezone.now()).total_seconds()))
            return ngettext(
                "You have entered too many wrong codes. Wait %(wait)s second, then enter the "
                "code your authenticator app shows",
                "You have entered too many wrong codes. Wait %(wait)s seconds, then enter the "
                "code your authenticator app shows",
                wait,
            ) % {"wait": wait}
    return _(
        "The security code is not right. Enter the 6-digit code your authenticator app "
        "shows now, or one of your recovery codes"
    )


def security_notice(*, user, change: str) -> None:
    """Tell the person by e-mail that their sign-in security changed, so that a change they
    did not make (a stolen password and an unattended session) does not go unseen.

    Written in the person's language: `change` is translated when the e-mail is (a lazy
    string, or one already written in their language)."""
    with emails.in_language_of(user):
        subject = _("Your sign-in security changed")
        body = render_to_string(
            "registration/security_notice_email.txt",
            {
                "user": user,
                "change": change,
                "reset_url": emails.password_reset_url(),
            },
        )
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email], fail_silently=True))


# API tokens (docs/security.md): issued for a system by a platform admin or a board's business
# manager, acting as a member of that board on that board only (boards.services.api_token_issue);
# or printed on the server by its operator (manage.py api_token). Never by a person for
# themselves.
API_TOKEN_PURPOSE_MAX = ApiToken._meta.get_field("purpose").max_length


def api_token_issue_on_server(*, holder, purpose: str, lifetime_days: int | None = None):
    """The operator's tool on the server (manage.py api_token): a token with all the holder's
    roles. Returns the token and its key."""
    lifetime_days = lifetime_days or settings.API_TOKEN_LIFETIME_DAYS
    errors = api_token_errors(purpose=purpose, lifetime_days=lifetime_days)
    if not holder.is_active:
        errors["holder"] = _("This account is disabled")
    if errors:
        raise ValidationError(errors)
    return api_token_create(holder=holder, purpose=purpose, lifetime_days=lifetime_days)


def api_token_create(*, holder, purpose: str, lifetime_days: int, board=None, issued_by=None):
    """Make the token, checked by the caller (`api_token_errors` and its own rules), and tell
    its holder. Returns the token and its key."""
    with transaction.atomic():
        now = timezone.now()
        token, key = ApiToken.make(
            user=holder,
            board=board,
            purpose=purpose.strip(),
            issued_by=issued_by,
            issued_at=now,
            expires_at=now + dt.timedelta(days=lifetime_days),
        )
        _api_token_notice(token=token)
    return token, key


def api_token_errors(*, purpose: str, lifetime_days: int) -> dict:
    errors = {}
    purpose = (purpose or "").strip()
    if not purpose:
        errors["purpose"] = _("Enter what the token is for")
    elif len(purpose) > API_TOKEN_PURPOSE_MAX:
        errors["purpose"] = _("Enter no more than %(limit)s characters") % {
            "limit": API_TOKEN_PURPOSE_MAX
        }
    longest = settings.API_TOKEN_LIFETIME_DAYS
    if not 1 <= lifetime_days <= longest:
        errors["lifetime_days"] = _("Enter a number of days from 1 to %(longest)s") % {
            "longest": longest
        }
    return errors


def _api_token_notice(*, token) -> None:
    with emails.in_language_of(token.user):
        names = {
            "purpose": token.purpose,
            "issuer": token.issued_by.name if token.issued_by else _("the service's operator"),
            "date": dateformat.format(token.expires_at, "j F Y"),
        }
        if token.board:
            change = _(
                'an API token "%(purpose)s" was issued for your account for %(board)s by '
                "%(issuer)s, working until %(date)s. A system using it acts as you: you can see "
                "and revoke it on the Sign-in security page"
            ) % {**names, "board": token.board.name}
        else:
            change = (
                _(
                    'an API token "%(purpose)s" was issued for your account by %(issuer)s, '
                    "working until %(date)s. A system using it acts as you: you can see and "
                    "revoke it on the Sign-in security page"
                )
                % names
            )
    security_notice(user=token.user, change=change)


def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """End `token` at once: by its holder, by whoever may manage the tokens of its board, or
    by a platform admin (the Django admin, for a token printed on the server)."""
    if token.user_id != actor.pk and not permissions.can(actor, "api_tokens.manage", token.board):
        raise PermissionDenied
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=actor
    )
    token.refresh_from_db()
    return token


def language_choose(*, actor, language: str) -> str:
    """The person's language for pages and e-mails (settings.LANGUAGES); kept on their account
    when they are signed in. Returns the language chosen."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose English or Cymraeg")})
    if actor is not None and actor.is_authenticated and actor.language != language:
        User.objects.filter(pk=actor.pk).update(language=language)
        actor.language = language
    return language
