"""The worker's side of publication: rendering PDFs, never in a request."""

from celery import shared_task

from publication import jobs
from publication.services.reports import rendering_run


@shared_task(time_limit=jobs.TIME_LIMIT, soft_time_limit=jobs.SOFT_TIME_LIMIT)
def render(rendering_id: str):
    """Render one queued report or learning brief; safe to deliver twice. Past its soft time
    limit it fails with the reason; past its hard limit it is killed, for the sweep."""
    rendering = rendering_run(rendering_id)
    return rendering.state if rendering is not None else None


@shared_task
def retry_abandoned():
    """Beat: fail the renderings (of every kind, annual reports too) a worker left or the
    broker lost, and queue each again once; safe to run twice at once."""
    return jobs.retry_abandoned()
