"""The worker's side of the reviews: reading the words of each document version for the case
search, never in a request."""

from celery import shared_task

from reviews.services.documents import version_text_extract


@shared_task
def extract_text(version_id: str):
    """Read the words of one document version; safe to deliver twice."""
    return version_text_extract(version_id)
