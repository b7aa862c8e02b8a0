"""The worker's side of publication: rendering PDFs, never in a request."""

from celery import shared_task

from publication.services.reports import rendering_run


@shared_task
def render(rendering_id: str):
    """Render one queued report or learning brief; safe to deliver twice."""
    rendering = rendering_run(rendering_id)
    return rendering.state if rendering is not None else None
