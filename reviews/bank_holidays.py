"""The England-and-Wales bank holidays from the maintained `holidays` package."""

import datetime as dt

import holidays as holidays_package

# England and Wales share one list (Scotland and Northern Ireland have their own).
SUBDIVISION = "ENG"
FIRST_YEAR = 2012


def from_package(years) -> dict[dt.date, str]:
    return dict(holidays_package.UK(subdiv=SUBDIVISION, years=years, language="en_GB").items())


def default_years(today: dt.date) -> range:
    return range(FIRST_YEAR, today.year + 6)
