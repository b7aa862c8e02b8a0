"""What e-mails share: the language they are written in, and the links they carry to people
who must set a password."""

import contextlib

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def language_of(user, board=None) -> str:
    """The language an e-mail to this person is written in: their own choice, else the
    board's the e-mail is about, else English."""
    languages = dict(settings.LANGUAGES)
    for chosen in (getattr(user, "language", ""), getattr(board, "language", "")):
        if chosen in languages:
            return chosen
    return settings.LANGUAGE_CODE


def in_language_of(user, board=None) -> contextlib.AbstractContextManager:
    """Write the e-mail (subject and body) inside this: `with in_language_of(user, board):`."""
    return translation.override(language_of(user, board))


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
