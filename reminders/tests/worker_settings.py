"""Settings of the Celery worker processes that test_kill_workers.py starts and kills: the
test settings, with e-mails appended to a file the test reads (recording_backend.py)."""

from config.settings_test import *  # noqa: F403

EMAIL_BACKEND = "reminders.tests.recording_backend.AppendingBackend"
