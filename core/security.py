"""How django-axes names who is signing in and from where (docs/security.md)."""

from django.conf import settings

from core.models import normalise_email


def username_of_attempt(request, credentials=None) -> str:
    """The account a sign-in is for, spelt as the service stores it: one failure counter per
    account, whatever the case or spaces typed."""
    username_field = settings.AXES_USERNAME_FORM_FIELD
    typed = (credentials or {}).get(username_field)
    if typed is None and request is not None:
        typed = request.POST.get(username_field)
    return normalise_email(typed or "")


def client_address(request) -> str:
    """The address a request came from. Behind the TLS proxy (SECURE_PROXY_SSL) that is the
    last entry of X-Forwarded-For, the one the proxy appended; entries before it are whatever
    the client sent and are not trusted. Without the proxy, the connection's own address."""
    remote = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return remote
