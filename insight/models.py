"""A user's calendar feed (a secret address that calendar programs read without signing in),
and a board's annual reports."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.text import slugify

from boards.models import Board
from core.storage import private_storage
from publication.models import PdfJob


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret of one user's iCal feed of their deadlines. Replacing the token revokes the
    old address at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return "Calendar feed"


class AnnualReport(PdfJob):
    """A board's annual learning and improvement report for one reporting year, as a PDF the
    worker renders (`insight.services.annual_report_run`)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="annual_reports")
    year = models.PositiveSmallIntegerField(
        help_text="The reporting year, which starts on 1 April of this year."
    )
    pdf = models.FileField(storage=private_storage, upload_to="annual-reports/", blank=True)

    board_lookup = "board_id"
    # It names the board's cases by reference, and its actions in their own words.
    holds_case_data = True

    class Meta(PdfJob.Meta):
        pass

    def __str__(self):
        return f"Annual report {self.year_label}: {self.get_state_display()}"

    @property
    def year_label(self) -> str:
        return year_label(self.year)

    @property
    def file_name(self) -> str:
        return f"{slugify(self.board.name)}-annual-report-{self.year}.pdf"


def year_label(start: int) -> str:
    """A reporting year (1 April to 31 March) as boards name it: "2025 to 2026"."""
    return f"{start} to {start + 1}"


class NationalFigures(models.Model):
    """The "All boards" totals of every board at a glance, as the beat task last counted them
    (insight.tasks.count_national_figures): adding up the whole country grows with it, so a
    page reads this one row instead and says when it was counted. One row (THE_ONE),
    replaced each time; `totals` as insight.selectors.totals_as_data writes them, {} when
    there was no board."""

    THE_ONE = 1

    counted_at = models.DateTimeField()
    totals = models.JSONField(default=dict)

    class Meta:
        verbose_name_plural = "national figures"

    def __str__(self):
        return f"National figures of {self.counted_at:%Y-%m-%d %H:%M}"
