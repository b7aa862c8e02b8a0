"""What every signed-in request passes through: the idle time-out, the second factor and the
no-store header (docs/security.md).

A session signed in with a password alone reaches only the pages that finish signing in
(`permissions.BEFORE_SECOND_FACTOR`) and the public pages: everything else sends it to enter a
security code, or to set up an authenticator app first. The API answers such a session 403.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from core import permissions, selectors, services

LAST_SEEN = "last_seen"
SIGNED_IN_AT = "signed_in_at"
# The idle clock is written back at most this often: a session saved on every request would
# cost a write per page for no gain in precision that matters. Pages are told the exact time
# left (`seconds_left`), so the timeout warning follows the server's clock, not its own.
TOUCH_EVERY_SECONDS = 60
API_PREFIX = "/api/"


def keep_the_devices_language(request, user) -> None:
    """Someone who chose a language on this device before signing in, with none on their
    account yet, keeps it: their pages and e-mails are in it from now on, wherever they sign
    in. A language already on the account is theirs, and stays."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "") if request else ""
    if not user.language and chosen in dict(settings.LANGUAGES):
        services.language_choose(actor=user, language=chosen)


def mark_signed_in(session) -> None:
    session[SIGNED_IN_AT] = session[LAST_SEEN] = int(time.time())


def mark_active(session) -> None:
    session[LAST_SEEN] = int(time.time())


def seconds_left(session) -> int:
    """How long the session has before it ends: idle too long, or signed in too long ago."""
    now = time.time()
    idle_left = settings.SESSION_IDLE_TIMEOUT.total_seconds() - (
        now - session.get(LAST_SEEN, float("-inf"))
    )
    age_left = settings.SESSION_MAX_AGE.total_seconds() - (
        now - session.get(SIGNED_IN_AT, float("-inf"))
    )
    return max(0, int(min(idle_left, age_left)))


def _idle_for(session) -> float:
    return time.time() - session.get(LAST_SEEN, float("-inf"))


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _sign_in_after_idle(request):
    query = urlencode({"next": request.get_full_path(), "timed_out": "1"})
    return redirect(f"{reverse('login')}?{query}")


def second_factor_url(user, next_path: str) -> str:
    name = "mfa_verify" if selectors.has_authenticator(user) else "mfa_setup"
    return f"{reverse(name)}?{urlencode({'next': next_path})}"


class SessionSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # After the view: for the API, DRF has put the token's user on the request by now.
        if _signed_in(request):
            # Signed-in pages hold case data: no copy in the browser's or a proxy's cache.
            add_never_cache_headers(response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        name = request.resolver_match.view_name
        if not _signed_in(request) or name in permissions.PUBLIC_URLS:
            return None
        if seconds_left(request.session) <= 0:
            logout(request)
            return _sign_in_after_idle(request)
        if not request.user.is_verified() and name not in permissions.BEFORE_SECOND_FACTOR:
            if name.startswith("api:"):
                return JsonResponse(
                    {"detail": "Enter a security code from your authenticator app first."},
                    status=403,
                )
            return redirect(second_factor_url(request.user, request.get_full_path()))
        # Asking how long is left (the timeout warning of another tab) is not activity.
        asking = name == "session_keep_alive" and request.method == "GET"
        if not asking and _idle_for(request.session) > TOUCH_EVERY_SECONDS:
            mark_active(request.session)
        return None


class LanguageMiddleware:
    """English or Welsh for each request: the signed-in person's own choice (User.language),
    else the language switcher's cookie, else English. Not the browser's Accept-Language: a
    service in Wales offers Welsh, it does not guess it (the switcher is on every page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        user = getattr(request, "user", None)
        chosen = getattr(user, "language", "") if user is not None else ""
        if not chosen:
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        if request.path.startswith(API_PREFIX):
            # The JSON API is a contract between systems (API.md): its words and values stay
            # as documented, in English, whoever's token calls it.
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        # The same address reads in either language, by the cookie: no cache may mix them.
        patch_vary_headers(response, ["Cookie"])
        translation.deactivate()
        return response
