import os
import shutil
import socket
import subprocess
import time
from io import StringIO
from pathlib import Path

import pytest
import requests
from django.core.management import call_command

from tests.browser.axe import AxeAudit

PROVIDER = Path(__file__).resolve().parents[2] / "identity" / "provider"

# Playwright runs an event loop in the test thread; Django's ORM is used there synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def site_url(live_server, demo_data):
    """The live server, with the demo register and accounts loaded."""
    return live_server.url


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "sv-SE", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def csp_violations(page):
    """Content-Security-Policy violations the browser reports while a test runs."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


@pytest.fixture
def axe():
    """Checks pages with axe-core; a test asserts ``axe.violations == {}`` at its end."""
    return AxeAudit()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def local_provider(site_url, settings):
    """The local OpenID Provider (identity/provider, the certified `oidc-provider` package),
    registered with the live server's callback; the demo's accounts get the numbers it issues
    (demo/identity.py). Yields its issuer."""
    node, npm = shutil.which("node"), shutil.which("npm")
    assert node and npm, "Node.js runs the local OpenID Provider (.ci/run installs it)"
    if not (PROVIDER / "node_modules").exists():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=PROVIDER, check=True)
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "OIDC_PORT": str(port),
        "OIDC_REDIRECT_URIS": f"{site_url}/accounts/e-id/callback/",
    }
    process = subprocess.Popen(
        [node, "server.mjs"], cwd=PROVIDER, env=env, stdout=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)  # the provider is starting
        settings.DEMO_OIDC_ISSUER = issuer
        call_command("load_demo", "--only", "identity", stdout=StringIO())
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=10)
