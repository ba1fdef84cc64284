"""End to end in Chromium: Rädda Barnen proposes a partnership; an officer screens and
investigates it and co-creates the agreement with the organisation; two boards decide (one
returns it first); every party signs; the partnership is active. Växtverket never sees it.
Every page on the way is checked with axe (WCAG 2.1 A and AA)."""

import re

import pytest
from playwright.sync_api import Page, expect

from organisations.models import User
from partnerships.models import IOPInquiry, Status
from tests.browser.axe import AxeAudit
from tests.browser.steps import log_in_in_english as _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Sommarlovsklubb i Rosengård"
AXE = AxeAudit()  # the journey's pages, checked as they are reached


def _task_link(page: Page, site_url: str, case_number: str, title: str):
    page.goto(f"{site_url}/")
    AXE.check(page)
    return page.get_by_role("row").filter(has_text=case_number).get_by_role("link", name=title)


def _take_and_open(page: Page, site_url: str, case_number: str, title: str):
    """Take the case's task from the queue on the start page, then open it from the inbox (an
    association's own task opens at once, taken on the way)."""
    _task_link(page, site_url, case_number, title).first.click()
    page.wait_for_url(re.compile(r"/(assign|execute)/$"))
    if page.url.endswith("/execute/"):
        AXE.check(page)
        return
    AXE.check(page)  # viewflow's assign page
    page.get_by_role("button", name="Take the task and start", exact=True).click()
    page.wait_for_url(lambda url: "/assign/" not in url)
    _task_link(page, site_url, case_number, title).first.click()
    page.wait_for_url(re.compile(r"/execute/$"))
    AXE.check(page)


def _submit(page: Page, name: str):
    page.get_by_role("button", name=name).click()
    page.wait_for_url(lambda url: "/execute/" not in url)


def _propose(page: Page, site_url: str) -> str:
    page.goto(f"{site_url}/iop/propose/")
    AXE.check(page)
    page.get_by_role("button", name="Send the proposal").click()
    expect(page.get_by_role("alert")).to_contain_text("Name of the activity")
    AXE.check(page)  # the form with its error summary
    page.get_by_label("Name of the activity").fill(TITLE)
    page.get_by_label("Purpose").fill("Aktiviteter och läxhjälp under sommarlovet.")
    page.get_by_label("Target group").fill("Barn 7–15 år")
    page.get_by_label("Common public-benefit goal").fill("Fler barn i en meningsfull fritid.")
    page.get_by_label("Fritidsnämnden").check()
    page.get_by_label("Kulturnämnden").check()
    page.get_by_label("What each party would contribute").fill("Ledare och lokaler.")
    page.get_by_role("button", name="Send the proposal").click()
    page.wait_for_url(re.compile(r"/iop/SK-\d{4}-\d+/$"))
    AXE.check(page)
    return re.search(r"SK-\d{4}-\d+", page.url).group(0)


def _screen_and_investigate(page: Page, site_url: str, case: str):
    _take_and_open(page, site_url, case, "Screen against the IOP criteria")
    for name in ("parties", "common_goal", "both_contribute", "civil_initiative"):
        page.locator(f"input[name={name}][value=True]").check()
        page.locator(f"textarea[name={name}_reasoning]").fill("Kriteriet är uppfyllt.")
    # Not an IOP without the reasons for the initiator: the service refuses, the page shows why
    # (a 422 to Turbo) and the task stays open.
    page.locator("input[name=civil_initiative][value=False]").check()
    page.get_by_role("button", name="Done").click()
    expect(page.get_by_role("alert")).to_contain_text("Give the reasons for the initiator")
    assert page.url.endswith("/execute/")
    page.locator("input[name=civil_initiative][value=True]").check()
    _submit(page, "Done")
    _take_and_open(page, site_url, case, "Investigate: legal assessment")
    page.get_by_label("Procurement law: reasoning").fill("Ingen motprestation.")
    page.get_by_label("State aid: reasoning").fill("Inget statsstöd.")
    page.get_by_label("Personal data role").select_option("joint_controllership")
    page.locator("select[name=conclusion]").select_option("proceed")
    page.get_by_label("Conclusion: reasoning").fill("Ett IOP kan ingås.")
    _submit(page, "Save and end the investigation")


def _draft(page: Page):
    page.get_by_label("Goals and indicators").fill("Fler barn i aktivitet")
    page.get_by_label("Governance: steering group").fill("Styrgrupp med alla parter.")
    page.get_by_label("Period from").fill("2027-01-01")
    page.get_by_label("Period until").fill("2029-12-31")
    page.get_by_label("Follow-up").fill("Årlig uppföljning.")
    first = page.get_by_role("group", name="Contribution 1")
    first.get_by_label("Party").select_option(label="Fritidsnämnden")
    first.get_by_label("Kind").select_option("money")
    first.get_by_label("Description").fill("Verksamhetsbidrag")
    first.get_by_label("Amount per year (SEK)").fill("300000")
    first.get_by_label("Paid to").select_option(label="Rädda Barnen")


