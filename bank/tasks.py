"""The worker's side of the bank: reading each report's words and running bulk imports, never in a
request."""

from celery import shared_task

from bank.imports.services import import_run
from bank.services import report_read


@shared_task
def read_report(report_id: str):
    """Read the words of one banked report and suggest its themes; safe to deliver twice."""
    return report_read(report_id)


@shared_task
def run_import(import_id: str):
    """Run an uploaded bulk import (bank.imports); safe to deliver twice."""
    return import_run(import_id)
