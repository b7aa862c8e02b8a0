from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from core.models import normalise_email


class Command(BaseCommand):
    help = "Print the API token of the user with this e-mail address, creating it if needed."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        user = get_user_model().objects.filter(email=normalise_email(email)).first()
        if user is None:
            raise CommandError(f"No user has the e-mail address {email}.")
        if not user.is_active:
            raise CommandError(f"The account {email} is disabled.")
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
