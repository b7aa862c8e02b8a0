"""Test settings: the real settings module, with what tests need on top.

DATABASE_URL and REDIS_URL are honoured, so `.ci/run` tests against PostgreSQL and Redis.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("DJANGO_ENV", "test")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")

from config.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Cheap recovery code digests, as the password hasher above (the real cost: settings.py).
MFA_RECOVERY_CODE_WORK_FACTOR = 2**4
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Serve the compiled GOV.UK assets straight from static/ (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The session read from the cache, as in production with Redis (config/settings.py): one
# query fewer a page, so that the suite's query bounds are the same with and without Redis. One
# test process, one memory: here the cache is shared by every "process" there is.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

if not REDIS_URL:  # noqa: F405
    # Keep the tests' broker messages away from a `make run` worker on the same machine.
    CELERY_BROKER_TRANSPORT_OPTIONS = {  # noqa: F405
        "data_folder_in": str(VAR_DIR / "celery-test" / "broker"),  # noqa: F405
        "data_folder_out": str(VAR_DIR / "celery-test" / "broker"),  # noqa: F405
        "processed_folder": str(VAR_DIR / "celery-test" / "processed"),  # noqa: F405
        "control_folder": str(VAR_DIR / "celery-test" / "control"),  # noqa: F405
        "store_processed": False,
    }
