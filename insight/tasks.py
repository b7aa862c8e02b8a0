"""The worker's side of insight: rendering a board's annual report, never in a request, and
counting the national totals of every board at a glance (beat, config/settings.py)."""

from celery import shared_task

from insight.services import annual_report_run, national_figures_count
from publication import jobs


@shared_task(time_limit=jobs.TIME_LIMIT, soft_time_limit=jobs.SOFT_TIME_LIMIT)
def render_annual_report(report_id: str):
    """Render one queued annual report; safe to deliver twice."""
    report = annual_report_run(report_id)
    return report.state if report is not None else None


@shared_task
def count_national_figures():
    """The "All boards" totals counted afresh (CELERY_BEAT_SCHEDULE, every
    NATIONAL_FIGURES_SECONDS)."""
    return national_figures_count().counted_at.isoformat()
