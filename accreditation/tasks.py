"""Beat task of the accreditation lifecycle (config/settings.py: daily at 01:30)."""

from celery import shared_task

from accreditation.services.accreditations import accreditations_lapse


@shared_task
def lapse():
    """Lapse accreditations whose annual review date has passed; safe to run twice."""
    return accreditations_lapse()
