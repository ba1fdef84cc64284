"""Reading the register's sheets from a folder of CSV files or one XLSX workbook, and writing
the workbook template from the CSV templates.

Every cell is read as text, whatever the file type, so that one set of parsers
(``cells.py``) reads both; row numbers are those the user sees (the header is row 1).
"""

import csv
import datetime
import io
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font


class RegisterFileError(Exception):
    """The file or folder cannot be read at all; no row is looked at."""


@dataclass(frozen=True)
class Row:
    number: int
    cells: dict[str, str]  # header as written in the file → stripped cell text


@dataclass(frozen=True)
class Sheet:
    name: str
    headers: tuple[str, ...]
    rows: tuple[Row, ...]


def read(path: Path, names: list[str]) -> tuple[list[Sheet], list[str]]:
    """The sheets called one of ``names``, and the names of the others (not read)."""
    if path.is_dir():
        return _read_folder(path, names)
    if path.suffix.lower() == ".xlsx" and path.is_file():
        return _read_workbook(path, names)
    raise RegisterFileError(
        _("%(path)s is neither a folder of CSV files nor an .xlsx workbook.") % {"path": path}
    )


def write_workbook(sheets: list[Sheet], target: Path) -> None:
    """One worksheet per sheet, every cell as text, the header in bold."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.name)
        worksheet.append(list(sheet.headers))
        for row in sheet.rows:
            worksheet.append([row.cells.get(header, "") for header in sheet.headers])
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
            worksheet.column_dimensions[cell.column_letter].width = max(14, len(cell.value) + 4)
    workbook.save(target)


def _read_folder(folder: Path, names: list[str]) -> tuple[list[Sheet], list[str]]:
    sheets = [
        _read_csv(folder / f"{name}.csv") for name in names if (folder / f"{name}.csv").is_file()
    ]
    ignored = sorted(path.name for path in folder.glob("*.csv") if path.stem not in names)
    return sheets, ignored


def _read_csv(path: Path) -> Sheet:
    try:
        # utf-8-sig: Excel's "CSV UTF-8" starts the file with a byte order mark.
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RegisterFileError(
            _("%(file)s is not UTF-8 text; save it as “CSV UTF-8”.") % {"file": path.name}
        ) from exc
    first_line = text.split("\n", 1)[0]
    # Swedish Excel separates with semicolons, since the comma is its decimal sign.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return _sheet(path.stem, list(csv.reader(io.StringIO(text), delimiter=delimiter)))


def _read_workbook(path: Path, names: list[str]) -> tuple[list[Sheet], list[str]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        raise RegisterFileError(
            _("%(file)s cannot be read as an .xlsx workbook.") % {"file": path.name}
        ) from exc
    try:
        sheets = [
            _sheet(
                ws.title,
                [[_text(value) for value in row] for row in ws.iter_rows(values_only=True)],
            )
            for ws in workbook.worksheets
            if ws.title in names
        ]
        ignored = [ws.title for ws in workbook.worksheets if ws.title not in names]
    finally:
        workbook.close()
    return sheets, ignored


def _sheet(name: str, records: list[list[str]]) -> Sheet:
    if not records:
        return Sheet(name, (), ())
    headers = tuple(header.strip() for header in records[0])
    rows = []
    for number, record in enumerate(records[1:], start=2):
        cells = {
            header: value.strip() for header, value in zip(headers, record, strict=False) if header
        }
        if any(cells.values()):  # Excel leaves empty rows behind; they are no data
            rows.append(Row(number, cells))
    return Sheet(name, tuple(header for header in headers if header), tuple(rows))


def _text(value) -> str:
    """A workbook cell as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
