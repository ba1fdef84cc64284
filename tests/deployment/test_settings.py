"""Production refuses to start a host of several (DEPLOYMENT_HOSTS=multi) with a store that one
process or one host keeps for itself, or a signing service without the roots its signatures are
validated against, and configures the database for PgBouncer when told."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Production's required settings, as the README's table and docs/deployment.md give them.
MULTI = {
    "DJANGO_SECRET_KEY": "x" * 64,
    "TRUSTED_PROXIES": "10.77.0.1",
    "CACHE_URL": "redis://10.77.0.40:6379/1",
    "CELERY_BROKER_URL": "redis://10.77.0.40:6379/0",
    "CLAMAV_ADDRESS": "tcp://10.77.0.41:3310",
    "DATABASE_URL": "postgres://samverkan:secret@10.77.0.30:6432/samverkan",
    "PRIVATE_MEDIA_ROOT": "/srv/samverkan/private",
    "DEPLOYMENT_HOSTS": "multi",
}
PRINT = (
    "from django.conf import settings as s; d = s.DATABASES['default']; "
    "print(d.get('DISABLE_SERVER_SIDE_CURSORS'), d.get('OPTIONS', {}).get('prepare_threshold', 5),"
    " s.SESSION_ENGINE, s.AXES_HANDLER, s.CELERY_BEAT_SCHEDULER)"
)


def _production(**changes: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in MULTI and not k.startswith("DJANGO_")}
    env.update({**MULTI, "DJANGO_SETTINGS_MODULE": "config.settings.production", **changes})
    env = {k: v for k, v in env.items() if v is not None}
    code = f"import django; django.setup(); {PRINT}"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"DATABASE_URL": "sqlite:////tmp/samverkan.sqlite3"}, "DATABASE_URL"),
        ({"PRIVATE_MEDIA_ROOT": None}, "PRIVATE_MEDIA_ROOT"),
        ({"PRIVATE_MEDIA_ROOT": str(ROOT / "var" / "private")}, "PRIVATE_MEDIA_ROOT"),
        ({"CELERY_BROKER_URL": "memory://"}, "CELERY_BROKER_URL"),
        ({"DEPLOYMENT_HOSTS": "several"}, "DEPLOYMENT_HOSTS"),
        ({"SIGNING_SERVICE": "signing.Adapter"}, "SIGNING_TRUST_ROOTS"),
        (
            {"SIGNING_SERVICE": "signing.Adapter", "SIGNING_TRUST_ROOTS": "/nonexistent/root.pem"},
            "SIGNING_TRUST_ROOTS",
        ),
    ],
)
def test_a_host_of_several_refuses_to_start_with_a_store_of_its_own(changes, named):
    result = _production(**changes)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr.splitlines()[-1]


def test_a_host_of_several_starts_with_shared_stores_and_speaks_to_pgbouncer_when_told(settings):
    assert "DISABLE_SERVER_SIDE_CURSORS" not in settings.DATABASES["default"]  # direct: allowed
    started = _production(
        DATABASE_TRANSACTION_POOLER="true",
        SIGNING_SERVICE="signing.Adapter",
        SIGNING_TRUST_ROOTS=__file__,  # readable: its certificates are read when validating
    )
    assert started.returncode == 0, started.stderr
    assert started.stdout.split() == [
        "True",
        "None",
        "django.contrib.sessions.backends.db",
        "axes.handlers.database.AxesDatabaseHandler",
        "redbeat.RedBeatScheduler",
    ]
