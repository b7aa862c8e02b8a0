"""Recovery codes were django-otp's StaticTokens, kept in clear. Each set moves to a
RecoveryCodeDevice with each code as its scrypt digest, and the clear codes are deleted: the same
codes keep working, and none is left in clear (OWASP ASVS 2.6.2; docs/security.md).

The digest is written out here rather than imported: a migration must do tomorrow what it does
today. Its format is the one `core.models.recovery_code_digest` reads. It costs one scrypt per
code (about 50 ms): docs/runbook.md says how long an upgrade takes.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import migrations


def _digest(code: str, *, salt: str, n: int, r: int = 8, p: int = 1) -> str:
    digest = hashlib.scrypt(
        code.encode(), salt=salt.encode(), n=n, r=r, p=p, maxmem=64 * 1024 * 1024
    )
    return f"scrypt${n}${r}${p}${salt}${digest.hex()}"


def hash_recovery_codes(apps, schema_editor):
    StaticDevice = apps.get_model("otp_static", "StaticDevice")
    RecoveryCodeDevice = apps.get_model("core", "RecoveryCodeDevice")
    RecoveryCode = apps.get_model("core", "RecoveryCode")
    n = getattr(settings, "MFA_RECOVERY_CODE_WORK_FACTOR", 2**14)
    for old in StaticDevice.objects.order_by("pk"):
        new = RecoveryCodeDevice.objects.create(
            user_id=old.user_id,
            name=old.name,
            confirmed=old.confirmed,
            throttling_failure_timestamp=old.throttling_failure_timestamp,
            throttling_failure_count=old.throttling_failure_count,
            last_used_at=old.last_used_at,
        )
        # (created_at is set on creation; keep the set's own date.)
        RecoveryCodeDevice.objects.filter(pk=new.pk).update(created_at=old.created_at)
        salt = secrets.token_hex(16)
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=new, digest=_digest(token.token.lower(), salt=salt, n=n))
            for token in old.token_set.all()
        )
        old.delete()  # its codes with it


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_recovery_codes_and_api_tokens"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [
        # Going back cannot bring the codes back in clear: people then make new ones.
        migrations.RunPython(hash_recovery_codes, migrations.RunPython.noop),
    ]
