"""Copies of a sample case's rows, each copy given to another organisation and its people.

``collect`` finds every row that belongs to a case: rows that point to the case, and so on
(foreign keys, many-to-many rows, and ``content type + id`` references such as a process's
artifact or an audit event's target). ``Cloner`` writes copies of those rows with bulk
inserts: keys into the copied rows point to the copies, the organisation and its member are
replaced by the copy's, officers are rotated, and every date moves back by the copy's age.
"""

import re
from collections import defaultdict
from datetime import timedelta

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone
from psycopg.types.json import Jsonb

from casework.models import Case, CaseNumberCounter
from casework.services import format_case_number
from organisations.models import Organisation, User

APPS = {"casework", "funding", "partnerships", "documents", "notifications", "followup", "viewflow"}
LABEL = re.compile(r"^([a-z_]+)\.([a-z_]+):(\d+)$")


def _models():
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label in APPS and not m._meta.proxy
    ]


def _is_key(f) -> bool:
    return f.is_relation and f.concrete and (f.many_to_one or f.one_to_one)


def _generic_pairs(model) -> list[tuple[models.Field, models.Field]]:
    """(content type field, id field) pairs, declared as GenericForeignKey or not."""
    pairs = []
    names = {f.name: f for f in model._meta.concrete_fields}
    for f in model._meta.concrete_fields:
        if f.is_relation and f.related_model is ContentType:
            base = re.sub(r"_(content_)?type$", "", f.name)
            for suffix in ("_object_id", "_obj_pk", "_id"):
                if base + suffix in names and base + suffix != f.attname:
                    pairs.append((f, names[base + suffix]))
                    break
    return pairs


def collect(case: Case) -> dict[type, dict]:
    """Every row of ``case``: {model: {pk: row}}."""
    rows: dict[type, dict] = defaultdict(dict)
    rows[Case][case.pk] = case
    candidates = [m for m in _models() if m is not Case]
    grown = True
    while grown:
        grown = False
        for model in candidates:
            found = {}
            for f in model._meta.concrete_fields:
                if _is_key(f) and f.related_model in rows:
                    pks = list(rows[f.related_model])
                    found.update(
                        {o.pk: o for o in model._base_manager.filter(**{f"{f.attname}__in": pks})}
                    )
            for ct_field, id_field in _generic_pairs(model):
                for target, pks in list(rows.items()):
                    ct = ContentType.objects.get_for_model(target, for_concrete_model=False)
                    concrete = ContentType.objects.get_for_model(target)
                    ids = (
                        [str(pk) for pk in pks]
                        if isinstance(id_field, models.CharField)
                        else list(pks)
                    )
                    found.update(
                        {
                            o.pk: o
                            for o in model._base_manager.filter(
                                **{
                                    f"{ct_field.attname}__in": {ct.pk, concrete.pk},
                                    f"{id_field.attname}__in": ids,
                                }
                            )
                        }
                    )
            new = {pk: o for pk, o in found.items() if pk not in rows[model]}
            if new:
                rows[model].update(new)
                grown = True
    return {m: r for m, r in rows.items() if r}


def _order(rows: dict[type, dict]) -> list[type]:
    """Models so that each comes after the models its rows point to (keys and generic
    references alike)."""
    deps = {}
    types = {ct.pk: ct.model_class() for ct in ContentType.objects.all()}
    for model, objs in rows.items():
        deps[model] = {
            f.related_model
            for f in model._meta.concrete_fields
            if _is_key(f)
            and f.related_model in rows
            and f.related_model is not model
            and any(getattr(o, f.attname) is not None for o in objs.values())
        }
        for ct_field, _id in _generic_pairs(model):
            deps[model] |= {types.get(getattr(o, ct_field.attname)) for o in objs.values()} & (
                set(rows) - {model}
            )
    ordered, done = [], set()
    while len(ordered) < len(rows):
        ready = [m for m in rows if m not in done and deps[m] <= done]
        if not ready:
            raise RuntimeError(f"Circular references among {set(rows) - done}")
        for m in sorted(ready, key=lambda m: m._meta.label):
            ordered.append(m)
            done.add(m)
    return ordered


class Target:
    """Whose copy: the organisation, its member, the officers, how many days old."""

    __slots__ = ("organisation_id", "member_id", "officer_ids", "age_days")

    def __init__(self, organisation_id, member_id, officer_ids, age_days):
        self.organisation_id = organisation_id
        self.member_id = member_id
        self.officer_ids = officer_ids
        self.age_days = age_days


