"""End to end in Chromium: a coordinator documents a dialogue forum the way seed 002 documents
one (what each participant brought, the reflections, the next steps), makes a next step an
initiative of Växtverket, and Växtverket's member proposes it as an IOP; the case page says
which dialogue it came from, and the initiative page shows the case. Every page on the way is
checked with axe (WCAG 2.1 A and AA)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from casework.models import ChallengeArea
from cooperation.models import Event
from cooperation.services import dialogues as services
from organisations.models import Organisation, User
from tests.browser.axe import AxeAudit
from tests.browser.steps import log_in_in_english as _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Idéverkstad om ungas väg till arbete"
STEP = "Sommarjobb för unga i föreningarna"


def _planned_event() -> Event:
    coordinator = User.objects.get(username="samordnare")
    start = timezone.now() - timedelta(days=1)
    event = services.event_plan(
        acting_user=coordinator,
        organisers=[],
        kind=Event.Kind.IDEA_WORKSHOP,
        challenge_area=ChallengeArea.objects.get(slug="arbete"),
        title=TITLE,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        place="Medborgarhuset",
    )
    services.event_invite(
        event=event,
        acting_user=coordinator,
        organisations=[Organisation.objects.get(name="Växtverket")],
    )
    return event


def test_a_dialogue_next_step_becomes_an_initiative_and_an_iop_proposal(
    page: Page, site_url, csp_violations
):
    axe = AxeAudit()
    event = _planned_event()
    _log_in(page, site_url, "samordnare")
    page.goto(f"{site_url}/samverkan/dialoger/")
    axe.check(page)
    page.get_by_role("link", name=TITLE).click()
    axe.check(page)
    page.get_by_role("link", name="Write the documentation").click()
    axe.check(page)
    page.get_by_label("What was done").fill("Storytelling och harvesting, sedan World Café.")
    page.get_by_label("Reflections of the day").fill("Processen i sig är det viktiga.")
    page.locator("#id_contributions-0-participant").fill("Växtverket")
    page.locator("#id_contributions-0-brought").fill("Lokal samverkan kring arbete.")
    page.locator("#id_steps-0-text").fill(STEP)
    page.get_by_role("button", name="Save the documentation").click()
    page.wait_for_url(re.compile(rf"/samverkan/dialoger/{event.pk}/$"))
    expect(page.get_by_text("Lokal samverkan kring arbete.")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Make it an initiative").click()
    axe.check(page)
    page.get_by_label("Title").fill("Sommarjobb i föreningslivet")
    page.get_by_label("Carried by").select_option(label="Växtverket")
    page.get_by_role("button", name="Start the initiative").click()
    page.wait_for_url(re.compile(r"/samverkan/initiativ/\d+/$"))
    initiative_url = page.url
    axe.check(page)

    _log_in(page, site_url, "vaxtverket")
    page.goto(initiative_url)
    page.get_by_role("link", name="Propose it as an IOP").click()
    axe.check(page)
    expect(page.get_by_label("Name of the activity")).to_have_value("Sommarjobb i föreningslivet")
    page.get_by_label("Target group").fill("Unga 16–19 år")
    page.get_by_label("Common public-benefit goal").fill("Fler unga i arbete.")
    page.get_by_label("Fritidsnämnden").check()
    page.get_by_label("What each party would contribute").fill("Handledare och lön.")
    page.get_by_role("button", name="Send the proposal").click()
    page.wait_for_url(re.compile(r"/iop/SK-\d{4}-\d+/$"))
    case_number = re.search(r"SK-\d{4}-\d+", page.url).group(0)
    expect(page.get_by_text(f"Came from the dialogue {TITLE}")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name=re.compile("initiative: Sommarjobb")).click()
    expect(page.get_by_role("link", name=case_number)).to_be_visible()

    assert axe.violations == {}, axe.report()
    assert csp_violations == []
