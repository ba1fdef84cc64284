"""End to end in Chromium: a representative logs in with e-ID through the local OpenID Provider
(identity/provider, the certified `oidc-provider` package), by the authorisation code flow with
PKCE, and lands signed in at level of assurance 3, acting for their association."""

import os
import re
import shutil
import socket
import subprocess
import time
from io import StringIO
from pathlib import Path

import pytest
import requests
from django.contrib.sessions.models import Session
from django.core.management import call_command
from playwright.sync_api import Page, expect

from common.assurance import ASSURANCE_SESSION_KEY
from identity.models import LoginEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROVIDER = Path(__file__).resolve().parents[2] / "identity" / "provider"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def local_provider(site_url, settings):
    """The local OpenID Provider, registered with the live server's callback; the demo's
    accounts get the numbers it issues (demo/identity.py)."""
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


def test_a_representative_logs_in_with_e_id_at_level_3_and_may_submit(
    page: Page, site_url, local_provider
):
    authorisations = []
    page.on(
        "request",
        lambda request: (
            authorisations.append(request.url) if request.url.startswith(local_provider) else None
        ),
    )
    page.goto(f"{site_url}/accounts/login/")
    page.get_by_role("link", name="Logga in med lokal test-e-legitimation").click()
    expect(page.get_by_role("heading", name="Testinloggning")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^tillsammans:")).click()
    page.wait_for_url(f"{site_url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen")

    start = next(url for url in authorisations if "/auth?" in url)
    assert "code_challenge_method=S256" in start and "code_challenge=" in start
    assert "acr_values=http" in start
    event = LoginEvent.objects.get(user__username="tillsammans")
    assert (event.method, event.assurance, event.provider_name) == (
        "oidc",
        3,
        "lokal test-e-legitimation",
    )
    assert event.org_affiliation == event.user.memberships.first().organisation.org_number.replace(
        "-", ""
    )
    sessions = [s.get_decoded() for s in Session.objects.all()]
    assert any(s.get(ASSURANCE_SESSION_KEY) == 3 for s in sessions)

    # Proposing binds the association: at level 3 the form opens, no new login is asked for.
    page.goto(f"{site_url}/iop/propose/")
    expect(page.get_by_role("heading", level=1)).not_to_have_text(re.compile("e-legitimation"))
    expect(page.locator("form select, form input[name=title]").first).to_be_visible()