def _memo(page: Page, site_url: str, case: str):
    _take_and_open(page, site_url, case, "Co-create the agreement")
    _submit(page, "Save: the draft is agreed, go on to the memo")
    _take_and_open(page, site_url, case, "Write the memo to the boards")
    page.get_by_label("Summary").fill("Stadskontoret föreslår ett IOP.")
    page.get_by_label("Proposed decision").fill("Nämnden godkänner avtalet.")
    page.get_by_label("The decision is sent to").fill("Rädda Barnen")
    _submit(page, "Done")


def _decide(page: Page, site_url: str, case: str, secretary: str, outcome: str):
    _log_in(page, site_url, secretary)
    _take_and_open(page, site_url, case, "Record the board's decision")
    page.get_by_label(outcome).check()
    page.get_by_label("Meeting date").fill("2027-02-01")
    page.get_by_label("Protocol §").fill("§ 14")
    if outcome == "Approved":  # the board authorises its secretary to sign for it
        person = User.objects.get(username=secretary).get_full_name()
        page.get_by_label("Authorised to sign").select_option(label=person)
    _submit(page, "Done")


def _sign(page: Page, site_url: str, case: str, signatory: str):
    _log_in(page, site_url, signatory)
    _take_and_open(page, site_url, case, "Sign the agreement")
    page.get_by_label("I confirm that I sign").check()
    _submit(page, "Sign")


def _vaxtverket_sees_nothing(page: Page, site_url: str, case: str):
    _log_in(page, site_url, "vaxtverket")
    expect(page.get_by_text(case)).to_have_count(0)
    page.goto(f"{site_url}/tasks/queue/")
    expect(page.get_by_text(case)).to_have_count(0)
    AXE.check(page)
    assert page.goto(f"{site_url}/iop/{case}/").status == 404


def test_a_proposal_goes_from_raddabarnen_to_an_active_partnership(
    page: Page, site_url, csp_violations
):
    _log_in(page, site_url, "raddabarnen")
    case = _propose(page, site_url)
    _vaxtverket_sees_nothing(page, site_url, case)

    _log_in(page, site_url, "handlaggare")
    _screen_and_investigate(page, site_url, case)
    _take_and_open(page, site_url, case, "Co-create the agreement")
    _draft(page)
    _submit(page, "Save and send to the organisation for review")

    _log_in(page, site_url, "raddabarnen")
    _take_and_open(page, site_url, case, "Review the draft agreement")
    page.get_by_label("We ask for changes").check()
    page.get_by_label("Comment").fill("Lägg till sommarlovet.")
    _submit(page, "Send the answer")
    _vaxtverket_sees_nothing(page, site_url, case)

    _log_in(page, site_url, "handlaggare")
    _memo(page, site_url, case)
    _log_in(page, site_url, "raddabarnen")
    expect(_task_link(page, site_url, case, "Record the board's decision")).to_have_count(0)
    _decide(page, site_url, case, "fritidsnamnden", "Returned for more work")
    _log_in(page, site_url, "kulturnamnden")
    expect(_task_link(page, site_url, case, "Record the board's decision")).to_have_count(0)

    _log_in(page, site_url, "handlaggare")
    _take_and_open(page, site_url, case, "Revise the agreement or close the inquiry")
    page.get_by_label("Revise the agreement with the parties").check()
    page.get_by_label("Reason").fill("Tydligare budget.")
    _submit(page, "Done")
    _memo(page, site_url, case)
    _decide(page, site_url, case, "fritidsnamnden", "Approved")
    _decide(page, site_url, case, "kulturnamnden", "Approved")

    for signatory in ("raddabarnen", "fritidsnamnden", "kulturnamnden"):
        _sign(page, site_url, case, signatory)
    expect(page.get_by_text("Active partnership").first).to_be_visible()
    AXE.check(page)

    inquiry = IOPInquiry.objects.get(case__case_number=case)
    assert inquiry.status == Status.ACTIVE and inquiry.signatures.count() == 3
    assert [d.outcome for d in inquiry.board_decisions.order_by("round", "board__name")] == [
        "returned",
        "approved",
        "approved",
    ]
    _vaxtverket_sees_nothing(page, site_url, case)
    assert csp_violations == []
    assert len(AXE.pages) >= 10
    assert AXE.violations == {}, AXE.report()
