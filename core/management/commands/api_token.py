from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import dateformat

from core import services
from core.models import normalise_email


class Command(BaseCommand):
    help = (
        "Print a new API token for the user with this e-mail address: the operator's tool on "
        "the server. The token has all the user's roles; boards issue theirs on API access."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--purpose",
            default="Printed on the server (manage.py api_token)",
            help="What the token is for, as its holder's Sign-in security page lists it.",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=settings.API_TOKEN_LIFETIME_DAYS,
            help=f"How many days it works (at most {settings.API_TOKEN_LIFETIME_DAYS}).",
        )

    def handle(self, *args, email, purpose, days, **options):
        user = get_user_model().objects.filter(email=normalise_email(email)).first()
        if user is None:
            raise CommandError(f"No user has the e-mail address {email}.")
        if not user.is_active:
            raise CommandError(f"The account {email} is disabled.")
        try:
            token, key = services.api_token_issue_on_server(
                holder=user, purpose=purpose, lifetime_days=days
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        # The key alone on stdout, for scripts; the rest for the person at the terminal.
        self.stdout.write(key)
        self.stderr.write(
            f"Works until {dateformat.format(token.expires_at, 'j F Y')} with every role of "
            f"{user.email}. Shown once: only its fingerprint is kept. The holder can revoke it "
            "on their Sign-in security page."
        )
