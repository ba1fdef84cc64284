"""Staff lists as CSV and XLSX: the same rows the page shows, with its filters applied.

A list is described once (``Column``s over the rows its selector returns); both formats
write from that description. Text that a spreadsheet would take for a formula (starting with
=, +, -, @, a tab or a carriage return) is written with a leading apostrophe, in both
formats, so that a cell typed by an applicant never runs in an officer's spreadsheet.
"""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[object], object]


def safe_text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def cell(value):
    """A value as a spreadsheet cell: numbers and dates kept, everything else as safe text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | Decimal | float):
        return value
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, date):
        return value
    return safe_text(str(value))


def _rows(columns: list[Column], objects: Iterable) -> Iterable[list]:
    yield [str(column.title) for column in columns]
    for obj in objects:
        yield [cell(column.value(obj)) for column in columns]


class _Echo:
    def write(self, value):
        return value


def csv_response(filename: str, columns: list[Column], objects: Iterable) -> StreamingHttpResponse:
    """Standard CSV (RFC 4180: commas, CRLF, quoted fields, a header line) in UTF-8, for other
    programs; people who open a list in a spreadsheet get the XLSX, offered first."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")

    def lines():
        for row in _rows(columns, objects):
            yield writer.writerow([_csv_text(value) for value in row])

    response = StreamingHttpResponse(
        lines(), content_type="text/csv; charset=utf-8; header=present"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _csv_text(value) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def xlsx_response(filename: str, columns: list[Column], objects: Iterable) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(filename[:31])
    for row in _rows(columns, objects):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


WRITERS = {"csv": csv_response, "xlsx": xlsx_response}


def export_response(fmt: str, filename: str, columns: list[Column], objects: Iterable):
    if isinstance(objects, QuerySet):
        # Rows are read in chunks, so a list of a hundred thousand cases never sits in memory.
        objects = objects.iterator(chunk_size=2000)
    return WRITERS[fmt](filename, columns, objects)
