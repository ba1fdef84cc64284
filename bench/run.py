# ruff: noqa: S603, S607 - starts local services and scripts of this repository
"""Every benchmark, one table: ``make bench`` (or ``python -m bench.run``).

Starts PostgreSQL and Redis if they are not answering, builds the 1,000,000-task database
if it is missing (``bench.generate``), starts gunicorn (3 sync workers, config.wsgi with
config.settings.bench) and a Celery worker, drives the pages with locust (headless, 10 users,
zero think time) from a second process, and prints one table: figure, value, target, met.
The table is written to bench/results/bench.json.
"""

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

from bench import storage

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATASET = Path(os.environ.get("BENCH_DATASET", ROOT / "var" / "bench-dataset.json"))
OUT = ROOT / "bench" / "results"
WORK = ROOT / "var" / "bench-run"


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = int(os.environ.get("BENCH_PORT", 0)) or _free_port()
HOST = f"http://127.0.0.1:{PORT}"
DATABASE = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres:ci-only-password@127.0.0.1:5432/samverkan_bench"
)
BROKER = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/15")
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings.bench",
    "DATABASE_URL": DATABASE,
    "PRIVATE_MEDIA_ROOT": str(storage.files_of(DATABASE)),
    "CELERY_BROKER_URL": BROKER,
    "PYTHONPATH": str(ROOT),
}


def _ok(command: list[str]) -> bool:
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


def ensure_services() -> None:
    """PostgreSQL 15 and Redis on 127.0.0.1, started here when they are installed but stopped."""
    if not _ok(["pg_isready", "-h", "127.0.0.1", "-q"]):
        print("Starting PostgreSQL (pg_ctlcluster 15 main start)")
        subprocess.run(["pg_ctlcluster", "15", "main", "start"], check=False)
    if not _ok(["redis-cli", "-h", "127.0.0.1", "ping"]):
        print("Starting Redis (redis-server --bind 127.0.0.1 --daemonize yes)")
        subprocess.run(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                "6379",
                "--daemonize",
                "yes",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            check=False,
        )
    for _ in range(30):
        if _ok(["pg_isready", "-h", "127.0.0.1", "-q"]) and _ok(
            ["redis-cli", "-h", "127.0.0.1", "ping"]
        ):
            return
        time.sleep(1)
    sys.exit(
        "PostgreSQL 15 and Redis must answer on 127.0.0.1 (see docs: apt-get install "
        "postgresql redis-server; pg_ctlcluster 15 main start; redis-server --daemonize yes)"
    )


def _size(scale: float) -> str:
    """How a database is named in the table: its tasks in millions."""
    return f"{scale:g} M tasks"


def dataset_file(database: str) -> Path:
    """The people and case of a database's benchmarks, written by ``bench.generate``."""
    own = ROOT / "var" / f"bench-dataset-{urlparse(database).path.lstrip('/')}.json"
    return own if own.exists() or database != DATABASE else DATASET


def ensure_dataset(scale: float, database: str = DATABASE) -> dict:
    path = dataset_file(database)
    if not path.exists():
        # Not --fresh: an interrupted generation goes on from its checkpoint; a database built
        # without one is refused (drop it, or build it with --fresh, by hand).
        print(f"No benchmark database yet: building it (python -m bench.generate --scale {scale})")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.generate",
                "--scale",
                str(scale),
                "--database",
                database,
            ],
            check=True,
            cwd=ROOT,
            env=ENV,
        )
    return json.loads(dataset_file(database).read_text())


