"""Date arithmetic of the statutory clocks. Pure functions: the bank holidays are passed in.

Rules (DESIGN.md section 2):
- Working days skip Saturdays, Sundays and the bank holidays of England and Wales.
- Day 0 is the start date; a deadline of N working days is the Nth working day after it.
- Calendar months clamp to the month's end: 31 January + 1 month = 28 (or 29) February.
"""

import datetime as dt
from collections.abc import Collection

from dateutil.relativedelta import relativedelta

ONE_DAY = dt.timedelta(days=1)


def is_working_day(day: dt.date, holidays: Collection[dt.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: dt.date, count: int, holidays: Collection[dt.date]) -> dt.date:
    """The `count`th working day after `start` (negative: before it). 0 gives `start`."""
    step = ONE_DAY if count >= 0 else -ONE_DAY
    day, remaining = start, abs(count)
    while remaining:
        day += step
        if is_working_day(day, holidays):
            remaining -= 1
    return day


def working_days_in(first: dt.date, end: dt.date, holidays: Collection[dt.date]) -> int:
    """How many working days fall in [first, end): from `first` up to, not including, `end`."""
    count, day = 0, first
    while day < end:
        if is_working_day(day, holidays):
            count += 1
        day += ONE_DAY
    return count


def add_calendar_months(start: dt.date, count: int) -> dt.date:
    return start + relativedelta(months=count)


def add_days(start: dt.date, count: int) -> dt.date:
    return start + dt.timedelta(days=count)
