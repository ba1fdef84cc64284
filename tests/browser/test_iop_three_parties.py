"""In Chromium: a three-party agreement is signed with three different organisations' accounts.

Rädda Barnen proposes a partnership with Tillsammans i Förening and Malmö universitet (a public
body of its own) and Fritidsnämnden. The test driver (tests/driver.py) takes the case up to the
signing as each role would over HTTP, each named party accepting in its own inbox; then each
party's signatory, and the board's secretary for the municipality, logs in, finds the case on
their start page, opens their own signing task and signs. Växtverket, no party, never sees the
case. Every page on the way is checked with axe (WCAG 2.1 A and AA)."""

import re

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from organisations.models import Board, Organisation, User
from partnerships.models import IOPInquiry, Status
from tests.browser.axe import AxeAudit
from tests.browser.steps import log_in_in_english as _log_in
from tests.driver import open_tasks, take_and_do
from tests.workflows import iop_steps as steps
from workflows.iop import services
from workflows.iop.flows import IOPFlow
from workflows.models import IOPProcess

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Tre parter i Herrgården"
AXE = AxeAudit()
SIGNATORIES = {
    "Rädda Barnen": "raddabarnen",
    "Tillsammans i Förening": "tillsammans",
    "Malmö universitet": "malmouniversitet",
}


def _to_signing() -> str:
    """The case, from the proposal to its open signing tasks, through the test driver."""
    client, board = Client(), Board.objects.get(code="frn")
    organisations = {name: Organisation.objects.get(name=name) for name in SIGNATORIES}
    users = {name: User.objects.get(username=u) for name, u in SIGNATORIES.items()}
    inquiry = services.inquiry_propose(
        acting_user=users["Rädda Barnen"],
        organisation=organisations["Rädda Barnen"],
        boards=[board],
        partners=[organisations["Tillsammans i Förening"], organisations["Malmö universitet"]],
        contributions="Ledare, lokaler och följeforskning.",
        title=TITLE,
        purpose="Trygg fritid för barn och unga.",
        target_group="Barn 6–15 år",
        public_benefit_goal="Fler barn i en meningsfull fritid.",
    )
    process = IOPProcess.objects.get(flow_class=IOPFlow, artifact_object_id=inquiry.pk)
    officer = User.objects.get(username="handlaggare")
    steps.do_one(client, officer, process, "screen", steps.screening())
    steps.do_one(client, officer, process, "investigate", steps.assessment())
    for task in open_tasks(process, "accept"):
        take_and_do(client, users[task.owner_permission_obj.name], task, {"confirm": "on"})
    steps.do_one(client, officer, process, "co_create", steps.draft(process))
    steps.do_one(client, officer, process, "write_memo", steps.MEMO)
    (decide,) = open_tasks(process, "decide")
    secretary = User.objects.get(username="fritidsnamnden")
    # The board authorises its secretary to sign for the municipality.
    take_and_do(client, secretary, decide, steps.decision(signatory=secretary))
    assert len(open_tasks(process, "sign")) == 4
    return inquiry.case.case_number


def _sign(page: Page, site_url: str, case: str, username: str):
    _log_in(page, site_url, username)
    row = page.get_by_role("row").filter(has_text=case)
    expect(row.first).to_be_visible()  # the case is on their start page
    AXE.check(page)
    row.get_by_role("link", name="Sign the agreement").first.click()
    page.wait_for_url(re.compile(r"/(assign|execute)/$"))
    if page.url.endswith("/assign/"):  # staff take it first; an association's opens at once
        page.get_by_role("button", name="Take the task and start", exact=True).click()
    page.wait_for_url(re.compile(r"/execute/$"))
    AXE.check(page)
    page.get_by_label("I confirm that I sign").check()
    page.get_by_role("button", name="Sign").click()
    page.wait_for_url(lambda url: "/execute/" not in url)
    assert page.goto(f"{site_url}/iop/{case}/").status == 200  # the case, after signing
    AXE.check(page)


def test_three_organisations_sign_one_agreement_each_with_its_own_account(
    page: Page, site_url, csp_violations
):
    case = _to_signing()
    for username in ("malmouniversitet", "tillsammans", "raddabarnen", "fritidsnamnden"):
        _sign(page, site_url, case, username)
    expect(page.get_by_text("Active partnership").first).to_be_visible()

    inquiry = IOPInquiry.objects.get(case__case_number=case)
    assert inquiry.status == Status.ACTIVE
    signed = {s.party.organisation.name: s.signed_by.username for s in inquiry.signatures.all()}
    assert {k: v for k, v in signed.items() if k in SIGNATORIES} == SIGNATORIES
    assert len(signed) == 4

    _log_in(page, site_url, "vaxtverket")
    expect(page.get_by_text(case)).to_have_count(0)
    assert page.goto(f"{site_url}/iop/{case}/").status == 404
    assert csp_violations == []
    assert AXE.violations == {}, AXE.report()
