"""The life of a PDF the worker renders (a report, a learning brief, a board's annual report):
asked for in a request and queued; claimed by the worker, rendered, and ready or failed with
the reason. Every kind of PDF (`publication.models.PdfJob`) goes through these steps.

Finished once, even when a worker dies: a job is claimed by a conditional UPDATE (queued →
rendering), so a task delivered twice renders once. A worker killed mid-rendering (or a
message the broker lost) leaves its job rendering (or queued); after ABANDONED_AFTER the beat's
sweep (`retry_abandoned`) fails it as abandoned and queues one replacement with the same
inputs, up to MAX_ATTEMPTS tries, so that the page shows each try. Every rendering task is cut
off at TIME_LIMIT, well inside ABANDONED_AFTER, so a job still rendering after it is not
running anywhere: its replacement cannot race it.
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from core.concurrency import lock_skipping_locked
from publication import rendering
from publication.models import PdfJob

logger = logging.getLogger(__name__)
State = PdfJob.State

# A rendering takes seconds; one still queued or rendering after this was lost by the broker
# or left by a worker that died.
ABANDONED_AFTER = dt.timedelta(seconds=settings.RENDER_ABANDONED_SECONDS)
# Each rendering task's hard limit: its pool process is killed (and the job left rendering,
# for the sweep). At most half of ABANDONED_AFTER (config/settings.py refuses more), so that a
# job still rendering after ABANDONED_AFTER cannot still be running anywhere, even counting the
# moments between the task's start and its claim and clocks of two machines that differ.
TIME_LIMIT = settings.RENDER_TIME_LIMIT_SECONDS
# The soft limit comes a tenth earlier: the task fails the job with TOO_LONG, not left
# rendering.
SOFT_TIME_LIMIT = TIME_LIMIT - max(1, TIME_LIMIT // 10)
MAX_ATTEMPTS = settings.RENDER_MAX_ATTEMPTS
# Abandoned jobs the sweep takes in one transaction; any more wait for the next sweep.
SWEEP_BATCH = 100

# Kept in English; the page translates them as it shows them.
ABANDONED = gettext_noop("The worker did not finish it: ask for it again")
ABANDONED_RETRIED = gettext_noop("The worker did not finish it: it was tried again")
ABANDONED_GIVEN_UP = gettext_noop(
    "The worker did not finish it after several tries: ask for it again"
)
ABANDONED_OUTDATED = gettext_noop(
    "The worker did not finish it, and the report has changed since: ask for it again"
)


@dataclass(frozen=True)
class Kind:
    """A kind of PDF job, declared by the app that owns it (from its AppConfig.ready), so
    that the sweep takes up every kind without importing the apps above this one.

    enqueue(job_id) sends its task. `inputs` are the fields a replacement copies: what was
    asked for, and by whom. still_wanted(job) says whether it would still be queued as asked
    (a rendering of a report version since changed is not)."""

    model: type[PdfJob]
    enqueue: Callable[[object], None]
    inputs: tuple[str, ...]
    still_wanted: Callable[[PdfJob], bool] = field(default=lambda job: True)


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    label = kind.model._meta.label
    if label in _KINDS and _KINDS[label] != kind:
        raise ValueError(f"The PDF job {label} is declared twice")
    _KINDS[label] = kind


def _abandoned(now: dt.datetime) -> Q:
    cutoff = now - ABANDONED_AFTER
    return Q(state=State.RENDERING, started_at__lt=cutoff) | Q(
        state=State.QUEUED, created_at__lt=cutoff
    )


def fail_abandoned(jobs: QuerySet) -> None:
    """Fail those of `jobs` abandoned, without a replacement: a request asking for the same
    again queues the new one itself (`queue`), should it come before the sweep."""
    jobs.filter(_abandoned(timezone.now())).update(
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


def retry_abandoned(*, now: dt.datetime | None = None) -> int:
    """The beat's sweep: fail every abandoned job of every kind and queue one replacement of
    each (after the commit). Returns how many were queued again.

    Once, whatever runs at once: each job is taken in a transaction that locks it, skipping
    those another sweep holds (`lock_skipping_locked`; SQLite serialises writes instead), and
    is failed by a conditional UPDATE that only an abandoned job passes, so a second sweep or
    a request failing it meanwhile leaves it be; and a job has at most one replacement
    (`retry_of` is one to one)."""
    now = now or timezone.now()
    return sum(_retry_abandoned_of(kind, now) for kind in _KINDS.values())


def _retry_abandoned_of(kind: Kind, now: dt.datetime) -> int:
    model = kind.model
    retried = 0
    with transaction.atomic():
        lost = lock_skipping_locked(model.objects.filter(_abandoned(now)).order_by("created_at"))
        for job in list(lost[:SWEEP_BATCH]):
            if job.attempt >= MAX_ATTEMPTS:
                reason = ABANDONED_GIVEN_UP
            elif not kind.still_wanted(job):
                reason = ABANDONED_OUTDATED
            else:
                reason = ABANDONED_RETRIED
            failed = model.objects.filter(_abandoned(now), pk=job.pk).update(
                state=State.FAILED, failure_reason=reason, finished_at=now, updated_at=now
            )
            if not failed:  # failed meanwhile by a request asking again, or another sweep
                continue
            logger.warning(
                "%s %s (try %d) was abandoned: %s",
                model.__name__,
                job.pk,
                job.attempt,
                "queued again" if reason == ABANDONED_RETRIED else "failed",
            )
            if reason != ABANDONED_RETRIED:
                continue
            again = model(
                **{name: getattr(job, name) for name in kind.inputs},
                attempt=job.attempt + 1,
                retry_of=job,
            )
            again.save()
            transaction.on_commit(lambda pk=again.pk: kind.enqueue(pk))
            retried += 1
    return retried
