"""What every app shares: the user, the base model of case records, the heartbeat, the
second factor's recovery codes and the API's tokens."""

import base64
import functools
import hashlib
import secrets
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from simple_history.models import HistoricalRecords


def normalise_email(email: str) -> str:
    # One spelling per address: people type their e-mail in any case.
    return (email or "").strip().lower()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        return self.get(email=normalise_email(email))

    def create_user(self, email, name, password=None, **extra):
        user = self.model(email=normalise_email(email), name=name, **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, name, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, name, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their e-mail address.

    A superuser is a platform admin (API.md): they create boards and their first members.
    Everything else comes from memberships of boards.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField("email address", unique=True)
    name = models.CharField("full name", max_length=200)
    # English or Welsh (settings.LANGUAGES): the pages and the e-mails the person gets. Blank:
    # the language switcher's choice on the device, else English. A default in the database
    # too: processes of the release before still add users while this one migrates.
    language = models.CharField(max_length=10, blank=True, default="", db_default="")
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="Can sign in to the Django admin site.")
    is_accreditation_staff = models.BooleanField(
        default=False,
        help_text="Runs reviewer cohorts; may supervise reviews and quality-assure findings.",
    )
    reminder_digest = models.BooleanField(
        "daily digest of reminders",
        default=False,
        help_text="One e-mail a day listing the day's reminders, instead of one e-mail each.",
    )
    date_joined = models.DateTimeField(default=timezone.now)
    # Raised to end every session of the user at once (a membership removed): the session's
    # hash includes it, so sessions signed with the old value no longer match.
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        ordering = ["name", "email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self):
        return self.name or self.email

    def clean(self):
        super().clean()
        self.email = normalise_email(self.email)

    @property
    def is_platform_admin(self) -> bool:
        return self.is_active and self.is_superuser

    def _get_session_auth_hash(self, secret=None):
        # Django checks this hash on every request: it changes with the password (Django's
        # own rule) and with `session_generation` (ours).
        key_salt = "core.User.session_auth_hash"
        value = f"{self.password}:{self.session_generation}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()


@functools.cache
def _choice_labels(field) -> dict:
    return dict(make_hashable(field.flatchoices))


class ChoiceLabels(models.Model):
    """`get_FOO_display()` from the field's labels gathered once.

    Django gathers a field's choices into a dict on every call, hashing each lazily translated
    label (which translates it): about 100 microseconds a call for a field of ten choices, a
    few milliseconds a page of lists (bench/README.md, load). The labels stay lazy, so each
    call still gives them in the language of the request."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        label = _choice_labels(field).get(make_hashable(value), value)
        return force_str(label, strings_only=True)


class BaseModel(ChoiceLabels):
    """Base of every case record: an opaque id, timestamps and a full change history.

    History rows say who changed what and when, with the whole record before and after
    (django-simple-history). Services name the actor with `core.history.acting_as`.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


class CurrentRecords(models.Manager):
    """Records that have not been withdrawn: what every list, count, check and report reads.

    The default manager of a withdrawable model, so that reverse relations
    (`review.chronology`) and many-to-many links leave withdrawn records out too. Following a
    foreign key to a withdrawn record still finds it (Django's base manager), so a
    conversation still names the practitioner who was withdrawn from the case group.
    """

    def get_queryset(self):
        return super().get_queryset().filter(withdrawn_at__isnull=True)


class AllRecords(models.Manager):
    """Every record, withdrawn ones included: for histories, checks of every name ever
    recorded, retention and the lists of what was withdrawn."""


class Withdrawable(models.Model):
    """A record that is withdrawn with a reason, never deleted (docs/architecture.md,
    "Correcting and withdrawing"): it leaves lists and checks that read what is current, and
    stays in the history and the audit. `all_objects` reads withdrawn records too."""

    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    withdrawal_reason = models.TextField(blank=True, editable=False)

    objects = CurrentRecords()
    all_objects = AllRecords()

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Heartbeat(models.Model):
    """The last run of a periodic task, so that a stopped worker or beat shows."""

    name = models.CharField(max_length=100, unique=True)
    last_run_at = models.DateTimeField()
    runs = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return self.name


# Recovery codes are look-up secrets (OWASP ASVS 2.6): 8 base32 characters, 40 bits each. That is
# too little for a fast hash (a stolen database would give them up in minutes), so each is kept
# as a scrypt digest, memory-hard, with a random salt per set of codes: the code typed is hashed
# once per try and compared with every code of the set (docs/security.md says why).
RECOVERY_CODE_SCRYPT_MAXMEM = 64 * 1024 * 1024


def recovery_code_digest(code: str, *, salt: str, n: int, r: int = 8, p: int = 1) -> str:
    """`scrypt$n$r$p$salt$digest`: the parameters travel with the digest, so a set made under
    other parameters (older, or the tests' cheaper ones) still verifies."""
    digest = hashlib.scrypt(
        code.encode(), salt=salt.encode(), n=n, r=r, p=p, maxmem=RECOVERY_CODE_SCRYPT_MAXMEM
    )
    return f"scrypt${n}${r}${p}${salt}${digest.hex()}"


class RecoveryCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """A person's single-use recovery codes, as a django-otp device so that wrong codes are
    throttled like wrong app codes. The codes themselves are kept only as digests."""

    def get_throttle_factor(self):
        return 1  # django-otp's own: 1, 2, 4, 8... seconds after each wrong code

    def add_codes(self, count: int) -> list[str]:
        """Make `count` new codes (returned once, to be shown once) and keep their digests."""
        codes = [base64.b32encode(secrets.token_bytes(5)).decode().lower() for _ in range(count)]
        salt = secrets.token_hex(16)
        n = settings.MFA_RECOVERY_CODE_WORK_FACTOR
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=self, digest=recovery_code_digest(code, salt=salt, n=n))
            for code in codes
        )
        return codes

    def verify_token(self, token) -> bool:
        """Use up the code `token` if it is one of this device's. Called by django-otp's
        `verify_token`, which holds this device's row locked: a code works once, even when
        typed in two places at the same moment."""
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        match = _matching_code(list(self.codes.all()), token)
        if match is not None and RecoveryCode.objects.filter(pk=match.pk).delete()[0]:
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
            return True
        self.throttle_increment()
        return False


