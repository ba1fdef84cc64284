"""Loading a municipality's register from CSV files or an XLSX workbook (docs/register.md):
city administrations, other organisations, boards, funding programmes and delegation rules.

It lives in ``funding`` because it writes programmes and delegation rules; the organisations
and boards it writes belong to a lower app, which never imports this one.
"""

from .files import RegisterFileError, Sheet, read, write_workbook
from .loader import register_import
from .report import Report
from .sheets import SHEET_NAMES

__all__ = [
    "SHEET_NAMES",
    "RegisterFileError",
    "Report",
    "Sheet",
    "read",
    "register_import",
    "write_workbook",
]
