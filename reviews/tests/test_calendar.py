"""Working days and calendar months, against the bank holiday table the migrations seed."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guidance import calendar
from reviews import bank_holidays
from reviews.services.clocks import holidays_from

D = dt.date
# The package the table is seeded from; the properties hold for any holiday set.
PACKAGE_HOLIDAYS = frozenset(bank_holidays.from_package(range(2012, 2041)))


@pytest.fixture
def table(db):
    return holidays_from(D(2012, 1, 1))


@pytest.mark.parametrize(
    "day",
    [
        D(2020, 5, 8),  # VE Day: the early May bank holiday moved from Monday 4 May
        D(2022, 6, 2),  # Spring bank holiday moved for the Platinum Jubilee
        D(2022, 6, 3),  # Platinum Jubilee
        D(2022, 9, 19),  # State funeral of Queen Elizabeth II
        D(2023, 5, 8),  # Coronation of King Charles III
        D(2021, 12, 27),  # Christmas Day on a Saturday: substitute Monday
        D(2021, 12, 28),  # Boxing Day on a Sunday: substitute Tuesday
        D(2024, 3, 29),  # Good Friday
        D(2024, 4, 1),  # Easter Monday
    ],
)
def test_the_seeded_table_has_the_one_off_and_substitute_holidays(table, day):
    assert day in table


@pytest.mark.parametrize("day", [D(2020, 5, 4), D(2022, 5, 30)])
def test_the_seeded_table_lacks_the_holidays_that_moved(table, day):
    assert day not in table


@pytest.mark.parametrize(
    ("start", "count", "due"),
    [
        (D(2026, 3, 2), 5, D(2026, 3, 9)),  # a plain week
        (D(2026, 3, 7), 5, D(2026, 3, 13)),  # starting on a Saturday
        (D(2026, 3, 2), 0, D(2026, 3, 2)),  # day 0 is the start date
        (D(2025, 12, 23), 5, D(2026, 1, 2)),  # Christmas, Boxing Day, New Year's Day
        (D(2021, 12, 24), 5, D(2022, 1, 5)),  # substitute days 27, 28 Dec and 3 Jan
        (D(2024, 3, 28), 5, D(2024, 4, 8)),  # Easter 2024
        (D(2020, 5, 4), 5, D(2020, 5, 12)),  # VE Day, 8 May 2020
        (D(2022, 6, 1), 5, D(2022, 6, 10)),  # Jubilee, 2 and 3 June 2022
        (D(2022, 5, 27), 5, D(2022, 6, 7)),  # 30 May 2022 was a working day
        (D(2022, 9, 16), 5, D(2022, 9, 26)),  # the state funeral, 19 September 2022
        (D(2023, 4, 28), 5, D(2023, 5, 9)),  # 1 May and the coronation, 8 May 2023
        (D(2026, 3, 25), 15, D(2026, 4, 17)),  # Easter 2026 inside a rapid review
        (D(2026, 12, 14), 15, D(2027, 1, 7)),  # Christmas 2026: Boxing Day observed on 28
        (D(2026, 6, 12), -7, D(2026, 6, 3)),  # counting back
        (D(2026, 4, 9), -7, D(2026, 3, 27)),  # counting back across Easter
    ],
)
def test_add_working_days(table, start, count, due):
    assert calendar.add_working_days(start, count, table) == due


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # clamps to the month's end
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # a leap year
        (D(2026, 3, 15), 1, D(2026, 4, 15)),
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2023, 8, 31), 6, D(2024, 2, 29)),
        (D(2024, 2, 29), 6, D(2024, 8, 29)),
        (D(2026, 12, 31), 2, D(2027, 2, 28)),
    ],
)
def test_add_calendar_months(start, months, due):
    assert calendar.add_calendar_months(start, months) == due


def test_working_days_in_a_span_skips_weekends_and_holidays(table):
    # Thursday 30 April to Tuesday 5 May 2026: Thu, Fri; Mon 4 May is a bank holiday.
    assert calendar.working_days_in(D(2026, 4, 30), D(2026, 5, 5), table) == 2


@given(
    start=st.dates(min_value=D(2012, 1, 1), max_value=D(2035, 12, 31)),
    count=st.integers(min_value=1, max_value=80),
)
def test_a_working_day_deadline_is_a_working_day_after_its_start(start, count):
    due = calendar.add_working_days(start, count, PACKAGE_HOLIDAYS)
    assert due > start
    assert due.weekday() < 5
    assert due not in PACKAGE_HOLIDAYS
    # Exactly `count` working days pass from the day after the start up to the deadline.
    assert (
        calendar.working_days_in(
            start + dt.timedelta(days=1), due + dt.timedelta(days=1), PACKAGE_HOLIDAYS
        )
        == count
    )


@given(
    start=st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31)),
    count=st.integers(min_value=1, max_value=40),
    holidays=st.frozensets(
        st.dates(min_value=D(2000, 1, 1), max_value=D(2041, 6, 30)), max_size=60
    ),
)
def test_any_holiday_table_keeps_deadlines_off_holidays(start, count, holidays):
    due = calendar.add_working_days(start, count, holidays)
    back = calendar.add_working_days(start, -count, holidays)
    assert back < start < due
    for day in (due, back):
        assert calendar.is_working_day(day, holidays)


@given(
    start=st.dates(min_value=D(2012, 1, 1), max_value=D(2035, 12, 31)),
    count=st.integers(min_value=0, max_value=60),
)
def test_one_more_working_day_never_comes_sooner(start, count):
    assert calendar.add_working_days(
        start, count + 1, PACKAGE_HOLIDAYS
    ) > calendar.add_working_days(start, count, PACKAGE_HOLIDAYS)
