"""The deployment files under deploy/ are what systemd and nginx accept, and the environment
files are the settings production starts with."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
INSTALLED = "/srv/samverkan/app"


def _program(name: str) -> str:
    program = shutil.which(name) or f"/usr/sbin/{name}"
    if not Path(program).exists():
        pytest.skip(f"needs {name}; CI installs it")
    return program


def test_every_role_has_a_unit_and_only_the_migration_migrates():
    assert [unit.stem for unit in UNITS] == [
        "samverkan-migrate",
        "samverkan-scheduler",
        "samverkan-web",
        "samverkan-worker",
    ]
    for unit in UNITS:
        starts = [line for line in unit.read_text().splitlines() if line.startswith("ExecStart=")]
        assert len(starts) == 1
        assert ("migrate" in starts[0]) == (unit.stem == "samverkan-migrate"), starts
        role = unit.stem.removeprefix("samverkan-")
        assert f"EnvironmentFile=/etc/samverkan/{role}.env" in unit.read_text()


def test_the_systemd_units_pass_systemd_analyze_verify(tmp_path):
    # Offline, as these machines run no systemd. `verify` checks that each program exists: the
    # units are checked with this checkout's programs in the place of /srv/samverkan/app's.
    analyze = _program("systemd-analyze")
    venv = Path(sys.prefix)
    for unit in UNITS:
        text = unit.read_text().replace(f"{INSTALLED}/.venv", str(venv))
        (tmp_path / unit.name).write_text(text.replace(INSTALLED, str(ROOT)))
    result = subprocess.run(
        [analyze, "verify", "--man=no", *sorted(str(path) for path in tmp_path.iterdir())],
        capture_output=True,
        text=True,
        check=False,
    )
    # Any warning (an unknown key, a bad value) fails too.
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_the_nginx_configuration_passes_nginx_t(tmp_path):
    nginx = _program("nginx")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=samverkan.example.se", "-keyout", str(tmp_path / "privkey.pem")]
        + ["-out", str(tmp_path / "fullchain.pem")],
        capture_output=True,
        check=True,
    )
    site = (DEPLOY / "nginx" / "samverkan.conf").read_text()
    (tmp_path / "site.conf").write_text(site.replace("/etc/ssl/samverkan", str(tmp_path)))
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  include {tmp_path}/site.conf;\n}}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "[warn]" not in result.stderr
    # The client's own address, set (not appended) for the web hosts' TRUSTED_PROXIES.
    assert site.count("proxy_set_header X-Forwarded-For $remote_addr;") == 2
    # A POST a host may have acted on is never resent to the other.
    retries = [line for line in site.splitlines() if "proxy_next_upstream " in line]
    assert retries and not any("non_idempotent" in line for line in retries)


def _environment(*names: str) -> dict[str, str]:
    values = {}
    for name in names:
        for line in (DEPLOY / "env" / f"{name}.env").read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                key, _, value = line.partition("=")
                values[key] = value
    return values


def test_the_example_environment_of_a_web_host_is_what_production_starts_with():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(_environment("common", "web"))
    for key in ("CACHE_URL", "CELERY_BROKER_URL", "CLAMAV_ADDRESS", "PRIVATE_MEDIA_ROOT"):
        assert key in env
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEPLOYMENT_HOSTS, s.DATABASES['default']['DISABLE_SERVER_SIDE_CURSORS'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["multi", "True"]
    migrate = _environment("common", "migrate")
    assert ":5432/" in migrate["DATABASE_URL"] and migrate["DATABASE_TRANSACTION_POOLER"] == "false"
