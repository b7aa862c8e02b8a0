"""Links that e-mails carry to people who must set a password."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def set_password_url(user) -> str:
    """A one-use link (valid PASSWORD_RESET_TIMEOUT) to set the user's password."""
    return settings.SITE_URL + reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def sign_in_url() -> str:
    return settings.SITE_URL + reverse("login")


def password_reset_url() -> str:
    return settings.SITE_URL + reverse("password_reset")