def _matching_code(codes, typed: str):
    """The code whose digest is that of `typed`, compared with every code in constant time:
    neither the time taken nor an early exit says which code, or how many, nearly matched."""
    hashed: dict[str, str] = {}  # the typed code's digest, per salt and parameters
    match = None
    for code in codes:
        _, n, r, p, salt, _ = code.digest.split("$")
        key = f"{n}${r}${p}${salt}"
        if key not in hashed:
            hashed[key] = recovery_code_digest(typed, salt=salt, n=int(n), r=int(r), p=int(p))
        if constant_time_compare(hashed[key], code.digest) and match is None:
            match = code
    return match


class RecoveryCode(models.Model):
    """One unused recovery code, as its digest. Using a code deletes it."""

    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=255)

    def __str__(self):
        return f"Recovery code of {self.device.user_id}"


class ApiToken(models.Model):
    """A key another system sends as `Authorization: Token <key>` to act as `user` (API.md).

    Only the key's SHA-256 digest is kept (a key is 256 random bits: no slow hash needed); the
    key is shown once, when issued. A token works until it expires, is revoked, its holder is
    disabled, or the holder's sessions would end: `auth_hash` is the holder's session hash when
    it was issued, which changes with their password and when a role is removed. A token issued
    for a board opens that board only (`core.permissions.confine_to_board`).
    """

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        EXPIRED = "expired", "Expired"
        REVOKED = "revoked", "Revoked"
        # The holder's password changed, a role was removed, or the account was disabled.
        ENDED = "ended", "Ended"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    # Tokens of a board are listed and revoked on its "API access" page. (core reads boards'
    # memberships already, in permissions.py; the board is what a token is confined to.)
    board = models.ForeignKey(
        "boards.Board", on_delete=models.CASCADE, null=True, blank=True, related_name="api_tokens"
    )
    purpose = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    auth_hash = models.CharField(max_length=128, editable=False)
    # None: printed on the server by its operator (manage.py api_token).
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self):
        return self.purpose

    @staticmethod
    def digest_of(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def make(cls, *, user, purpose: str, expires_at, board=None, issued_by=None, issued_at=None):
        """A new token and its key: the key is returned once and never kept."""
        key = secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            board=board,
            purpose=purpose,
            digest=cls.digest_of(key),
            auth_hash=user.get_session_auth_hash(),
            issued_by=issued_by,
            issued_at=issued_at or timezone.now(),
            expires_at=expires_at,
        )
        return token, key

    def holder_hash_matches(self) -> str | None:
        """Which of the holder's session hashes this token was issued under: "current", or
        "fallback" (SECRET_KEY was rotated, the old key is in SECRET_KEY_FALLBACKS), or None
        when the holder's password or roles changed since."""
        if constant_time_compare(self.auth_hash, self.user.get_session_auth_hash()):
            return "current"
        for fallback in self.user.get_session_auth_fallback_hash():
            if constant_time_compare(self.auth_hash, fallback):
                return "fallback"
        return None

    def status_at(self, now) -> "ApiToken.Status":
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.expires_at <= now:
            return self.Status.EXPIRED
        if not self.user.is_active or self.holder_hash_matches() is None:
            return self.Status.ENDED
        return self.Status.ACTIVE
