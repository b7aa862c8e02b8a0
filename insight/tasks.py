"""The worker's side of insight: rendering a board's annual report, never in a request."""

from celery import shared_task

from insight.services import annual_report_run
from publication import jobs


@shared_task(time_limit=jobs.TIME_LIMIT, soft_time_limit=jobs.SOFT_TIME_LIMIT)
def render_annual_report(report_id: str):
    """Render one queued annual report; safe to deliver twice."""
    report = annual_report_run(report_id)
    return report.state if report is not None else None
