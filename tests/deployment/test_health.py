"""Liveness and readiness (config/health.py): what the load balancer and each role's supervisor
ask before sending a host work."""

import pytest

from config import health
from config.celery import app as celery_app

UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


def test_liveness_answers_without_the_database_a_session_or_a_known_host_name(client):
    # No `db` fixture: a query would fail the test. A prober asks by the host's own address.
    response = client.get(health.LIVE_PATH, HTTP_HOST="10.77.0.11:8000")
    assert response.status_code == 200
    assert response.content == b"live\n"
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response


def test_readiness_answers_200_when_every_shared_service_answers(client, db, settings):
    # Over plain HTTP from inside the network, where production redirects everything else.
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/accounts/login/").status_code == 301
    response = client.get(health.READY_PATH, HTTP_HOST="10.77.0.11:8000")
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]
    lines = response.content.decode().splitlines()
    assert lines[0] == "ready"
    assert {line.split(":")[0] for line in lines[1:]} == set(health.CHECKS)


@pytest.fixture
def broker_down():
    previous = (celery_app.conf.task_always_eager, celery_app.conf.broker_url)
    celery_app.conf.update(task_always_eager=False, broker_url=UNREACHABLE_REDIS)
    yield
    celery_app.conf.update(task_always_eager=previous[0], broker_url=previous[1])


def _missing_migration(settings, tmp_path, monkeypatch):
    health._migrations()  # the release's migrations, read once per process
    monkeypatch.setattr(
        health, "_migrations_on_disk", {*health._migrations_on_disk, ("casework", "9999_next")}
    )


def _cache_down(settings, tmp_path, monkeypatch):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": UNREACHABLE_REDIS,
        },
    }


def _storage_unwritable(settings, tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": blocked / "private"}},
    }


def _assert_not_ready(response, failing):
    assert response.status_code == 503
    lines = response.content.decode().splitlines()
    assert lines[0] == "not ready"
    assert [line.split(":")[0] for line in lines[1:] if "failed" in line] == [failing]
    # A short body that names no address of a service.
    assert "127.0.0.1" not in response.content.decode()
    assert len(response.content) < 400


@pytest.mark.parametrize(
    ("failing", "breaks"),
    [
        ("migrations", _missing_migration),
        ("cache", _cache_down),
        ("storage", _storage_unwritable),
    ],
)
def test_readiness_answers_503_naming_the_service_that_does_not_answer(
    client, db, monkeypatch, settings, tmp_path, failing, breaks
):
    breaks(settings, tmp_path, monkeypatch)
    _assert_not_ready(client.get(health.READY_PATH), failing)


def test_readiness_answers_503_while_the_broker_does_not_answer(client, db, broker_down):
    _assert_not_ready(client.get(health.READY_PATH), "broker")


def test_readiness_answers_503_while_the_database_has_no_tables(client, db, monkeypatch):
    # A fresh database before the one-off `migrate`: no table of migrations at all.
    monkeypatch.setattr(health.MigrationRecorder, "has_table", lambda self: False)
    _assert_not_ready(client.get(health.READY_PATH), "migrations")
