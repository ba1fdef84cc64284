"""End to end in Chromium: Rädda Barnen applies for a holiday-activity grant; an officer asks
for a supplement, then assesses it; the delegate decides it within the delegation order; it is
paid, reported back and approved. A development grant over every delegation goes to the board
with the officer's memo, and the board's secretary records the decision. Each task is taken
from the inbox of the person whose turn it is; Växtverket never sees any of it."""

import os
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from demo import files
from documents.kinds import Kind
from documents.models import Document
from funding.models import FundingApplication
from organisations.models import User
from tests.browser.axe import AxeAudit
from tests.browser.steps import log_in_in_english as _log_in
from workflows import queues

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = {"mimeType": "application/pdf", "buffer": files.pdf("demo")}


@pytest.fixture
def funding_site(site_url):
    # the programmes, and who holds which point of their delegation order
    call_command("load_demo", "--only", "programmes", "delegations", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return site_url


def _save(page: Page, name: str, url_pattern: str):
    page.get_by_role("button", name=name).click()
    page.wait_for_url(re.compile(url_pattern))


def _open_step(page: Page, axe: AxeAudit, link: str):
    page.get_by_role("link", name=link).click()
    page.wait_for_url(re.compile(r"/funding/applications/\d+/\w+/$"))
    axe.check(page)


HOLIDAY = (
    "Lovaktivitetsbidrag",
    "30000",
    (("activity_plan", "plan.pdf"), ("budget", "budget.pdf")),
)
DEVELOPMENT = (
    "Utvecklingsbidrag",
    "80000",
    (("activity_plan", "plan.pdf"), ("budget", "budget.pdf"), ("idea_workshop", "intyg.pdf")),
)


def _apply(
    page: Page, site_url: str, axe: AxeAudit, title="Sommarfotboll", programme=HOLIDAY
) -> str:
    name, amount, attachments = programme
    page.goto(f"{site_url}/funding/")
    axe.check(page)
    page.locator("summary", has_text=name).click()
    page.locator("details[open]").get_by_label("Name of the activity").fill(title)
    _save(page, "Start the application", r"/funding/applications/\d+/$")
    detail_url = page.url
    axe.check(page)
    _open_step(page, axe, "About the activity")
    page.get_by_label("What you want to do and why").fill("Fotboll varje kväll i juli.")
    page.get_by_label("Activity starts").fill("2030-07-01")
    page.get_by_label("Activity ends").fill("2030-07-31")
    _save(page, "Save and go back", r"/funding/applications/\d+/$")
    _open_step(page, axe, "Money and other funding")
    page.get_by_label("Amount applied for").fill(amount)
    _save(page, "Save and go back", r"/funding/applications/\d+/$")
    _open_step(page, axe, "Attachments")
    for kind, file_name in attachments:
        page.get_by_label("What is it?").select_option(kind)
        page.locator("input[type=file]").set_input_files({"name": file_name, **PDF})
        page.get_by_role("button", name="Upload").click()
        expect(page.get_by_role("link", name=file_name)).to_be_visible()
    axe.check(page)
    page.goto(detail_url)
    _open_step(page, axe, "Check your answers and send")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your answers")
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text(re.compile(r"FRN-\d{4}-\d{5}")).first).to_be_visible()
    axe.check(page)
    return detail_url


def _take_and_open(page: Page, site_url: str, task_title: str, axe: AxeAudit):
    """Take the task from the queue on the start page, then open it from the inbox (an
    association's own task opens at once, taken on the way)."""
    page.goto(f"{site_url}/")
    axe.check(page)
    page.get_by_role("link", name=task_title).first.click()
    page.wait_for_url(re.compile(r"/(assign|execute)/$"))
    if page.url.endswith("/execute/"):
        axe.check(page)
        return
    axe.check(page)
    page.get_by_role("button", name="Take the task and start", exact=True).click()
    page.wait_for_url(lambda url: "/assign/" not in url)
    axe.check(page)
    page.goto(f"{site_url}/")
    page.get_by_role("link", name=task_title).first.click()
    page.wait_for_url(re.compile(r"/execute/$"))
    axe.check(page)


def _complete(page: Page):
    page.get_by_role("button", name="Done: complete the task").click()
    page.wait_for_url(lambda url: "/execute/" not in url)


def _nothing_for(page: Page, site_url: str, title: str, detail_url: str, axe: AxeAudit):
    """Växtverket: not in its inbox, not in its list, 404 on the application."""
    assert not queues.queue(User.objects.get(username="vaxtverket")).exists()
    _log_in(page, site_url, "vaxtverket")
    expect(page.get_by_text(title)).to_have_count(0)
    axe.check(page)
    page.goto(f"{site_url}/funding/")
    expect(page.get_by_text(title)).to_have_count(0)
    assert page.goto(detail_url).status == 404


def _in_inbox(page: Page, site_url: str, task_title: str, visible=True):
    page.goto(f"{site_url}/")
    expect(page.get_by_role("link", name=task_title)).to_have_count(1 if visible else 0)


def _assess(page: Page, site_url: str, axe: AxeAudit):
    _take_and_open(page, site_url, "Assess the application", axe)
    page.get_by_label("I have no conflict of interest").check()
    page.get_by_label("Assessment", exact=True).fill("Väl förankrat hos unga.")
    page.get_by_label("Proposed decision").select_option("approved")
    for select in page.locator("select[name^=score_]").all():
        select.select_option("4")
    _complete(page)


