"""Settings for Manage safeguarding case reviews, read from the environment (django-environ).

Local defaults need nothing installed: SQLite in `var/`, Celery over kombu's filesystem
transport, e-mail on the console. Production sets DATABASE_URL, REDIS_URL, SECRET_KEY and
EMAIL_URL; with DEBUG off (the default) it refuses to start without SECRET_KEY.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django_guid.integrations import CeleryIntegration
from pythonjsonlogger.core import RESERVED_ATTRS

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A local `.env` (written by `make install`: DEBUG=true) fills in what the environment lacks.
# DOTENV names another file, or "none" to read none.
DOTENV = env("DOTENV", default=str(BASE_DIR / ".env"))
if DOTENV != "none" and Path(DOTENV).is_file():
    environ.Env.read_env(DOTENV)

# Safe unless told otherwise: DEBUG is off by default, and with DEBUG off the service runs in
# production mode (secure cookies, hashed static files) and refuses to start without a
# SECRET_KEY. Local development says DEBUG=true: `make` writes it to a local `.env`.
DEBUG = env.bool("DEBUG", default=False)
# DJANGO_ENV=test (config/settings_test.py) keeps the tests out of production mode.
PRODUCTION = not DEBUG and env("DJANGO_ENV", default="production") == "production"
# Demo accounts with printed passwords exist only where DEBUG is on (seed_demo refuses otherwise).

SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in production. For local development set DEBUG=true "
            "(`make install` writes it to .env)."
        )
    SECRET_KEY = "local-development-only-not-secret"  # noqa: S105 - never used in production

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    # Its table held the API keys in clear before core.ApiToken; core's migration 0008 moves
    # them over, hashed. Remove it (and otp_static) once every installation has migrated.
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "crispy_forms",
    "crispy_forms_gds",
    "simple_history",
    "rules",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_guid",
    "core",
    "boards",
    "home",
    "deadlines",
    "reviews",
    "bank",
    "sharing",
    "accreditation",
    "publication",
    "quality",
    "insight",
    "reminders",
    "audit",
    "retention",
]

MIDDLEWARE = [
    # First, so that every log line of the request carries its id (X-Request-ID, see LOGGING).
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise, so that static files carry the CSP and X-Frame-Options too.
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the request: control characters answer 400, a body past
    # DATA_UPLOAD_MAX_MEMORY_SIZE 413 (core/request_guard.py); the GOV.UK 404 with DEBUG on too.
    "core.request_guard.BadInputMiddleware",
    "core.request_guard.NotFoundPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # The person's language once they are known: their own choice, else the switcher's cookie.
    "core.middleware.LanguageMiddleware",
    # After the user is known: idle time-out, the second factor, no-store on signed-in pages.
    "core.middleware.SessionSecurityMiddleware",
    "core.request_log.UserIdMiddleware",
    # Who looked at which case: an access event after each successful GET of a case page.
    "audit.middleware.AccessEventMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After a form is sent, the navigation counts the sender's work afresh (home/work.py).
    "home.middleware.FreshWorkCountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # django-axes asks to be last: it turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.service",
                "core.context_processors.session_timeout",
                "home.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # In `make run` the web server and the worker write to one SQLite file: each transaction
    # takes the write lock when it starts and waits for it, instead of failing with "database
    # is locked" when a read turns into a write; WAL lets readers go on meanwhile.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    # Each web worker keeps its connection between requests (unless DATABASE_URL says
    # `?conn_max_age=`): a new PostgreSQL connection costs its server process more CPU than a
    # whole page's statements (about 25 ms a request, measured in bench/README.md, load).
    # Checked before reuse, so a restarted database does not fail the next request.
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
    # Statements bound on the server, so that psycopg prepares those a connection sends again
    # and again (five times): PostgreSQL then plans them once, not on every request (13 ms of
    # PostgreSQL's CPU a request became 4: bench/README.md, load). Off behind a pooler that
    # cannot keep prepared statements (PgBouncer in transaction mode, before 1.21).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "server_side_binding", env.bool("DATABASE_SERVER_SIDE_BINDING", default=True)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# A session is read from Redis, which every process shares, and written to both: one query fewer
# on every signed-in request (bench/README.md, load). Never from a process's own memory: a
# session ended in one process would live on in another's.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

AUTH_USER_MODEL = "core.User"
# django-axes first: it refuses a locked-out account or address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # invitation links stay valid for three days

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# English and Welsh (Welsh Language Standards): each person's language is theirs to choose
# (core.middleware.LanguageMiddleware); locale/cy/LC_MESSAGES/django.po holds the Welsh.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=PRODUCTION)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# E-mail: the console locally; EMAIL_URL=filemail:///path writes files, smtp://... sends.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# A mail server that hangs must not hold a delivery batch (and its row locks) for ever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Manage safeguarding case reviews <no-reply@localhost>"
)
# GOV.UK Notify instead, when its API key is set (core/notify.py): one Notify template whose
# subject is ((subject)) and body ((body)); the sender and reply-to address are the service's.
GOVUK_NOTIFY_API_KEY = env("GOVUK_NOTIFY_API_KEY", default="")
GOVUK_NOTIFY_TEMPLATE_ID = env("GOVUK_NOTIFY_TEMPLATE_ID", default="")
GOVUK_NOTIFY_REPLY_TO_ID = env("GOVUK_NOTIFY_REPLY_TO_ID", default="")
GOVUK_NOTIFY_BASE_URL = env(
    "GOVUK_NOTIFY_BASE_URL", default="https://api.notifications.service.gov.uk"
)
if GOVUK_NOTIFY_API_KEY:
    if not GOVUK_NOTIFY_TEMPLATE_ID:
        raise ImproperlyConfigured(
            "GOVUK_NOTIFY_API_KEY is set: set GOVUK_NOTIFY_TEMPLATE_ID to the Notify template "
            "whose subject is ((subject)) and body ((body))"
        )
    EMAIL_BACKEND = "core.notify.NotifyEmailBackend"

# Security (docs/security.md). Cookies only over HTTPS in production, HTTP sent to HTTPS, HSTS.
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
# Behind a TLS-terminating proxy that says so (set where the proxy strips the header).
if env.bool("SECURE_PROXY_SSL", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=63072000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Signed-in sessions end after this long without a request; a warning shows before (GOV.UK
# timeout warning) with a choice to stay signed in. The stored session lasts a little longer, so
# that the time-out is the middleware's, which says why the user must sign in again.
SESSION_IDLE_TIMEOUT = timedelta(minutes=env.int("SESSION_IDLE_MINUTES", default=30))
SESSION_TIMEOUT_WARNING = timedelta(minutes=2)
SESSION_COOKIE_AGE = int(SESSION_IDLE_TIMEOUT.total_seconds()) + 5 * 60
# However active, a session ends this long after signing in (ASVS 3.3.2).
SESSION_MAX_AGE = timedelta(hours=env.int("SESSION_MAX_HOURS", default=12))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# A strict Content Security Policy (django-csp): our own scripts and styles only, no inline
# script or style, no plug-ins, no <base>, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}

# Second factor (django-otp): every account signs in with an authenticator app (TOTP), or one of
# its single-use recovery codes. Wrong codes slow further tries (the throttle doubles each time).
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Manage safeguarding case reviews")
# The admin (where a platform admin removes a lost authenticator) never shows a key.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
MFA_RECOVERY_CODES = 10
# scrypt's N for the recovery codes' digests (r=8, p=1: 16 MiB, about 50 ms a code on one core):
# one hash per code typed, ten to make a set (docs/security.md).
MFA_RECOVERY_CODE_WORK_FACTOR = 2**14

# Lockout (django-axes): after this many failed sign-ins for one account, or from one address,
# sign-in is refused for the cool-off period, with a page that says so.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A success must not wipe the failures counted against another account from the same address
# (axes would reset by username *or* address): failures simply age out after the cool-off.
AXES_RESET_ON_SUCCESS = False
# One counter per account, however the e-mail address is typed (MEMBER@ is member@).
AXES_USERNAME_CALLABLE = "core.security.username_of_attempt"
# Behind the TLS proxy every request comes from the proxy: the client's address is the last one
# the proxy appended to X-Forwarded-For.
AXES_CLIENT_IP_CALLABLE = "core.security.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
# Only failures are recorded, not every successful sign-in.
AXES_DISABLE_ACCESS_LOG = True

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# API tokens (core.ApiToken) work for at most this many days; whoever issues one may choose
# fewer. A token also ends when its holder's password changes, a role of theirs is removed or
# their account is disabled (docs/security.md).
API_TOKEN_LIFETIME_DAYS = env.int("API_TOKEN_LIFETIME_DAYS", default=90)

REST_FRAMEWORK = {
    # JSON only: DRF's browsable pages would need inline styles the CSP refuses.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # `Authorization: Token <key>` (API.md), checked against core.ApiToken's digests.
        "core.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.RulesTablePermission"],
    # JSON bodies only (API.md), 415 for anything else; the one upload (an application's CV)
    # takes multipart on its own view.
    "DEFAULT_PARSER_CLASSES": ["core.api.JSONParser"],
    # DRF's page format, every list in a stable order (core.api.Pagination).
    "DEFAULT_PAGINATION_CLASS": "core.api.Pagination",
    "PAGE_SIZE": 50,
    # drf-spectacular's, with the errors of API.md declared on every operation.
    "DEFAULT_SCHEMA_CLASS": "core.api_schema.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    # No OPTIONS metadata: it would describe endpoints before the board scoping has run.
    "DEFAULT_METADATA_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Manage safeguarding case reviews API",
    "DESCRIPTION": "Boards, incidents, reviews and publication. Contract: API.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ReviewTypeEnum": "guidance.rulebooks.REVIEW_TYPE_CHOICES",
        "RenderingKindEnum": "publication.models.Rendering.Kind",
        "ReportStatusEnum": "publication.models.Report.Status",
        "DocumentKindEnum": "reviews.models.Document.Kind",
    },
}

# Celery: Redis when REDIS_URL is set, else kombu's filesystem transport in var/ so that
# `make run` needs no server. Results are not kept: tasks record what they did in the database.
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
CELERY_BROKER_FOLDER = VAR_DIR / "celery" / "broker"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {}
    if REDIS_URL
    else {
        "data_folder_in": str(CELERY_BROKER_FOLDER),
        "data_folder_out": str(CELERY_BROKER_FOLDER),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task cut off by a lost broker connection is redelivered rather than left running
# unacknowledged (Celery 6's default): every task here is safe to run twice.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# How long the navigation's count of someone's work is kept (home/work.py); 0 counts it on every
# page. The person's own changes show at once whatever it is.
WORK_COUNT_SECONDS = env.int("WORK_COUNT_SECONDS", default=60)
# How often the heartbeat runs, and how old its last run may be before the status page warns.
HEARTBEAT_INTERVAL_SECONDS = env.int("HEARTBEAT_INTERVAL_SECONDS", default=60)
# Reminders: a sweep every few minutes, delivery of the outbox every minute (retries too),
# a nightly re-plan (new role holders, escalations) and the daily digest.
REMINDER_SWEEP_SECONDS = env.int("REMINDER_SWEEP_SECONDS", default=300)
REMINDER_SEND_HOUR = env.int("REMINDER_SEND_HOUR", default=7)
REMINDER_MAX_ATTEMPTS = env.int("REMINDER_MAX_ATTEMPTS", default=6)
# An e-mail marked as being sent and not confirmed this long after was left by a worker that
# stopped mid-send: it is sent again (at most one double a crash). Far longer than a send can
# take (EMAIL_TIMEOUT a step), so that a slow mail server never makes a live send look lost.
EMAIL_IN_FLIGHT_SECONDS = env.int("EMAIL_IN_FLIGHT_SECONDS", default=600)
# Every board at a glance shows the "All boards" totals as counted every
# NATIONAL_FIGURES_SECONDS by the beat (adding up the country grows with it; the page does not).
NATIONAL_FIGURES_SECONDS = env.int("NATIONAL_FIGURES_SECONDS", default=600)
# PDF renderings (publication/jobs.py: reports, learning briefs, Word versions, annual reports).
# Each is cut off after RENDER_TIME_LIMIT_SECONDS (a soft limit a tenth earlier fails it with
# its reason). One still rendering, or still queued, after RENDER_ABANDONED_SECONDS was left by
# a worker that died or lost by the broker: a sweep every RENDER_SWEEP_SECONDS fails it and
# queues it again, up to RENDER_MAX_ATTEMPTS tries in all. The time limit must be well inside
# the abandoned time, so that a rendering taken up again can no longer be running anywhere.
RENDER_TIME_LIMIT_SECONDS = env.int("RENDER_TIME_LIMIT_SECONDS", default=300)
RENDER_ABANDONED_SECONDS = env.int("RENDER_ABANDONED_SECONDS", default=900)
RENDER_MAX_ATTEMPTS = env.int("RENDER_MAX_ATTEMPTS", default=3)
RENDER_SWEEP_SECONDS = env.int("RENDER_SWEEP_SECONDS", default=60)
if not 0 < 2 * RENDER_TIME_LIMIT_SECONDS <= RENDER_ABANDONED_SECONDS:
    # Half: room for the time between a task's start and its claim, and for the clocks of
    # the worker's and the sweeper's machines to differ.
    raise ImproperlyConfigured(
        "RENDER_TIME_LIMIT_SECONDS must be at most half of RENDER_ABANDONED_SECONDS"
    )
if RENDER_MAX_ATTEMPTS < 1:
    raise ImproperlyConfigured("RENDER_MAX_ATTEMPTS must be at least 1")
# Accreditation of lead reviewers (SCIE's lead reviewer programme). The seed facts give these
# numbers; not all were confirmed in a primary source (domain.md 1.7), so they are settings.
ACCREDITATION_TRAINING_DAYS = env.int("ACCREDITATION_TRAINING_DAYS", default=4)
ACCREDITATION_GROUP_SESSIONS_REQUIRED = env.int("ACCREDITATION_GROUP_SESSIONS_REQUIRED", default=4)
ACCREDITATION_NETWORK_MEETINGS_PER_YEAR = env.int(
    "ACCREDITATION_NETWORK_MEETINGS_PER_YEAR", default=3
)
ACCREDITATION_REVIEW_MONTHS = env.int("ACCREDITATION_REVIEW_MONTHS", default=12)
ACCREDITATION_FEE_PENCE = env.int("ACCREDITATION_FEE_PENCE", default=350_000)  # £3,500 + VAT
ACCREDITATION_VAT_PERCENT = env.int("ACCREDITATION_VAT_PERCENT", default=20)
# The largest request body read (form fields, and the API's JSON): well above the longest text
# a form takes (core/limits.py), so that an over-long paste reaches its form and is refused there
# with the text kept; past it the page says the limit (413). Files have their own limits.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("REQUEST_MAX_BYTES", default=10 * 1024 * 1024)
# CVs: PDF or Word only, at most this size, kept outside the web root.
CV_MAX_BYTES = env.int("CV_MAX_BYTES", default=5 * 1024 * 1024)
# A review's documents (agency reports, minutes, drafts...): PDF, Word, Excel, CSV, text or an
# image, checked by content, at most this size each (docs/runbook.md, "Limits on uploads").
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)
# A chronology to import (XLSX, CSV or DOCX): at most this size and this many rows. An XLSX is
# a zip: its rows are read one at a time (openpyxl read-only), never the whole sheet at once.
CHRONOLOGY_MAX_BYTES = env.int("CHRONOLOGY_MAX_BYTES", default=10 * 1024 * 1024)
CHRONOLOGY_MAX_ROWS = env.int("CHRONOLOGY_MAX_ROWS", default=20_000)
# A bulk import into the bank of completed reports (bank/imports): a ZIP of PDFs (each at most
# DOCUMENT_MAX_BYTES) at most this size, and a CSV of at most this many rows (docs/bank.md).
BANK_IMPORT_MAX_BYTES = env.int("BANK_IMPORT_MAX_BYTES", default=300 * 1024 * 1024)
BANK_IMPORT_MAX_ROWS = env.int("BANK_IMPORT_MAX_ROWS", default=2_000)
# No upload is read past this: the rest of a larger file is skipped as it arrives and the form
# says the limit (core.uploads.SizeLimitedUploadHandler), so a 100 MB upload fills no disk.
# The bank's bulk import is the one page that takes more (its view's `upload_limit_setting`).
FILE_UPLOAD_LIMIT = max(CV_MAX_BYTES, DOCUMENT_MAX_BYTES, CHRONOLOGY_MAX_BYTES)
FILE_UPLOAD_HANDLERS = ["core.uploads.SizeLimitedUploadHandler"]
# Private files (documents, CVs, PDFs; core/storage.py): a folder on local disk, or a private
# bucket of an S3-compatible store when PRIVATE_STORAGE_BUCKET is set (docs/deploy.md, "Files").
# Without a key id and secret, boto3's own chain finds the credentials (AWS_* variables, the
# instance's or the pod's role).
PRIVATE_STORAGE_ROOT = Path(env("PRIVATE_STORAGE_ROOT", default=str(VAR_DIR / "private")))
PRIVATE_STORAGE_BUCKET = env("PRIVATE_STORAGE_BUCKET", default="")
if PRIVATE_STORAGE_BUCKET:
    PRIVATE_STORAGE_ENDPOINT_URL = env("PRIVATE_STORAGE_ENDPOINT_URL", default="") or None
    STORAGES["private"] = {
        "BACKEND": "core.storage_s3.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": PRIVATE_STORAGE_BUCKET,
            "endpoint_url": PRIVATE_STORAGE_ENDPOINT_URL,
            "region_name": env("PRIVATE_STORAGE_REGION", default="") or None,
            "access_key": env("PRIVATE_STORAGE_ACCESS_KEY_ID", default="") or None,
            "secret_key": env("PRIVATE_STORAGE_SECRET_ACCESS_KEY", default="") or None,
            # Every S3-compatible store answers at host/bucket; not all at bucket.host.
            "addressing_style": env(
                "PRIVATE_STORAGE_ADDRESSING_STYLE",
                default="path" if PRIVATE_STORAGE_ENDPOINT_URL else "auto",
            ),
        },
    }
else:
    STORAGES["private"] = {"BACKEND": "core.storage.PrivateFileSystemStorage"}

CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "core.tasks.heartbeat", "schedule": float(HEARTBEAT_INTERVAL_SECONDS)},
    "reminders-sweep": {"task": "reminders.tasks.sweep", "schedule": float(REMINDER_SWEEP_SECONDS)},
    "reminders-deliver": {"task": "reminders.tasks.deliver", "schedule": 60.0},
    # Renderings left by a worker that died, or lost by the broker, are tried again.
    "renderings-retry-abandoned": {
        "task": "publication.tasks.retry_abandoned",
        "schedule": float(RENDER_SWEEP_SECONDS),
    },
    "reminders-replan": {
        "task": "reminders.tasks.replan",
        "schedule": crontab(hour=2, minute=15),
    },
    "accreditation-lapse": {
        "task": "accreditation.tasks.lapse",
        "schedule": crontab(hour=1, minute=30),
    },
    "reminders-digest": {
        "task": "reminders.tasks.digest",
        "schedule": crontab(hour=REMINDER_SEND_HOUR, minute=30),
    },
    # Every board at a glance: the "All boards" totals, counted apart from any request.
    "insight-national-figures": {
        "task": "insight.tasks.count_national_figures",
        "schedule": float(NATIONAL_FIGURES_SECONDS),
    },
    # Anonymise closed cases past their board's retention period (docs/runbook.md).
    "retention-anonymise": {
        "task": "retention.tasks.anonymise_due_cases",
        "schedule": crontab(hour=3, minute=15),
    },
}

# Each request has an id: the X-Request-ID it came with (a UUID, from a load balancer say) or a
# new one, returned in its answer's X-Request-ID and carried into the Celery tasks it queues.
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,
    "INTEGRATIONS": [CeleryIntegration(use_django_logging=True)],
}
# Production logs one JSON object a line (LOG_FORMAT=json, the default without DEBUG), with the
# request's id and the user's id, never a name or case text; `make run` logs plain lines.
LOG_FORMAT = env("LOG_FORMAT", default="plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {
            "()": "django_guid.log_filters.CorrelationId",
            "correlation_id_field": "request_id",
        },
        "user_id": {"()": "core.request_log.UserIdFilter"},
    },
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        },
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(user_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            # Django's request logger adds the request object: its path and user are told
            # by the ids, and its repr is not for a log line.
            "reserved_attrs": [*RESERVED_ATTRS, "request", "status_code"],
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "user_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs each step of every rendering at INFO; its warnings still show.
    # django-axes logs every sign-in at INFO; lockouts still show as warnings.
    # django-guid logs every id it sets at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "django_guid": {"level": "WARNING"},
    },
}

# A deadline is "due soon" this many working days ahead.
DEADLINE_DUE_SOON_WORKING_DAYS = env.int("DEADLINE_DUE_SOON_WORKING_DAYS", default=5)
