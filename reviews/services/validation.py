"""Checks shared by the services, each raising a ValidationError on the field it names."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone


def not_in_future(**dates: dt.date | None) -> None:
    today = timezone.localdate()
    errors = {
        field: "The date must be today or in the past"
        for field, date in dates.items()
        if date is not None and date > today
    }
    if errors:
        raise ValidationError(errors)


def not_before(field: str, date: dt.date | None, earliest: dt.date | None, message: str) -> None:
    if date is not None and earliest is not None and date < earliest:
        raise ValidationError({field: message})
