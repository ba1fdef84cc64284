"""Liveness and readiness, for the load balancer and the supervisor of each web host.

- ``GET /health/live/``: 200 while the process serves requests. It asks nothing else (no
  database), so a host is not restarted because a shared service is down.
- ``GET /health/ready/``: 200 only when the database answers, every migration on disk is
  applied, the shared cache stores and returns a value, the broker accepts a connection and
  the private file storage (the store every host shares) writes, reads and deletes a file;
  503 otherwise. The body is short plain text, one line per check, naming no address or
  password. A web host is put in the load balancer's rotation only when it answers 200.

The middleware answers both before any other (first in ``MIDDLEWARE``): no session, no login,
no login throttling, no host name check or HTTPS redirect (a prober asks by the host's own
address, over plain HTTP inside the network), and the answer is never cached.
"""

import os
import socket
import uuid
from collections.abc import Callable

from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

from config.celery import app as celery_app

LIVE_PATH = "/health/live/"
READY_PATH = "/health/ready/"
# Seconds the broker may take to accept a connection before the host counts as not ready.
BROKER_TIMEOUT = 3.0

_migrations_on_disk: set[tuple[str, str]] | None = None


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _migrations() -> None:
    # The migrations on disk are read once per process (a new release is a new process); the
    # applied ones are asked each time (one query), so a host turns ready once `migrate` ran.
    global _migrations_on_disk  # noqa: PLW0603 (a per-process memo of the release's files)
    if _migrations_on_disk is None:
        _migrations_on_disk = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    missing = _migrations_on_disk - set(MigrationRecorder(connection).applied_migrations())
    if missing:
        raise RuntimeError(f"{len(missing)} not applied")


def _cache() -> None:
    cache, key, value = caches["default"], f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=30)
    if cache.get(key) != value:
        raise RuntimeError("value not returned")
    cache.delete(key)


def _broker() -> None:
    if celery_app.conf.task_always_eager:
        return  # no broker: tasks run in-process (the embedded default)
    with celery_app.connection_for_write(connect_timeout=BROKER_TIMEOUT) as broker:
        broker.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT)


def _storage() -> None:
    storage = storages["default"]
    content = uuid.uuid4().bytes
    name = storage.save(
        f"health/{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex}", ContentFile(content)
    )
    try:
        with storage.open(name, "rb") as stored:
            if stored.read() != content:
                raise RuntimeError("content not returned")
    finally:
        storage.delete(name)


CHECKS: dict[str, Callable[[], None]] = {
    "database": _database,
    "migrations": _migrations,
    "cache": _cache,
    "broker": _broker,
    "storage": _storage,
}


def readiness() -> tuple[bool, list[str]]:
    """Every check in turn; the lines say which passed, without the services' addresses."""
    ready, lines = True, []
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # noqa: BLE001 (any failure means: not ready)
            ready = False
            lines.append(f"{name}: failed ({type(error).__name__})")
        else:
            lines.append(f"{name}: ok")
    return ready, lines


def _plain(body: str, status: int) -> HttpResponse:
    response = HttpResponse(body + "\n", status=status, content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    return response


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == LIVE_PATH and request.method in ("GET", "HEAD"):
            return _plain("live", 200)
        if request.path == READY_PATH and request.method in ("GET", "HEAD"):
            ready, lines = readiness()
            return _plain(
                "\n".join(["ready" if ready else "not ready", *lines]), 200 if ready else 503
            )
        return self.get_response(request)