def explain(database: str, dataset: dict) -> dict:
    """Queries per page, the indexes of each list page's plan and the database's size
    (``bench.explain`` in a process of its own, on ``database``)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump(dataset, file)
    done = subprocess.run(
        [sys.executable, "-m", "bench.explain", "--database", database, "--dataset", file.name],
        cwd=ROOT,
        env={
            **ENV,
            "DATABASE_URL": database,
            "PRIVATE_MEDIA_ROOT": str(storage.files_of(database)),
        },
        check=True,
        capture_output=True,
        text=True,
    )
    Path(file.name).unlink()
    found = json.loads(done.stdout.strip().splitlines()[-1])
    found["generated_s"] = dataset.get("seconds")
    return found


def _window_runner(servers: dict, args):
    """One measured window of one slot ((size, label), who, path) on its size's server."""

    def run_window(key, who, path):
        size, label = key
        server, people = servers[size]
        return locust_measuring_cpu(
            server,
            label,
            args.warmup,
            user_class="PageUser",
            seconds=max(args.seconds // args.rounds, 5) + args.warmup,
            user=who,
            path=path,
            password=people["password"],
        )

    return run_window


def _page_rows(alternate, scenarios, measured, queries, first, explained) -> list[dict]:
    rows = []
    static = measured[(first, f"{scenarios.STATIC} (officer)")]
    for (size, label), figure in measured.items():
        if size != first:
            continue
        ours = not label.startswith(scenarios.ANCHOR_PREFIXES)
        rows += alternate.absolute_rows(
            f"{label} ({size})", figure, queries.get(label) if ours else None
        )
        anchor = scenarios.anchor_of(label)
        if ours and (first, anchor) in measured:
            rows += alternate.ratio_rows(
                f"{label} ({size})", figure, anchor, measured[(first, anchor)], static
            )
    for (size, label), figure in measured.items():
        if size == first:
            continue
        rows += alternate.absolute_rows(f"{label} ({size})", figure)
        rows += alternate.scale_rows(label, measured[(first, label)], figure, (first, size))
    rows += scale_checks(explained, first)
    return rows


# The anchors' labels begin so (bench.scenarios.anchors).
ANCHOR_PREFIXES = ("viewflow's lean", "static page")


def _task_indexes(figure: dict) -> list[str]:
    """The indexes a page's plan reads on the task table (the others are primary keys of the
    rows joined to each task, which the planner may reach in another order at another size)."""
    return [
        name
        for name in figure.get("indexes") or []
        if name.startswith(("workflows_task_", "viewflow_task"))
    ]


def scale_checks(explained: dict, first: str) -> list[dict]:
    """Per size: the database's size and generation time; per list page and larger size: the
    same number of queries and the same indexes as at the first size."""
    rows = [
        {
            "figure": f"database at {size}: size / generation time",
            "value": f"{found['size_mb']:,.0f} MB / {found.get('generated_s', '?')} s",
            "unit": "",
            "target": None,
        }
        for size, found in explained.items()
    ]
    base = explained[first]["pages"]
    for size, found in list(explained.items())[1:]:
        for label, figure in found["pages"].items():
            if label.startswith(ANCHOR_PREFIXES):
                continue  # viewflow's lists read one query per row: not ours to hold constant
            task_indexes = _task_indexes(figure)
            same_queries = figure["queries"] == base[label]["queries"]
            same_indexes = task_indexes == _task_indexes(base[label])
            rows.append(
                {
                    "figure": f"{label} at {size}: queries, the task table's indexes "
                    f"({', '.join(task_indexes) or 'none'})",
                    "value": f"{figure['queries']} vs {base[label]['queries']}",
                    "unit": "",
                    "target": "same queries and indexes as at " + first,
                    "met": same_queries and same_indexes,
                }
            )
    return rows


class Server:
    """gunicorn (3 sync workers) and one Celery worker, with the bench settings. The worker
    runs at the priority the README gives it in production (``nice -n 10``): documents are
    background work, and people waiting for a page come first."""

    def __init__(
        self, worker_nice: int = 10, database: str = DATABASE, port: int = PORT, worker=True
    ):
        self.worker_nice = worker_nice
        self.with_worker = worker
        self.port = port
        self.host = f"http://127.0.0.1:{port}"
        self.env = {
            **ENV,
            "DATABASE_URL": database,
            "PRIVATE_MEDIA_ROOT": str(storage.files_of(database)),
        }

    def __enter__(self):
        WORK.mkdir(parents=True, exist_ok=True)
        # Receipts an earlier run left in the bench's own broker database would be made now,
        # on the CPU this run measures: they are dropped (those applications keep no PDF).
        nice = ["nice", "-n", str(self.worker_nice)] if self.worker_nice else []
        log = f"-{self.port}" if self.port != PORT else ""
        self.worker = None
        if self.with_worker:
            subprocess.run(["redis-cli", "-u", BROKER, "flushdb"], capture_output=True, check=True)
            self.worker = self._start_worker(nice, log)
        self.gunicorn = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                "--workers",
                "3",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=open(WORK / f"gunicorn{log}.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        import requests

        for _ in range(60):
            if self.gunicorn.poll() is not None:
                raise RuntimeError("gunicorn stopped; see var/bench-run/gunicorn.log")
            try:
                if requests.get(f"{self.host}/accounts/login/", timeout=5).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(1)
        raise RuntimeError("gunicorn did not answer; see var/bench-run/gunicorn.log")

    def _start_worker(self, nice, log):
        return subprocess.Popen(
            [
                *nice,
                str(BIN / "celery"),
                "-A",
                "config",
                "worker",
                "--pool",
                "solo",
                "--loglevel",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=open(WORK / f"celery{log}.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )

    def worker_rss_mb(self) -> dict[int, float]:
        children = Path(f"/proc/{self.gunicorn.pid}/task/{self.gunicorn.pid}/children")
        rss = {}
        for pid in children.read_text().split():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss[int(pid)] = int(line.split()[1]) / 1024
        return rss

    def __exit__(self, *exc):
        running = [p for p in (self.gunicorn, self.worker) if p is not None]
        for process in running:
            process.terminate()
        for process in running:
            process.wait(timeout=30)


_TICK = os.sysconf("SC_CLK_TCK")
_GROUPS = ("web", "PostgreSQL", "load generator", "worker")


def _cpu_seconds(pid: str) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime


def cpu_by_group(server: "Server") -> dict[str, tuple[str, float]]:
    """CPU seconds used so far by each process of the gunicorn, PostgreSQL, locust and Celery
    worker groups: {pid: (group, seconds)}."""
    web = Path(f"/proc/{server.gunicorn.pid}/task/{server.gunicorn.pid}/children").read_text()
    web_pids = set(web.split()) | {str(server.gunicorn.pid)}
    used = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (FileNotFoundError, ProcessLookupError):
            continue
        group = (
            "web" if pid in web_pids
            else "PostgreSQL" if "postgres" in command.split(" ", 1)[0]
            else "load generator" if "locust" in command
            else "worker" if "celery" in command and "worker" in command
            else None
        )  # fmt: skip
        if group:
            used[pid] = (group, _cpu_seconds(pid))
    return used


def _cpu_used(before: dict, after: dict) -> dict[str, float]:
    """CPU seconds each group used between two samples; a process that ended in between (a
    database connection closed after CONN_MAX_AGE) is left out, so a group may be undercounted
    by its share, never overcounted."""
    used = dict.fromkeys(_GROUPS, 0.0)
    for pid, (group, seconds) in after.items():
        used[group] += seconds - before.get(pid, (group, 0.0))[1]
    return used


def locust_measuring_cpu(
    server: "Server", name: str, warmup: int, seconds: int, **kwargs
) -> tuple[dict, dict]:
    """``locust`` as below, and the CPU each group of processes used per request in the
    measured window, in milliseconds: CPU per second of a window inside it (sampled while
    locust still runs) over requests per second of the whole window."""
    result: dict = {}
    thread = threading.Thread(
        target=lambda: result.update(
            locust(name, seconds=seconds, warmup=warmup, host=server.host, **kwargs)
        )
    )
    thread.start()
    time.sleep(warmup + 1)
    before, started = cpu_by_group(server), time.monotonic()
    time.sleep(max(seconds - warmup - 3, 1))
    after, sampled = cpu_by_group(server), time.monotonic() - started
    thread.join()
    rate = sum(len(times) for times in result["ms"].values()) / result["measured_s"]
    per_request = {
        group: round(1000 * seconds / sampled / max(rate, 1e-9), 1)
        for group, seconds in _cpu_used(before, after).items()
    }
    return result, per_request


def locust(
    name: str, user_class: str, seconds: int, users: int = 10, host: str = "", **env
) -> dict:
    out = WORK / f"{name}.json"
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "-u",
        str(users),
        "-r",
        str(users),
        "-t",
        f"{seconds}s",
        "--host",
        host or HOST,
        "--only-summary",
        "--stop-timeout",
        "10",
        "--exit-code-on-error",
        "0",
        user_class,
    ]
    extra = {f"BENCH_{key.upper()}": str(value) for key, value in env.items()}
    subprocess.run(
        command,
        cwd=ROOT,
        env={**ENV, **extra, "BENCH_OUT": str(out)},
        check=True,
        capture_output=True,
    )
    return json.loads(out.read_text())


def _more_requests(pages: dict, people: dict, wanted: int) -> int:
    """The pages again, in turn, 30 s at a time, until ``wanted`` more requests are served."""
    served = 0
    while served < wanted:
        for label, (username, path, _target) in pages.items():
            result = locust(
                "memory",
                "PageUser",
                30,
                warmup=0,
                user=username,
                path=path,
                password=people["password"],
            )
            served += result["requests"]
            print(f"  memory: {served} more requests ({label})", flush=True)
            if served >= wanted:
                break
    return served


def _completion_and_submissions(scenarios, people: dict, args) -> list[dict]:
    rows = scenarios.task_completion(HOST, people)
    print("  task completion: done", flush=True)
    for attachment in (False, True):
        rows += scenarios.submissions(
            HOST,
            people,
            attachment=attachment,
            seconds=max(args.seconds // 2, 20),
            warmup=args.warmup,
            run=locust,
        )
        print(f"  submissions (attachment={attachment}): done", flush=True)
    return rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 60)))
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument(
        "--skip-others",
        action="store_true",
        help="leave out bench/documents.py and bench/annual_report.py",
    )
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="only the pages and the workers' memory (implies --skip-others); the table goes "
        "to bench/results/pages.json",
    )
    parser.add_argument(
        "--work-only",
        action="store_true",
        help="only completing a task and submitting applications (implies --skip-others)",
    )
    parser.add_argument(
        "--memory-requests",
        type=int,
        default=10_000,
        help="the pages are requested until the workers have served this many (memory growth)",
    )
    parser.add_argument(
        "--worker-nice",
        type=int,
        default=10,
        help="the Celery worker's niceness (README: 10 in production; 0 for equal priority)",
    )
    parser.add_argument(
        "--larger-scale",
        type=float,
        default=3.0,
        help="the pages again on a database of this scale (built if missing, named after the "
        "first with _<scale>), alternating with the first; 0 leaves it out",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="each page and anchor is measured this many times in turn, --seconds in all",
    )
    parser.add_argument(
        "--stock-timeout",
        type=float,
        default=60.0,
        help="seconds each request of viewflow's lists as shipped may take (for information)",
    )
    args = parser.parse_args(argv)
    ensure_services()
    sizes = {_size(args.scale): (DATABASE, ensure_dataset(args.scale, DATABASE))}
    if args.larger_scale and not args.work_only:
        url = f"{DATABASE}_{str(args.larger_scale).removesuffix('.0').replace('.', '_')}"
        sizes[_size(args.larger_scale)] = (url, ensure_dataset(args.larger_scale, url))
    dataset = next(iter(sizes.values()))[1]
    os.environ.update({k: v for k, v in ENV.items() if k != "PYTHONPATH"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from bench import alternate, scenarios

    people = dataset["people"]
    rows = []
    started = time.monotonic()
    pages = scenarios.pages(people)
    explained = {size: explain(url, data) for size, (url, data) in sizes.items()}
    first = next(iter(sizes))
    queries = {label: found["queries"] for label, found in explained[first]["pages"].items()}
    with Server(args.worker_nice) as server, contextlib.ExitStack() as stack:
        servers = {first: (server, people)}
        for size, (url, data) in list(sizes.items())[1:]:
            larger = Server(args.worker_nice, database=url, port=_free_port(), worker=False)
            servers[size] = (stack.enter_context(larger), data["people"])
        for each, their_people in servers.values():
            scenarios.warm_up(each.host, their_people, scenarios.pages(their_people))
        rss_start = server.worker_rss_mb()
        served = 0
        if not args.work_only:
            slots = {(first, label): slot for label, slot in pages.items()}
            anchors = scenarios.anchors(people)
            slots.update({(first, label): slot for label, slot in anchors.items()})
            for size in list(servers)[1:]:
                their = scenarios.pages(servers[size][1])
                slots.update({(size, label): slot for label, slot in their.items()})
            measured = alternate.measure(
                slots,
                rounds=args.rounds,
                run_window=_window_runner(servers, args),
            )
            served += sum(len(figure["ms"]) for figure in measured.values())
            rows += _page_rows(alternate, scenarios, measured, queries, first, explained)
            served += _more_requests(pages, people, args.memory_requests - served)
            rss_end = server.worker_rss_mb()
            rows += scenarios.memory_figures(rss_start, rss_end, served)
            # After the memory reading: viewflow's lists as shipped build a filter form with an
            # option per queued process, seconds a page, and would count in our workers' memory.
            rows += scenarios.stock_views(HOST, people, requests_each=3, timeout=args.stock_timeout)
        if not args.pages_only:
            rows += _completion_and_submissions(scenarios, people, args)
    if not (args.skip_others or args.pages_only or args.work_only):
        rows += scenarios.new_work(ROOT, ENV, dataset_file(DATABASE))
        rows += scenarios.other_benchmarks(ROOT)
    meta = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "machine": f"{platform.node()} ({os.cpu_count()} cores, load {os.getloadavg()})",
        "datasets": {size: data["counts"] for size, (_url, data) in sizes.items()},
        "protocol": f"gunicorn 3 sync workers, Celery worker at nice {args.worker_nice}, "
        f"locust 10 users, zero think time, "
        f"{args.warmup} s warm-up + {args.seconds} s measured per page; memory over "
        f"at least {args.memory_requests} requests",
        "minutes": round((time.monotonic() - started) / 60, 1),
    }
    scenarios.print_table(rows, meta)
    OUT.mkdir(exist_ok=True)
    # A pages-only run leaves the last full table in place.
    out = OUT / ("pages.json" if args.pages_only else "bench.json")
    out.write_text(json.dumps({"meta": meta, "figures": rows}, indent=2, ensure_ascii=False) + "\n")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
