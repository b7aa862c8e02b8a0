"""Beat task of retention (config/settings.py CELERY_BEAT_SCHEDULE: nightly at 03:15)."""

from celery import shared_task

from retention.services import retention_run_all


@shared_task
def anonymise_due_cases():
    """Anonymise every board's closed cases past their retention period; safe to run twice.
    What it did is recorded as one RetentionRun a board (and a RetentionRecord a case)."""
    return sum(run.cases_anonymised for run in retention_run_all())
