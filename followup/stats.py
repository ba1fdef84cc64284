"""Medians and percentiles of durations, computed in the database where it can.

PostgreSQL computes ``percentile_cont`` itself. Elsewhere (SQLite in development and tests)
only the durations are read, one number a row, never the cases as objects.
"""

import math
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    DurationField,
    Expression,
    ExpressionWrapper,
    FloatField,
    QuerySet,
)

SECONDS_PER_DAY = 86400.0


class PercentileDays(Aggregate):
    """PostgreSQL: the ``fraction`` percentile of an interval, in days (linear interpolation)."""

    function = "percentile_cont"
    template = (
        "%(function)s(%(fraction)s) WITHIN GROUP "
        "(ORDER BY EXTRACT(EPOCH FROM %(expressions)s) / 86400.0)"
    )
    output_field = FloatField()

    def __init__(self, expression, fraction: float, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


@dataclass(frozen=True)
class Spread:
    count: int
    median_days: float | None
    p90_days: float | None


def spread_of(rows: QuerySet, *, start: Expression, end: Expression) -> Spread:
    """Count, median and 90th percentile of ``end - start`` in days over ``rows``."""
    span = ExpressionWrapper(end - start, output_field=DurationField())
    if connection.vendor == "postgresql":
        figures = rows.aggregate(
            count=Count("pk"),
            median=PercentileDays(span, 0.5),
            p90=PercentileDays(span, 0.9),
        )
        return Spread(figures["count"], figures["median"], figures["p90"])
    days = sorted(_days(value) for value in rows.annotate(span=span).values_list("span", flat=True))
    return Spread(len(days), percentile(days, 0.5), percentile(days, 0.9))


def _days(value) -> float:
    if isinstance(value, timedelta):
        return value.total_seconds() / SECONDS_PER_DAY
    return value / 1_000_000 / SECONDS_PER_DAY  # SQLite gives microseconds


def percentile(sorted_values: list[float], fraction: float) -> float | None:
    """Linear interpolation between closest ranks, as PostgreSQL's ``percentile_cont``."""
    if not sorted_values:
        return None
    position = (len(sorted_values) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    weight = position - low
    return sorted_values[low] * (1 - weight) + sorted_values[high] * weight
