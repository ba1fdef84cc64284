"""Money per year over a period: how many years a period is, and what a yearly amount comes to.

An agreement states each contribution per year and for its whole period; both the documents
and the domain compute the total the same way, here. A period runs from its first to its last
day, both included: 1 October 2021 to 30 September 2027 is six years. Whole months count as
twelfths of a year and the days left over as parts of 365.
"""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta

CENT = Decimal("0.01")


def years_in(start: date, end: date) -> Decimal:
    """The length of the period from ``start`` to ``end`` (both included) in years."""
    if end < start:
        return Decimal(0)
    length = relativedelta(end + timedelta(days=1), start)
    months = length.years * 12 + length.months
    return Decimal(months) / 12 + Decimal(length.days) / 365


def total_for_period(per_year: Decimal, start: date, end: date) -> Decimal:
    """A yearly amount over the whole period, in kronor and öre."""
    return (Decimal(per_year) * years_in(start, end)).quantize(CENT, rounding=ROUND_HALF_UP)
