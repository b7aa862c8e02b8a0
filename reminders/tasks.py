"""Beat tasks of the reminders. Each does its work in the database, where it is safe to run
twice at once; none is scheduled with a long ETA."""

from celery import shared_task

from reminders import planning, services


@shared_task
def sweep():
    claimed = services.sweep()
    if claimed:
        deliver.delay()
    return claimed


@shared_task
def deliver():
    return services.deliver()


@shared_task
def replan():
    """Nightly: new role holders, changed bank holidays and the next weekly escalations."""
    return planning.reminders_plan()


@shared_task
def digest():
    queued = services.digest()
    if queued:
        deliver.delay()
    return queued
