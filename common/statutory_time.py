"""When a period set by law ends (lag (1930:173) om beräkning av lagstadgad tid).

A period counted in weeks ends on the day of the last week that has the same name as the day
the period started from. If that day is a Saturday, a Sunday or another public holiday
(allmän helgdag, lag (1989:253) om allmänna helgdagar), midsommarafton, julafton or
nyårsafton, the period runs to the next day that is none of these (2 §). Every letter that
states a last day counts it here.
"""

from datetime import date, timedelta
from functools import cache

import holidays

# The public holidays of lag (1989:253) are the library's "public" category; midsommarafton,
# julafton and nyårsafton, which the 1930 act names beside them, are its "de facto" ones.
_CATEGORIES = (holidays.PUBLIC, holidays.DE_FACTO)


@cache
def _days_off(year: int) -> frozenset[date]:
    calendar = holidays.country_holidays(
        "SE", years=year, categories=_CATEGORIES, include_sundays=False
    )
    return frozenset(calendar)


def is_day_off(day: date) -> bool:
    """A Saturday, a Sunday, a public holiday, midsommarafton, julafton or nyårsafton."""
    return day.weekday() >= 5 or day in _days_off(day.year)


def period_end(start: date, *, weeks: int) -> date:
    """The last day of a period of ``weeks`` weeks from ``start``, moved to the next working
    day when it falls on a day off."""
    last = start + timedelta(weeks=weeks)
    while is_day_off(last):
        last += timedelta(days=1)
    return last
