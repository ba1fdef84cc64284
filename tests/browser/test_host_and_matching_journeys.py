"""End to end in Chromium, for the hosts and for matching: an idea-based host opens their
area's page, reads the host assignment stored for signing, plans an event and documents it
afterwards; an administration posts a need, an association an offer, the suggested match
shows with its reasons, both sides are interested and a coordinator confirms it, which opens
an initiative. Every page on the way is checked with axe (WCAG 2.1 A and AA)."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from casework.models import ChallengeArea
from cooperation.models import Initiative, Match
from cooperation.services import areas
from organisations.models import Organisation, User
from tests.browser.axe import AxeAudit
from tests.browser.steps import log_in_in_english as _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_host_reads_the_assignment_plans_an_event_and_documents_it(
    page: Page, site_url, csp_violations
):
    axe = AxeAudit()
    year = date.today().year
    pair = areas.host_pair_record(
        area=ChallengeArea.objects.get(slug="ungas-halsa"),
        organisation=Organisation.objects.get(name="Rädda Barnen"),
        administration=Organisation.objects.get(name="Fritidsförvaltningen"),
        period_start=date(year, 1, 1),
        period_end=date(year + 1, 12, 31),
        assignment="Värdarna planerar och håller i områdets dialoger.",
        organisation_hosts=[User.objects.get(username="raddabarnen")],
        acting_user=User.objects.get(username="samordnare"),
    )
    _log_in(page, site_url, "raddabarnen")
    page.goto(f"{site_url}/samverkan/omraden/ungas-halsa/")
    axe.check(page)
    page.get_by_role("link", name=f"The host assignment, {pair.case.case_number} version 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Host assignment")
    expect(page.get_by_text("Final", exact=True).first).to_be_visible()
    axe.check(page)

    page.go_back()
    page.get_by_role("link", name="Plan an event").click()
    axe.check(page)
    page.get_by_label("Kind").select_option(label="Dialogue forum")
    page.get_by_label("Challenge area").select_option(label="Ungas hälsa och livsstil")
    page.get_by_label("Title", exact=True).fill("Dialogforum om ungas fritid")
    page.get_by_label("Starts").fill(f"{year}-01-15T17:00")
    page.get_by_label("Ends").fill(f"{year}-01-15T19:00")
    page.get_by_label("Place", exact=True).fill("Rosengårds bibliotek")
    page.get_by_role("button", name="Plan the event").click()
    page.wait_for_url(re.compile(r"/samverkan/dialoger/\d+/$"))
    axe.check(page)
    page.get_by_role("link", name="Write the documentation").click()
    page.get_by_label("What was done").fill("Samtal i smågrupper om mötesplatser.")
    page.get_by_label("Reflections of the day").fill("Unga vill ha fler kvällsöppna platser.")
    page.locator("#id_steps-0-text").fill("Kartlägga kvällsöppna lokaler")
    page.get_by_role("button", name="Save the documentation").click()
    page.wait_for_url(re.compile(r"/samverkan/dialoger/\d+/$"))
    expect(page.get_by_text("Unga vill ha fler kvällsöppna platser.")).to_be_visible()
    axe.check(page)

    assert axe.violations == {}, axe.report()
    assert csp_violations == []


def _post(page: Page, site_url: str, organisation: str, title: str, kind: str) -> str:
    page.goto(f"{site_url}/samverkan/behov-och-erbjudanden/nytt/")
    page.get_by_label("Organisation").select_option(label=organisation)
    page.get_by_label("Title").fill(title)
    page.get_by_label("Description").fill(f"{title}: lek och idrott för unga på sommarlovet.")
    page.get_by_label("Kind").select_option(label=kind)
    page.get_by_label("Challenge area").select_option(label="Ungas hälsa och livsstil")
    page.get_by_label("District").fill("Rosengård")
    page.get_by_label("Target group").fill("unga 13–17 år")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/behov-och-erbjudanden/\d+/$"))
    page.get_by_role("button", name="Publish").click()
    return page.url


def test_a_need_and_an_offer_match_and_a_coordinator_opens_an_initiative(
    page: Page, site_url, csp_violations
):
    axe = AxeAudit()
    _log_in(page, site_url, "delegat")
    need_url = _post(page, site_url, "Fritidsförvaltningen", "Sommarlov i Rosengård", "Activities")
    axe.check(page)
    _log_in(page, site_url, "vaxtverket")
    _post(page, site_url, "Växtverket", "Sommarlovsledare", "Activities")
    suggestion = page.get_by_role("listitem").filter(has_text="Sommarlov i Rosengård").first
    expect(suggestion).to_contain_text("Works in the same challenge area")
    expect(suggestion).to_contain_text("In the same district: Rosengård")
    axe.check(page)
    suggestion.get_by_role("button", name="We are interested").click()
    expect(page.get_by_text("Your interest is recorded")).to_be_visible()

    _log_in(page, site_url, "delegat")
    page.goto(need_url)
    suggestion = page.get_by_role("listitem").filter(has_text="Sommarlovsledare").first
    expect(suggestion).to_contain_text("Asks for what is offered: Activities")
    suggestion.get_by_role("button", name="We are interested").click()
    expect(page.get_by_text("Your interest is recorded")).to_be_visible()

    _log_in(page, site_url, "samordnare")
    page.goto(f"{site_url}/samverkan/behov-och-erbjudanden/")
    axe.check(page)
    waiting = page.get_by_role("listitem").filter(has_text="Sommarlovsledare").first
    waiting.get_by_role("button", name="Confirm the match").click()
    expect(page.get_by_text("The match is confirmed and an initiative is opened.")).to_be_visible()
    match = Match.objects.get(need__title="Sommarlov i Rosengård")
    assert match.need_interested_at and match.offer_interested_at and match.confirmed_at
    assert Initiative.objects.filter(pk=match.initiative_id).exists()

    assert axe.violations == {}, axe.report()
    assert csp_violations == []
