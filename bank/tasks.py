"""The worker's side of the bank: reading each report's words, never in a request."""

from celery import shared_task

from bank.services import report_read


@shared_task
def read_report(report_id: str):
    """Read the words of one banked report and suggest its themes; safe to deliver twice."""
    return report_read(report_id)
