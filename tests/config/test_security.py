import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests import factories

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_and_nosniff(client, member):
    client.force_login(member)
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_logins_are_throttled_after_five_failures(client):
    user = factories.UserFactory(username="forening")
    for _ in range(5):
        client.post(reverse("login"), {"username": "forening", "password": "fel"})
    response = client.post(
        reverse("login"), {"username": "forening", "password": "secret-password-1"}
    )
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert user.pk


@pytest.mark.django_db
def test_a_new_session_key_is_given_at_login(client, demo_data):
    client.get(reverse("login"))
    client.cookies["sessionid"] = "attacker-chosen"
    client.post(reverse("login"), {"username": "handlaggare", "password": "demo"})
    assert client.session.session_key != "attacker-chosen"


# What production requires besides the secret key, set as the README's table says.
_REQUIRED = {
    "TRUSTED_PROXIES": "127.0.0.1",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "CLAMAV_ADDRESS": "tcp://127.0.0.1:3310",
}
_KEY = "x" * 64 + "ÅÄÖ-prod-key-0123456789"


def _production(env_extra):
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k not in _REQUIRED
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DATABASE_URL": "sqlite:////tmp/samverkan-check.sqlite3",
            **_REQUIRED,
            **env_extra,
        }
    )
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _production({})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("setting", sorted(_REQUIRED))
def test_production_refuses_to_start_without_a_required_setting(setting):
    result = _production({"DJANGO_SECRET_KEY": _KEY, setting: None})
    assert result.returncode != 0
    assert setting in result.stderr


def test_production_refuses_a_registry_webhook_without_a_strong_secret():
    result = _production(
        {
            "DJANGO_SECRET_KEY": _KEY,
            "REGISTRY_WEBHOOK_URL": "https://diarium.example.se/events",
            "REGISTRY_WEBHOOK_SECRET": "short",
        }
    )
    assert result.returncode != 0
    assert "REGISTRY_WEBHOOK_SECRET" in result.stderr


def test_production_settings_pass_the_deployment_check():
    result = _production(
        {
            "DJANGO_SECRET_KEY": _KEY,
            "DJANGO_ALLOWED_HOSTS": "samverkan.example.se",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
