"""What each list page asks PostgreSQL, on one database: ``python -m bench.explain --database
URL --dataset FILE`` prints JSON {"size_mb": …, "pages": {label: {"queries": n, "indexes":
[…], "plan_ms": …}}}. The page's task query (the one over ``viewflow_task`` with a LIMIT) is
EXPLAINed (ANALYZE, JSON) and the indexes its plan reads are listed: at 1 M and at 3 M tasks
they should be the same, and the number of queries too. Run by ``bench.run`` once per database
(a process each: Django has one database here)."""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def indexes_of(plan: dict) -> list[str]:
    """Every index a JSON plan node (and its children) reads, in order, without repeats."""
    found = []
    name = plan.get("Index Name")
    if name:
        found.append(name)
    for child in plan.get("Plans", []):
        found += [index for index in indexes_of(child) if index not in found]
    return list(dict.fromkeys(found))


def _task_query(captured) -> tuple[str, tuple] | None:
    for query in captured.captured_queries:
        sql = query["sql"]
        if 'FROM "viewflow_task"' in sql and "LIMIT" in sql:
            return sql
    return None


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--dataset", required=True)
    args = parser.parse_args(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    os.environ["DATABASE_URL"] = args.database
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import scenarios
    from organisations.models import User

    people = json.loads(Path(args.dataset).read_text())["people"]
    pages = {**scenarios.pages(people), **scenarios.anchors(people)}
    out = {"pages": {}}
    for label, (username, path, _target) in pages.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200, label
        figure = {"queries": len(captured)}
        sql = _task_query(captured)
        if sql:
            with connection.cursor() as cursor:
                # The captured SQL has its parameters inlined by PostgreSQL's own quoting.
                cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")  # noqa: S608 - our own query
                (plan,) = cursor.fetchone()[0]
            figure["indexes"] = indexes_of(plan["Plan"])
            figure["plan_ms"] = round(plan["Execution Time"], 2)
        out["pages"][label] = figure
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        out["size_mb"] = round(cursor.fetchone()[0] / 2**20, 1)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