class Cloner:
    def __init__(self, case: Case, *, member, officers: list, organisation):
        self.rows = collect(case)
        self.order = _order(self.rows)
        self.organisation_id = organisation.pk
        self.member_id = member.pk
        self.officer_ids = [o.pk for o in officers]
        self.counters: dict[tuple[str, int], int] = {}
        self.ct_model = {ct.pk: ct.model_class() for ct in ContentType.objects.all()}
        self.label_model = {m._meta.label_lower: m for m in apps.get_models()}
        self.by_name = {m._meta.model_name: m for m in self.rows}
        self.plans = {}

    def tasks_per_copy(self) -> int:
        return sum(len(r) for m, r in self.rows.items() if m._meta.label == "viewflow.Task")

    def rows_per_copy(self) -> int:
        return sum(len(r) for r in self.rows.values())

    def copy(self, targets: list[Target], counters: dict) -> int:
        """Write one copy per target (PostgreSQL COPY); returns the number of rows written."""
        maps = [{} for _ in targets]
        if not counters:  # no query may run while a COPY is open
            counters.update(
                ((c.series, c.year), c.last_number) for c in CaseNumberCounter.objects.all()
            )
        written = 0
        with connection.cursor() as cursor:
            for model in self.order:
                written += self._copy_model(cursor, model, targets, maps, counters)
        return written

    def _copy_model(self, cursor, model, targets, maps, counters) -> int:
        self_fks = [
            f for f in model._meta.concrete_fields if _is_key(f) and f.related_model is model
        ]
        pending = [
            (i, o)
            for i in range(len(targets))
            for o in sorted(self.rows[model].values(), key=lambda o: o.pk)
        ]
        written = 0
        while pending:
            ready, later = [], []
            for i, o in pending:
                blocked = any(
                    getattr(o, f.attname) in self.rows[model]
                    and (model, getattr(o, f.attname)) not in maps[i]
                    for f in self_fks
                )
                (later if blocked else ready).append((i, o))
            if not ready:
                raise RuntimeError(f"Cannot order the rows of {model}")
            table, pk = model._meta.db_table, model._meta.pk.column
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, len(ready)],
            )
            ids = [row[0] for row in cursor.fetchall()]
            for (i, o), new_pk in zip(ready, ids, strict=True):
                maps[i][(model, o.pk)] = new_pk
            fields = list(model._meta.concrete_fields)
            columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for (i, o), new_pk in zip(ready, ids, strict=True):
                    copy.write_row(
                        self._copy_row(model, fields, o, new_pk, targets[i], maps[i], counters)
                    )
            written += len(ready)
            pending = later
        return written

    def _swap(self, model, pk, target, mapping):
        """The copy's key for a reference to ``model`` ``pk``."""
        if model is None or pk is None:
            return pk
        concrete = model._meta.concrete_model
        key = int(pk) if isinstance(pk, str) and pk.isdigit() else pk
        if (concrete, key) in mapping:
            return mapping[concrete, key]
        if concrete is Organisation and int(pk) == self.organisation_id:
            return target.organisation_id
        if concrete is User:
            if int(pk) == self.member_id:
                return target.member_id
            if int(pk) in self.officer_ids:
                return target.officer_ids[self.officer_ids.index(int(pk))]
        return pk

    def _json(self, value, target, mapping, key=None):
        if isinstance(value, dict):
            return {k: self._json(v, target, mapping, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self._json(v, target, mapping, key) for v in value]
        if isinstance(value, str):
            match = LABEL.match(value)
            if match and f"{match[1]}.{match[2]}" in self.label_model:
                model = self.label_model[f"{match[1]}.{match[2]}"]
                return f"{match[1]}.{match[2]}:{self._swap(model, int(match[3]), target, mapping)}"
        if isinstance(value, int) and not isinstance(value, bool) and key in self.by_name:
            return self._swap(self.by_name[key], value, target, mapping)
        return value

    def _plan(self, model, fields):
        if model not in self.plans:
            generic = {id_f.attname: ct_f.attname for ct_f, id_f in _generic_pairs(model)}
            plan = []
            for f in fields:
                if f.primary_key:
                    kind = "pk"
                elif _is_key(f):
                    kind = "key"
                elif f.attname in generic:
                    kind = "generic"
                elif isinstance(f, models.JSONField):
                    kind = "json"
                elif isinstance(f, (models.DateTimeField, models.DateField)):
                    kind = "date"
                else:
                    kind = "plain"
                plan.append((f, kind, generic.get(f.attname)))
            self.plans[model] = plan
        return self.plans[model]

    def _copy_row(self, model, fields, row, new_pk, target, mapping, counters) -> list:
        age = timedelta(days=target.age_days)
        values = []
        for f, kind, ct_attname in self._plan(model, fields):
            value = getattr(row, f.attname)
            if kind == "pk":
                value = new_pk
            elif value is None:
                pass
            elif kind == "key":
                value = self._swap(f.related_model, value, target, mapping)
            elif kind == "generic":
                swapped = self._swap(
                    self.ct_model.get(getattr(row, ct_attname)), value, target, mapping
                )
                value = str(swapped) if isinstance(f, models.CharField) else swapped
            elif kind == "json":
                value = Jsonb(self._json(value, target, mapping))
            elif kind == "date":
                value = value - age
            else:
                value = f.get_db_prep_save(value, connection)
            values.append(value)
        if model is Case:
            self._number({f.attname: i for i, f in enumerate(fields)}, values, counters)
        return values

    @staticmethod
    def _number(columns: dict, values: list, counters: dict) -> None:
        series = values[columns["series"]]
        year = timezone.localtime(values[columns["registered_at"]]).year
        counters[series, year] = counters.get((series, year), 0) + 1
        values[columns["year"]] = year
        values[columns["number"]] = counters[series, year]
        values[columns["case_number"]] = format_case_number(series, year, counters[series, year])


def save_counters(counters: dict) -> None:
    for (series, year), last in counters.items():
        CaseNumberCounter.objects.update_or_create(
            series=series, year=year, defaults={"last_number": last}
        )
