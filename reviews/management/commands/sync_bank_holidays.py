from django.core.management.base import BaseCommand
from django.utils import timezone

from reviews import bank_holidays
from reviews.services.calendar import bank_holidays_sync


class Command(BaseCommand):
    help = (
        "Add England-and-Wales bank holidays from the `holidays` package that the table lacks "
        "(run after upgrading the package, or yearly). Holidays edited by admins are kept."
    )

    def handle(self, *args, **options):
        added = bank_holidays_sync(years=bank_holidays.default_years(timezone.localdate()))
        for holiday in added:
            self.stdout.write(f"Added {holiday}")
        self.stdout.write(self.style.SUCCESS(f"{len(added)} bank holidays added."))
