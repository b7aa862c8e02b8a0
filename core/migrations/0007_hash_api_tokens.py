"""API tokens were DRF's authtoken Tokens: kept in clear, never expiring, surviving a password
reset. Each moves to a core.ApiToken kept as the SHA-256 digest of its key, so the systems using
one keep working, until API_TOKEN_LIFETIME_DAYS after this upgrade, or sooner if its holder's
password or roles change (docs/security.md). The clear keys are deleted.

The holder's session hash is written out here as `core.User._get_session_auth_hash` made it
when this migration was written: a migration must do tomorrow what it does today.
"""

import datetime as dt
import hashlib

from django.conf import settings
from django.db import migrations
from django.utils import timezone
from django.utils.crypto import salted_hmac


def _session_hash(user) -> str:
    value = f"{user.password}:{user.session_generation}"
    return salted_hmac("core.User.session_auth_hash", value, algorithm="sha256").hexdigest()


def hash_api_tokens(apps, schema_editor):
    Token = apps.get_model("authtoken", "Token")
    ApiToken = apps.get_model("core", "ApiToken")
    expires_at = timezone.now() + dt.timedelta(
        days=getattr(settings, "API_TOKEN_LIFETIME_DAYS", 90)
    )
    for old in Token.objects.select_related("user").order_by("created"):
        ApiToken.objects.create(
            user=old.user,
            purpose="Printed before tokens expired (manage.py api_token)",
            digest=hashlib.sha256(old.key.encode()).hexdigest(),
            auth_hash=_session_hash(old.user),
            issued_at=old.created,
            expires_at=expires_at,
        )
    Token.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_hash_recovery_codes"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [
        # Going back cannot bring the keys back in clear: systems then need new tokens.
        migrations.RunPython(hash_api_tokens, migrations.RunPython.noop),
    ]
