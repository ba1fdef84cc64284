"""In Chromium, in Swedish: a coordinator moves a planned dialogue to another place, tries to
cancel it without a reason (the error is on the field), cancels it with one, and the page then
says it is cancelled and why, with no registration. Every page is checked with axe."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cooperation.models import Event
from cooperation.services import dialogues as services
from organisations.models import Role
from tests import factories
from tests.browser.axe import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set to a directory to keep a screenshot of each page (to look at them).
SHOTS = os.environ.get("SCREENSHOT_DIR")


def _look(page: Page, axe: AxeAudit, name: str) -> None:
    axe.check(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_a_coordinator_moves_and_then_cancels_a_dialogue(page: Page, live_server, csp_violations):
    axe = AxeAudit()
    coordinator = factories.staff(Role.COORDINATOR, username="samordnaren")
    coordinator.set_password("secret-password-1")
    coordinator.save()
    start = timezone.now() + timedelta(days=10)
    event = services.event_plan(
        acting_user=coordinator,
        organisers=[],
        kind=Event.Kind.DIALOGUE_FORUM,
        challenge_area=factories.ChallengeAreaFactory(),
        title="Dialogforum om trygghet",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Medborgarhuset",
        is_published=True,
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Användarnamn").fill("samordnaren")
    page.get_by_label("Lösenord").fill("secret-password-1")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/samverkan/dialoger/{event.pk}/")
    page.get_by_role("link", name="Ändra träffen").click()
    _look(page, axe, "event_change")
    page.get_by_label("Plats", exact=True).fill("Stadsbiblioteket")
    page.get_by_role("button", name="Spara ändringarna").click()
    expect(page.get_by_text("Träffen är ändrad.")).to_be_visible()

    page.get_by_role("link", name="Ställ in träffen").click()
    page.get_by_role("button", name="Ställ in träffen").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv varför träffen ställs in.")
    _look(page, axe, "event_cancel_refused")
    page.get_by_label("Varför ställs träffen in?").fill("Lokalen är vattenskadad.")
    page.get_by_role("button", name="Ställ in träffen").click()

    expect(page.get_by_text("Träffen ställdes in den")).to_be_visible()
    expect(page.get_by_text("Lokalen är vattenskadad.")).to_be_visible()
    expect(page.get_by_role("button", name="Registrera")).to_have_count(0)
    expect(page.get_by_role("link", name="Ställ in träffen")).to_have_count(0)
    _look(page, axe, "event_cancelled")
    assert axe.violations == {}, axe.report()
    assert csp_violations == []
