"""CPU cost of each benchmarked page, in-process: ``python -m bench.profile_pages``.

On a shared machine wall time says more about the neighbours than about the page, so this
measures the CPU time of this process per request (``time.process_time``), the number of
Python function calls per request (the same however busy the machine is) and, apart, the time
PostgreSQL reports for the page's queries. Each person logs in with Django's test client (the
full middleware stack, the same settings as the benchmark: ``config.settings.bench``) and asks
for each page ``--repeat`` times after a few unmeasured requests.

    python -m bench.profile_pages [--repeat 50] [--page "officer's queue"] [--profile]
                                  [--middleware]

``--profile`` prints a cProfile top 30 of CPU time for each page (``--sort``, cumulative by
default); ``--middleware`` prints the CPU time each middleware adds (measured by leaving it
out, one at a time).
"""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASET = Path(os.environ.get("BENCH_DATASET", ROOT / "var" / "bench-dataset.json"))
WARM = 5


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    os.environ.setdefault(
        "DATABASE_URL",
        os.environ.get(
            "BENCH_DATABASE_URL",
            "postgres://postgres:ci-only-password@127.0.0.1:5432/samverkan_bench",
        ),
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _client(username: str):
    from django.test import Client

    from organisations.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _sql_ms(client, path: str) -> tuple[int, float]:
    """Queries of one request and the sum of their execution times as PostgreSQL measures them
    (EXPLAIN ANALYZE of each captured SELECT, without planning time)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    total = 0.0
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            total += plan[0]["Execution Time"]
    return len(captured), total


def _cpu_ms(client, path: str, repeat: int) -> list[float]:
    for _ in range(WARM):
        assert client.get(path).status_code == 200, path
    times = []
    for _ in range(repeat):
        started = time.process_time()
        response = client.get(path)
        times.append((time.process_time() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return times


def _profile(client, path: str, repeat: int) -> pstats.Stats:
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for _ in range(repeat):
        client.get(path)
    profiler.disable()
    return pstats.Stats(profiler)


def _middleware_costs(username: str, path: str, repeat: int) -> None:
    from django.conf import settings
    from django.test import override_settings

    base = statistics.median(_cpu_ms(_client(username), path, repeat))
    print(f"  all middleware: {base:.1f} ms")
    for name in settings.MIDDLEWARE:
        if "Session" in name or "Authentication" in name:
            continue  # the page needs them to know who asks
        rest = [m for m in settings.MIDDLEWARE if m != name]
        with override_settings(MIDDLEWARE=rest):
            without = statistics.median(_cpu_ms(_client(username), path, repeat))
        print(f"  {name}: {base - without:+.1f} ms")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--page", help="only the page with this label")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="cumulative", help="the profile's order (pstats key)")
    parser.add_argument("--middleware", action="store_true")
    args = parser.parse_args(argv)
    _setup()
    from bench import scenarios

    people = json.loads(DATASET.read_text())["people"]
    pages = scenarios.pages(people)
    print(
        f"{'page':<40} {'CPU median':>11} {'CPU p95':>8} {'queries':>8} {'SQL (PG)':>9} "
        f"{'Python calls':>13}"
    )
    for label, (username, path, _target) in pages.items():
        if args.page and args.page != label:
            continue
        client = _client(username)
        times = _cpu_ms(client, path, args.repeat)
        count, sql = _sql_ms(client, path)
        p95 = sorted(times)[int(0.95 * (len(times) - 1))]
        # Function calls per request do not depend on what else the machine is doing.
        stats = _profile(client, path, 10)
        print(
            f"{label:<40} {statistics.median(times):>8.1f} ms {p95:>5.1f} ms "
            f"{count:>8} {sql:>6.1f} ms {stats.total_calls // 10:>13,}",
            flush=True,
        )
        if args.profile:
            _profile(client, path, args.repeat).sort_stats(args.sort).print_stats(30)
        if args.middleware:
            _middleware_costs(username, path, args.repeat)


if __name__ == "__main__":
    main()
