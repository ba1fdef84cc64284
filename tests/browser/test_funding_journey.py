"""End to end in Chromium: Rädda Barnen applies for a holiday-activity grant; an officer
checks and assesses it; the delegate decides it within the delegation order. Växtverket
never sees any of it."""

import os
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from funding.models import FundingApplication
from tests.browser.steps import log_in_in_english as _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = {"mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% demo\n"}


@pytest.fixture
def funding_site(site_url):
    call_command("load_funding_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return site_url


def _save(page: Page, name: str, url_pattern: str):
    page.get_by_role("button", name=name).click()
    page.wait_for_url(re.compile(url_pattern))


def _apply(page: Page, site_url: str) -> str:
    page.goto(f"{site_url}/funding/")
    page.locator("summary", has_text="Lovaktivitetsbidrag").click()
    page.locator("details[open]").get_by_label("Name of the activity").fill("Sommarfotboll")
    _save(page, "Start the application", r"/funding/applications/\d+/$")
    detail_url = page.url
    page.get_by_role("link", name="About the activity").click()
    page.get_by_label("What you want to do and why").fill("Fotboll varje kväll i juli.")
    page.get_by_label("Activity starts").fill("2030-07-01")
    page.get_by_label("Activity ends").fill("2030-07-31")
    _save(page, "Save and go back", r"/funding/applications/\d+/$")
    page.get_by_role("link", name="Money and other funding").click()
    page.get_by_label("Amount applied for").fill("30000")
    _save(page, "Save and go back", r"/funding/applications/\d+/$")
    page.get_by_role("link", name="Attachments").click()
    for kind, name in (("activity_plan", "plan.pdf"), ("budget", "budget.pdf")):
        page.get_by_label("What is it?").select_option(kind)
        page.locator("input[type=file]").set_input_files({"name": name, **PDF})
        page.get_by_role("button", name="Upload").click()
        expect(page.get_by_role("link", name=name)).to_be_visible()
    page.goto(detail_url)
    page.get_by_role("link", name="Check your answers and send").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your answers")
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text(re.compile(r"FRN-\d{4}-\d{5}")).first).to_be_visible()
    return detail_url


def _take_and_open(page: Page, site_url: str, task_title: str):
    """Take the task from the queue on the start page, then open it from the inbox."""
    page.goto(f"{site_url}/")
    page.get_by_role("link", name=task_title).first.click()
    page.get_by_role("button", name="Assign", exact=True).click()
    page.wait_for_url(lambda url: "/assign/" not in url)
    page.goto(f"{site_url}/")
    page.get_by_role("link", name=task_title).first.click()
    page.wait_for_url(re.compile(r"/execute/$"))


def _complete(page: Page):
    page.get_by_role("button", name="Done: complete the task").click()
    page.wait_for_url(lambda url: "/execute/" not in url)


def test_an_application_is_checked_assessed_and_decided_under_delegation(
    page: Page, funding_site, csp_violations
):
    site_url = funding_site
    _log_in(page, site_url, "raddabarnen")
    detail_url = _apply(page, site_url)

    _log_in(page, site_url, "vaxtverket")
    expect(page.get_by_text("Sommarfotboll")).to_have_count(0)
    page.goto(f"{site_url}/funding/")
    expect(page.get_by_text("Sommarfotboll")).to_have_count(0)
    assert page.goto(detail_url).status == 404

    _log_in(page, site_url, "handlaggare")
    _take_and_open(page, site_url, "Check that the application is complete")
    page.get_by_label("Yes, it can be assessed").check()
    _complete(page)
    _take_and_open(page, site_url, "Assess the application")
    page.get_by_label("I have no conflict of interest").check()
    page.get_by_label("Assessment", exact=True).fill("Väl förankrat hos unga.")
    page.get_by_label("Proposed decision").select_option("approved")
    for select in page.locator("select[name^=score_]").all():
        select.select_option("4")
    _complete(page)

    _log_in(page, site_url, "delegat")
    _take_and_open(page, site_url, "Decide on the application (delegation)")
    page.get_by_label("Reasons").fill("Aktiviteten uppfyller programmets villkor.")
    _complete(page)

    application = FundingApplication.objects.get(title="Sommarfotboll")
    assert application.status == "granted"
    assert application.decision.authority == "delegate"
    assert application.decision.amount_granted == 30000

    _log_in(page, site_url, "vaxtverket")
    expect(page.get_by_text("Sommarfotboll")).to_have_count(0)
    assert csp_violations == []
