from celery import shared_task

from core import services


@shared_task
def heartbeat():
    """Record that the worker and beat are alive; the service status page shows it."""
    services.heartbeat_record(name="heartbeat")