def _status(title: str) -> str:
    return FundingApplication.objects.get(title=title).status


def test_an_application_goes_from_supplement_to_an_approved_report_back(
    page: Page, funding_site, csp_violations, axe
):
    site_url = funding_site
    _log_in(page, site_url, "raddabarnen")
    detail_url = _apply(page, site_url, axe)
    _nothing_for(page, site_url, "Sommarfotboll", detail_url, axe)

    _log_in(page, site_url, "handlaggare")
    _take_and_open(page, site_url, "Check that the application is complete", axe)
    page.get_by_label("No, ask the organisation for a supplement").check()
    page.get_by_label("What is missing").fill("Skriv hur många ledare som är med.")
    page.get_by_label("Answer by").fill(f"{timezone.localdate() + timedelta(days=10):%Y-%m-%d}")
    _complete(page)
    assert _status("Sommarfotboll") == "supplement_requested"

    _log_in(page, site_url, "raddabarnen")
    _take_and_open(page, site_url, "Complete the application", axe)
    page.get_by_label("Your answer").fill("Fyra ledare är med varje kväll.")
    _complete(page)

    _log_in(page, site_url, "handlaggare")
    _take_and_open(page, site_url, "Check that the application is complete", axe)
    page.get_by_label("Yes, it can be assessed").check()
    _complete(page)
    _assess(page, site_url, axe)

    _log_in(page, site_url, "fritidsnamnden")
    _in_inbox(page, site_url, "Record the board's decision", visible=False)
    _log_in(page, site_url, "delegat")
    _take_and_open(page, site_url, "Decide on the application (delegation)", axe)
    page.get_by_label("I have no conflict of interest").check()
    page.get_by_label("Reasons").fill("Aktiviteten uppfyller programmets villkor.")
    _complete(page)
    application = FundingApplication.objects.get(title="Sommarfotboll")
    assert application.status == "granted"
    assert application.decision.authority == "delegate"
    assert application.decision.amount_granted == 30000

    _log_in(page, site_url, "handlaggare")
    _take_and_open(page, site_url, "Pay out the grant", axe)
    _complete(page)
    assert _status("Sommarfotboll") == "paid"

    _log_in(page, site_url, "raddabarnen")
    _take_and_open(page, site_url, "Report back on the grant", axe)
    page.get_by_label("What was done").fill("Fyra veckor fotboll med 40 barn.")
    page.get_by_label("Money used of the grant (kr)").fill("30000")
    page.locator("input[type=file]").set_input_files({"name": "kvitton.pdf", **PDF})
    _complete(page)

    _log_in(page, site_url, "handlaggare")
    _take_and_open(page, site_url, "Review the report-back", axe)
    expect(page.get_by_role("link", name="kvitton.pdf")).to_be_visible()
    page.get_by_label("Approved").check()
    _complete(page)
    assert _status("Sommarfotboll") == "closed"

    _nothing_for(page, site_url, "Sommarfotboll", detail_url, axe)
    assert csp_violations == []
    print(f"axe: {len(axe.pages)} pages checked")
    assert axe.violations == {}, axe.report()


def test_an_application_over_the_delegation_goes_to_the_board_with_a_memo(
    page: Page, funding_site, csp_violations, axe
):
    site_url = funding_site
    _log_in(page, site_url, "raddabarnen")
    detail_url = _apply(page, site_url, axe, "Ungdomsråd i Fosie", DEVELOPMENT)

    _log_in(page, site_url, "handlaggare")
    _take_and_open(page, site_url, "Check that the application is complete", axe)
    page.get_by_label("Yes, it can be assessed").check()
    _complete(page)
    _assess(page, site_url, axe)
    _take_and_open(page, site_url, "Write the memo to the board", axe)
    expect(page.get_by_label("Proposed decision")).to_have_value(re.compile("80 000 kr"))
    page.get_by_label("Board meeting").fill(f"{timezone.localdate() + timedelta(days=14):%Y-%m-%d}")
    _complete(page)

    _log_in(page, site_url, "delegat")
    _in_inbox(page, site_url, "Decide on the application (delegation)", visible=False)
    _log_in(page, site_url, "fritidsnamnden")
    _take_and_open(page, site_url, "Record the board's decision", axe)
    page.get_by_label("I have no conflict of interest").check()
    page.get_by_label("Reasons").fill("Nämnden bifaller enligt förslaget.")
    page.get_by_label("Board meeting").fill(f"{timezone.localdate():%Y-%m-%d}")
    page.get_by_label("Protocol §").fill("§ 42")
    _complete(page)

    application = FundingApplication.objects.get(title="Ungdomsråd i Fosie")
    assert application.status == "granted"
    assert (application.decision.authority, application.decision.protocol_paragraph) == (
        "board",
        "§ 42",
    )
    kinds = set(Document.objects.filter(case=application.case).values_list("kind", flat=True))
    assert {Kind.BOARD_MEMO, Kind.DECISION_LETTER} <= kinds

    _log_in(page, site_url, "raddabarnen")
    page.goto(detail_url)
    expect(page.get_by_text("Granted").first).to_be_visible()
    _nothing_for(page, site_url, "Ungdomsråd i Fosie", detail_url, axe)
    assert csp_violations == []
    print(f"axe: {len(axe.pages)} pages checked")
    assert axe.violations == {}, axe.report()
