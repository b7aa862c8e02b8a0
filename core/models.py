"""What every app shares: the user, the base model of case records, the heartbeat."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
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


class BaseModel(models.Model):
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
