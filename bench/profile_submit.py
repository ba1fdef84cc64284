"""CPU per submission and per task completion, in-process, on the bench database.

    DJANGO_SETTINGS_MODULE=config.settings.bench .venv/bin/python -m bench.profile_submit \
        [--count 20] [--only submit|complete] [--attachment] \
        [--profile submit|complete [--sort tottime] [--top 45]]

Submits prepared drafts (made through the services, not timed) through ``django.test.Client``
as their members, and completes funding completeness checks as an officer, against the bench
database (``samverkan_bench``; submissions add rows, nothing is dropped). Prints the median
CPU time (``time.process_time``: this process only, so the figure holds on a shared machine),
the wall time and the SQL queries per request; ``--profile`` prints the top of a cProfile of
that kind. Celery jobs are only enqueued, as the gunicorn workers do in the benchmark, to a
Redis database of their own (12) that is emptied at the end: the receipts' rendering and the
notifications' job are not counted (nor done: these submissions stay without a receipt PDF).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROKER = "redis://127.0.0.1:6379/12"
sys.path.insert(0, str(ROOT))
from demo import files  # noqa: E402 (the repository is on the path only from here)

# The 1 MB PDF of bench/locustfile.py (importing it would start locust's gevent patching).
PDF = files.pdf("Budget", padding=1024 * 1024 - 700)


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    os.environ.setdefault("CELERY_BROKER_URL", BROKER)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


SHOWN: dict[str, list[str]] = {}  # --queries: the SQL of one request of each kind


def _measure(call, label: str = "") -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        cpu, wall = time.process_time(), time.perf_counter()
        call()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if label and label not in SHOWN:
        SHOWN[label] = [query["sql"] for query in captured.captured_queries]
    return cpu * 1000, wall * 1000, len(captured)


def _print_queries() -> None:
    """Each kind's queries, one line each (shortened): where the difference goes."""
    for label, queries in SHOWN.items():
        print(f"\n{label}: {len(queries)} queries")
        for number, sql in enumerate(queries, 1):
            print(f"  {number:>2}. {sql[:160]}")


def _report(label: str, rows: list[tuple[float, float, int]]) -> None:
    cpu = statistics.median(r[0] for r in rows)
    wall = statistics.median(r[1] for r in rows)
    queries = statistics.median(r[2] for r in rows)
    print(
        f"{label}: n={len(rows)}  CPU median {cpu:.1f} ms  wall median {wall:.1f} ms  "
        f"queries {queries:g}"
    )


def submissions(count: int, *, attachment: bool, profiler=None) -> None:
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    from bench.scenarios import _drafts
    from funding.models import FundingApplication
    from organisations.models import User

    people = json.loads((ROOT / "var" / "bench-dataset.json").read_text())["people"]
    drafts = _drafts(people, count + 2)
    clients = {}
    for username in drafts:
        clients[username] = Client()
        clients[username].force_login(User.objects.get(username=username))
    queue = [(name, pk) for name, pks in drafts.items() for pk in pks]
    rows = []
    for index, (username, pk) in enumerate(queue):
        client = clients[username]
        if attachment:
            upload = SimpleUploadedFile("budget.pdf", PDF, "application/pdf")
            client.post(
                reverse("funding:application_attachments", args=[pk]),
                {"kind": "budget", "file": upload},
            )

        def submit(client=client, pk=pk):
            response = client.post(reverse("funding:application_submit", args=[pk]))
            assert response.status_code == 302, response.status_code

        if index < 2:  # warm caches and connections
            submit()
            continue
        if profiler is not None:
            profiler.enable()
        rows.append(_measure(submit))
        if profiler is not None:
            profiler.disable()
    submitted = FundingApplication.objects.filter(
        pk__in=[pk for _name, pk in queue], status="submitted"
    ).count()
    _report("submit" + (" (1 MB attachment)" if attachment else ""), rows)
    print(f"  submitted {submitted} of {len(queue)}")


def completions(count: int, *, profiler=None) -> None:
    import json

    from django.test import Client
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from bench.minimal.flows import MinimalFlow
    from organisations.models import User
    from workflows.funding.flows import FundingApplicationFlow
    from workflows.models.base import task_url

    people = json.loads((ROOT / "var" / "bench-dataset.json").read_text())["people"]
    client = Client()
    client.force_login(User.objects.get(username=people["officer"]))
    ours = list(
        Task.objects.filter(
            flow_task=FundingApplicationFlow.check_complete, status=STATUS.NEW
        ).order_by("-pk")[: count + 2]
    )
    theirs = [
        Task.objects.get(process=MinimalFlow.start.run(), flow_task=MinimalFlow.first)
        for _ in range(count + 2)
    ]
    rows = {"domain": [], "minimal": []}
    for index, (domain, minimal) in enumerate(zip(ours, theirs, strict=True)):
        for label, task, data in (
            ("domain", domain, {"result": "complete"}),
            ("minimal", minimal, {}),
        ):
            assert client.post(task_url(task, "assign")).status_code == 302
            url = task_url(task, "execute")
            client.get(url)

            def execute(url=url, data=data):
                response = client.post(url, data)
                assert response.status_code == 302, response.status_code

            if index < 2:
                execute()
                continue
            if profiler is not None and label == "domain":
                profiler.enable()
            rows[label].append(_measure(execute, label))
            if profiler is not None and label == "domain":
                profiler.disable()
    _report("complete: funding completeness check", rows["domain"])
    _report("complete: minimal flow", rows["minimal"])
    ratio = statistics.median(r[0] for r in rows["domain"]) / statistics.median(
        r[0] for r in rows["minimal"]
    )
    print(f"  CPU ratio {ratio:.2f} x")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--profile", choices=["submit", "complete"])
    parser.add_argument("--attachment", action="store_true")
    parser.add_argument("--only", choices=["submit", "complete"])
    parser.add_argument("--sort", default="cumulative", help="cProfile order (tottime, …)")
    parser.add_argument("--top", type=int, default=45, help="lines of the profile to print")
    parser.add_argument(
        "--queries", action="store_true", help="print the SQL of one completion of each kind"
    )
    args = parser.parse_args(argv)
    _setup()
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    if args.only != "complete":
        submissions(
            args.count,
            attachment=args.attachment,
            profiler=profiler if args.profile == "submit" else None,
        )
    if args.only != "submit":
        completions(args.count, profiler=profiler if args.profile == "complete" else None)
    if args.queries:
        _print_queries()
    if profiler is not None:
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
    import redis

    redis.Redis.from_url(BROKER).flushdb()


if __name__ == "__main__":
    main()
