"""Loading the sheets into the register, row by row, the same way every time."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from casework import events

from ..actions import FundingAction
from .files import Row, Sheet
from .report import CREATED, UNCHANGED, UPDATED, Report
from .sheets import SHEETS, SheetSpec


def register_import(
    *, sheets: list[Sheet], acting_user=None, dry_run: bool = False, ignored=()
) -> Report:
    """Bring the register in line with the sheets: rows are found again by their natural key,
    created or updated, and left alone when nothing differs, so a second run changes nothing.

    Sheets load in dependency order. Each row is validated by its model and saved on its own;
    a refused row is reported and the others still load, except those that refer to it. With
    ``dry_run`` every row is validated and saved, then everything is rolled back.
    """
    report = Report(dry_run=dry_run, ignored=list(ignored))
    by_name = {sheet.name: sheet for sheet in sheets}
    with transaction.atomic():
        for spec in SHEETS:
            if spec.name in by_name:
                _load_sheet(spec, by_name[spec.name], report, acting_user)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _load_sheet(spec: SheetSpec, sheet: Sheet, report: Report, acting_user) -> None:
    report.sheet(spec.name)
    headers = {header.casefold(): header for header in sheet.headers}
    where = {column.field: headers.get(column.header.casefold()) for column in spec.columns}
    problems = _header_problems(spec, sheet.headers)
    seen: dict[tuple, int] = {}
    rows = sheet.rows
    if spec.self_reference:
        rows = sorted(rows, key=lambda row: bool(_cell(row, where, spec.self_reference)))
    for row in rows:
        values, errors = _parse(spec, row, where)
        key = tuple(values.get(name) for name in spec.key)
        try:
            if not any(name in errors for name in spec.key):
                _check_duplicate(key, row, seen)
            if problems:
                raise ValidationError(problems)
            if errors:
                raise ValidationError(errors)
            outcome = _save(spec, _resolve(spec, values, report), row, acting_user)
        except ValidationError as exc:
            report.refuse(spec.name, row.number, _reason(spec, exc), key)
        else:
            report.count(spec.name, outcome)


def _header_problems(spec: SheetSpec, headers: tuple[str, ...]) -> list[str]:
    """Every column of the template, no other: a misspelt header would lose its column."""
    expected = {column.header.casefold() for column in spec.columns}
    found = {header.casefold() for header in headers}
    problems = [
        _("The column “%(column)s” is missing.") % {"column": column.header}
        for column in spec.columns
        if column.header.casefold() not in found
    ]
    problems += [
        _("Unknown column “%(column)s”.") % {"column": header}
        for header in headers
        if header.casefold() not in expected
    ]
    return problems


def _cell(row: Row, where: dict[str, str | None], name: str) -> str:
    header = where.get(name)
    return row.cells.get(header, "") if header else ""


def _parse(spec: SheetSpec, row: Row, where) -> tuple[dict, dict[str, list[str]]]:
    """The row's values by field (a reference still as its key), and the cells' errors."""
    values, errors = {}, {}
    for column in spec.columns:
        text = _cell(row, where, column.field)
        if not text:
            if column.required:
                errors[column.field] = [_("Must be filled in.")]
            values[column.field] = spec.model._meta.get_field(column.field).get_default()
            continue
        try:
            values[column.field] = column.parse(text)
        except ValidationError as exc:
            errors[column.field] = exc.messages
    return values, errors


def _check_duplicate(key: tuple, row: Row, seen: dict[tuple, int]) -> None:
    if key in seen:
        raise ValidationError(
            _("The same key as row %(row)d; a row can only be given once."),
            params={"row": seen[key]},
        )
    seen[key] = row.number


def _resolve(spec: SheetSpec, values: dict, report: Report) -> dict:
    """References as objects; a reference to a row refused in this run is refused with it."""
    resolved, errors = dict(values), {}
    for column in spec.columns:
        reference, value = column.reference, values[column.field]
        if reference is None or value is None:
            continue
        refusal = report.refusal_of(reference.sheet, (value,))
        found = reference.model.objects.filter(**reference.filters, **{reference.lookup: value})
        if refusal is not None:
            errors[column.field] = [
                _("depends on row %(row)d of %(sheet)s, which was refused: %(reason)s")
                % {"row": refusal.row, "sheet": refusal.sheet, "reason": refusal.reason}
            ]
        elif not found.exists():
            errors[column.field] = [reference.missing % {"value": value}]
        else:
            resolved[column.field] = found.get()
    if errors:
        raise ValidationError(errors)
    return resolved


def _save(spec: SheetSpec, values: dict, row: Row, acting_user) -> str:
    wanted_key = {name: values[name] if name in values else spec.fixed[name] for name in spec.key}
    existing = spec.model.objects.filter(**wanted_key).first()
    instance = existing or spec.model()
    if existing is not None and spec.check_existing is not None:
        spec.check_existing(existing)
    wanted = {**values, **spec.fixed}
    before = {name: _stored(instance, name) for name in wanted}
    for name, value in wanted.items():
        setattr(instance, name, value)
    instance.full_clean(exclude=spec.not_imported)
    changed = sorted(name for name in wanted if _stored(instance, name) != before[name])
    if existing is not None and not changed:
        return UNCHANGED
    action = FundingAction.REGISTER_ROW_CHANGED if existing else FundingAction.REGISTER_ROW_ADDED
    try:
        with transaction.atomic():
            instance.save()
            events.record(
                instance,
                acting_user,
                action,
                data={"sheet": spec.name, "row": row.number, "fields": changed},
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("The database refused the row: %(error)s"), params={"error": exc}
        ) from exc
    return UPDATED if existing else CREATED


def _stored(instance, name: str):
    return instance._meta.get_field(name).value_from_object(instance)


def _reason(spec: SheetSpec, exc: ValidationError) -> str:
    """The messages, each after the column it is about."""
    if not hasattr(exc, "error_dict"):
        return " ".join(exc.messages)
    parts = []
    for name, messages in exc.message_dict.items():
        text = " ".join(messages)
        column = spec.column_of(name)
        if name == NON_FIELD_ERRORS:
            parts.append(text)
        elif column is not None:
            parts.append(f"{column.header}: {text}")
        else:
            label = spec.model._meta.get_field(name).verbose_name
            parts.append(f"{str(label).capitalize()}: {text}")
    return " ".join(parts)
