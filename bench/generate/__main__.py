"""Build the benchmark database: ``python -m bench.generate --scale 0.01`` (1 = full size).

Creates (or, with ``--fresh``, recreates) the PostgreSQL database named in ``--database``,
migrates it, loads the register at size, walks one case per stage through the real pages,
copies those cases until the case and task counts are reached, and reports the time taken.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

DEFAULT_DATABASE = "postgres://postgres:ci-only-password@127.0.0.1:5432/samverkan_bench"
ROOT = Path(__file__).resolve().parents[2]
DATASET = ROOT / "var" / "bench-dataset.json"


def _create_database(url: str, fresh: bool) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and fresh:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if exists:
            sys.exit(f"Database {name} exists; run with --fresh to build it again.")
        connection.execute(f'CREATE DATABASE "{name}"')


class Clock:
    def __init__(self):
        self.started = self.last = time.monotonic()
        self.phases = {}

    def mark(self, phase: str) -> None:
        now = time.monotonic()
        self.phases[phase] = round(now - self.last, 1)
        self.last = now
        print(f"  {phase}: {self.phases[phase]} s", flush=True)

    @property
    def total(self) -> float:
        return round(time.monotonic() - self.started, 1)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument(
        "--database", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    )
    parser.add_argument("--fresh", action="store_true", help="drop the database first")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    os.environ["DATABASE_URL"] = args.database
    os.environ.pop("CELERY_BROKER_URL", None)  # the samples' documents are produced in-process
    _create_database(args.database, args.fresh)

    import django

    django.setup()
    from . import build

    clock = Clock()
    rng = random.Random(args.seed)  # noqa: S311 - spreads the copies' dates
    summary = build.run(scale=args.scale, rng=rng, clock=clock)
    summary.update(scale=args.scale, seconds=clock.total, phases=clock.phases)
    DATASET.parent.mkdir(exist_ok=True)
    DATASET.write_text(json.dumps(summary, indent=2))
    results = ROOT / "bench" / "results" / f"generate-scale-{args.scale:g}.json"
    results.parent.mkdir(exist_ok=True)  # results are not committed: a fresh clone has none
    results.write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps({k: v for k, v in summary.items() if k != "people"}, indent=2))
    print(f"Generation took {clock.total} s ({clock.total / 60:.1f} min).")


if __name__ == "__main__":
    main()
