"""The bank holiday table: platform admins add late-announced holidays or remove wrong ones."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core import permissions
from core.history import acting_as
from deadlines.models import BankHoliday
from guidance import methodologies
from reviews import bank_holidays
from reviews.models import FindingCategory
from reviews.services.clocks import deadlines_sync_open


@transaction.atomic
def bank_holiday_add(*, actor, date: dt.date, name: str) -> BankHoliday:
    """Add a bank holiday; every open deadline it falls within moves."""
    permissions.require(actor, "bank_holidays.manage")
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Enter the name of the bank holiday"})
    if date.weekday() >= 5:
        raise ValidationError({"date": "A bank holiday falls on a weekday"})
    if BankHoliday.objects.filter(date=date).exists():
        raise ValidationError({"date": "This date is already a bank holiday"})
    holiday = BankHoliday(date=date, name=name)
    acting_as(holiday, actor).save()
    deadlines_sync_open(actor=actor)
    return holiday


@transaction.atomic
def bank_holiday_remove(*, actor, holiday: BankHoliday) -> None:
    permissions.require(actor, "bank_holidays.manage")
    acting_as(holiday, actor).delete()
    deadlines_sync_open(actor=actor)


@transaction.atomic
def bank_holidays_sync(*, years) -> list[BankHoliday]:
    """Add the package's holidays that the table lacks. Never removes: admins' edits stay."""
    known = set(BankHoliday.objects.values_list("date", flat=True))
    added = BankHoliday.objects.bulk_create(
        BankHoliday(date=date, name=name)
        for date, name in sorted(bank_holidays.from_package(years).items())
        if date not in known
    )
    if added:
        deadlines_sync_open()
    return added


def reference_data_ensure() -> None:
    """Put back the reference rows the migrations seed (bank holidays, finding categories)
    where they are missing; never changes or removes what is there."""
    bank_holidays_sync(years=bank_holidays.default_years(timezone.localdate()))
    for order, (code, name) in enumerate(methodologies.FINDING_CATEGORIES, start=1):
        FindingCategory.objects.get_or_create(code=code, defaults={"name": name, "order": order})
