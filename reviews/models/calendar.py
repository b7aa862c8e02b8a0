from django.db import models
from simple_history.models import HistoricalRecords


class BankHoliday(models.Model):
    """A bank holiday of England and Wales, when working-day clocks do not tick.

    Seeded from the `holidays` package by migration and `manage.py sync_bank_holidays`; edited
    by platform admins, because one-off holidays (8 May 2020, 2 and 3 June 2022, 19 September
    2022, 8 May 2023) are announced late.
    """

    date = models.DateField(unique=True)
    name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]

    def __str__(self):
        return f"{self.name} ({self.date:%-d %B %Y})"
