"""The national tables platform admins keep: the bank holidays (late-announced holidays added,
wrong ones removed) and the approved lists of reviewers (the Welsh Government's, for SUSRs)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import permissions
from core.history import acting_as
from core.validation import not_before, not_in_future
from deadlines.models import BankHoliday
from guidance import methodologies, rulebooks
from reviews import bank_holidays
from reviews.models import ApprovedReviewer, FindingCategory
from reviews.services.clocks import deadlines_sync_open


@transaction.atomic
def bank_holiday_add(*, actor, date: dt.date, name: str) -> BankHoliday:
    """Add a bank holiday; every open deadline it falls within moves."""
    permissions.require(actor, "bank_holidays.manage")
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Enter the name of the bank holiday")})
    if date.weekday() >= 5:
        raise ValidationError({"date": _("A bank holiday falls on a weekday")})
    if BankHoliday.objects.filter(date=date).exists():
        raise ValidationError({"date": _("This date is already a bank holiday")})
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


@transaction.atomic
def approved_reviewer_add(
    *, actor, user, approved_list: str, approved_on: dt.date, reference: str = ""
) -> ApprovedReviewer:
    """Record that a reviewer is on a national approved list (platform admins)."""
    permissions.require(actor, "approved_lists.manage")
    if approved_list not in rulebooks.APPROVED_LISTS:
        raise ValidationError({"approved_list": _("Select the list")})
    not_in_future(approved_on=approved_on)
    if ApprovedReviewer.objects.filter(
        user=user, approved_list=approved_list, ended_on__isnull=True
    ).exists():
        raise ValidationError(
            {
                "user": _("%(name)s is already on the %(list)s list")
                % {"name": user.name, "list": approved_list}
            }
        )
    place = ApprovedReviewer(
        user=user,
        approved_list=approved_list,
        approved_on=approved_on,
        reference=(reference or "").strip(),
    )
    place.full_clean()
    acting_as(place, actor).save()
    return place


@transaction.atomic
def approved_reviewer_end(*, actor, place: ApprovedReviewer, ended_on: dt.date) -> ApprovedReviewer:
    """Take a reviewer off the list from a day; reviews they were appointed to keep them."""
    permissions.require(actor, "approved_lists.manage")
    place = ApprovedReviewer.objects.select_for_update().get(pk=place.pk)
    if place.ended_on is not None:
        raise ValidationError(_("This reviewer has already been taken off the list"))
    not_in_future(ended_on=ended_on)
    not_before(
        "ended_on",
        ended_on,
        place.approved_on,
        _("The date taken off the list must be on or after the date added to it"),
    )
    place.ended_on = ended_on
    acting_as(place, actor).save()
    return place
