"""End to end in Chromium: a representative logs in with e-ID through the local OpenID Provider
(identity/provider, the certified `oidc-provider` package), by the authorisation code flow with
PKCE, and lands signed in at level of assurance 3, acting for their association."""

import re

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import Page, expect

from common.assurance import ASSURANCE_SESSION_KEY
from identity.models import LoginEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
