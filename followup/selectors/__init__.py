"""Reads for the follow-up pages: the annual report, the mapping and the dashboard."""

from .dashboard import (
    deadline_counts,
    funding_stages,
    iop_stages,
    overdue_deadlines,
    overdue_tasks,
    programme_budgets,
    upcoming_deadlines,
)
from .mapping import collaboration_map, matrix_picture
from .memo import annual_report_memo
from .report import annual_report

__all__ = [
    "annual_report",
    "annual_report_memo",
    "collaboration_map",
    "matrix_picture",
    "deadline_counts",
    "funding_stages",
    "iop_stages",
    "overdue_deadlines",
    "overdue_tasks",
    "programme_budgets",
    "upcoming_deadlines",
]
