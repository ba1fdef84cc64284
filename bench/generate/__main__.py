"""Build the benchmark database: ``python -m bench.generate --scale 0.01`` (1 = full size).

Creates (or, with ``--fresh``, recreates) the PostgreSQL database named in ``--database``,
migrates it, loads the register at size, walks one case per stage through the real pages,
copies those cases until the case and task counts are reached, and reports the time taken.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

from bench import storage

DEFAULT_DATABASE = "postgres://postgres:ci-only-password@127.0.0.1:5432/samverkan_bench"
ROOT = Path(__file__).resolve().parents[2]
DATASET = ROOT / "var" / "bench-dataset.json"
PKI_PORT = int(os.environ.get("BENCH_PKI_PORT", 9941))


def _create_database(url: str, fresh: bool) -> None:
    """Create the database; one that exists is dropped with ``fresh``, else gone on with if an
    interrupted run left its checkpoint in it (``checkpoint``), else refused."""
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
            with psycopg.connect(url) as built:
                resumable = built.execute(
                    "SELECT to_regclass('bench_generate_checkpoint')"
                ).fetchone()[0]
            if resumable is None:
                sys.exit(f"Database {name} exists; run with --fresh to build it again.")
            print(f"Database {name} exists with a checkpoint: going on from it.")
            return
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
    os.environ["PRIVATE_MEDIA_ROOT"] = str(storage.files_of(args.database))
    os.environ.pop("CELERY_BROKER_URL", None)  # the samples' documents are produced in-process
    # Decisions are sealed: the local test PKI (its animator serves the time stamps).
    os.environ.setdefault("SIGNING_PKI_DIR", str(ROOT / "var" / "bench-pki"))
    os.environ.setdefault("SIGNING_PKI_URL", f"http://127.0.0.1:{PKI_PORT}")
    _create_database(args.database, args.fresh)

    import django

    django.setup()
    from documents.signing import pki

    from . import build

    clock = Clock()
    pki.pki_init()
    with pki.serving():
        summary = build.run(scale=args.scale, seed=args.seed, clock=clock)
    seconds = round(clock.total + summary["seconds_before_resume"], 1)
    summary.update(scale=args.scale, seconds=seconds, phases=clock.phases)
    DATASET.parent.mkdir(exist_ok=True)
    DATASET.write_text(json.dumps(summary, indent=2))
    # Per database as well: bench.run reads the pages at two sizes in one run.
    name = urlparse(args.database).path.lstrip("/")
    (DATASET.parent / f"bench-dataset-{name}.json").write_text(json.dumps(summary, indent=2))
    results = ROOT / "bench" / "results" / f"generate-scale-{args.scale:g}.json"
    results.parent.mkdir(exist_ok=True)  # results are not committed: a fresh clone has none
    results.write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps({k: v for k, v in summary.items() if k != "people"}, indent=2))
    print(f"Generation took {seconds} s ({seconds / 60:.1f} min), this run {clock.total} s.")


if __name__ == "__main__":
    main()
