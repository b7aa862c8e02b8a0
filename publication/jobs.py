"""The life of a PDF the worker renders (a report, a learning brief, a board's annual report):
asked for in a request and queued; claimed by the worker, rendered, and ready or failed with
the reason. Every kind of PDF (`publication.models.PdfJob`) goes through these steps."""

import datetime as dt
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from publication import rendering
from publication.models import PdfJob

logger = logging.getLogger(__name__)
State = PdfJob.State

# A rendering takes seconds; one still queued or rendering after this was lost by the broker
# or left by a worker that died.
ABANDONED_AFTER = dt.timedelta(minutes=15)
# Kept in English; the page translates it as it shows it.
ABANDONED = gettext_noop("The worker did not finish it: ask for it again")


def fail_abandoned(jobs: QuerySet) -> None:
    cutoff = timezone.now() - ABANDONED_AFTER
    lost = Q(state=State.RENDERING, started_at__lt=cutoff)
    lost |= Q(state=State.QUEUED, created_at__lt=cutoff)
    jobs.filter(lost).update(
        state=State.FAILED,
        failure_reason=ABANDONED,
        finished_at=timezone.now(),
    )


def queue(jobs: QuerySet, new: PdfJob, enqueue, **same) -> PdfJob:
    """The job of `jobs` like `same` that is still queued or rendering, or else `new`, saved and
    handed to `enqueue` after the commit. Call it in the transaction that locks what the jobs
    are of, so that two requests at once queue one job."""
    fail_abandoned(jobs)
    pending = jobs.filter(state__in=[State.QUEUED, State.RENDERING], **same).first()
    if pending is not None:
        return pending
    new.save()
    transaction.on_commit(lambda: enqueue(new.pk))
    return new


def enqueue(task, job_id) -> None:
    try:
        task.delay(str(job_id))
    except Exception:  # the broker is down: the job stays queued, then counts as lost
        logger.exception("Rendering %s could not be queued", job_id)


def claim(model, job_id) -> bool:
    """Queued → rendering. False when it is not queued (delivered twice, or failed as lost)."""
    with transaction.atomic():
        return bool(
            model.objects.filter(pk=job_id, state=State.QUEUED).update(
                state=State.RENDERING, started_at=timezone.now()
            )
        )


def finish(job: PdfJob, *, data: bytes, pages: int | None, html: str, file_name: str, **fields):
    """Rendering → ready: store the file (a PDF, or a Word version) privately, with the HTML
    it was made from. A job failed meanwhile as abandoned (its replacement may be rendering)
    stays failed, and its file goes."""
    job.pdf.save(rendering.safe_file_name(file_name), ContentFile(data), save=False)
    now = timezone.now()
    ready = (
        type(job)
        .objects.filter(pk=job.pk, state=State.RENDERING)
        .update(
            pdf=job.pdf.name,
            pages=pages,
            html=html,
            state=State.READY,
            finished_at=now,
            updated_at=now,
            **fields,
        )
    )
    if not ready:
        job.pdf.delete(save=False)
    job.refresh_from_db()
    return job


def fail(job: PdfJob, error: Exception):
    """Rendering → failed, with a reason the page can show (no case details)."""
    type(job).objects.filter(pk=job.pk).update(
        state=State.FAILED,
        failure_reason=rendering.failure_reason(error),
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job
