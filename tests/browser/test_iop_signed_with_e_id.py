# ruff: noqa: S607 - runs poppler's and NSS's tools, found on the PATH
"""End to end in Chromium: the demo IOP agreement, Kraftsamling Herrgården, signed with e-ID.

The demo builds the agreement as `make demo` does (demo/iop.py: six parties, the three boards'
decisions), up to its signatures. Then the authorised signatory of every party logs in with
e-ID through the local OpenID Provider (authorisation code flow with PKCE, level 3), acting for
their organisation (its `orgAffiliation`) or, for the municipality, as the secretary each board
authorised, opens their signing task and signs: each signature goes through the local signing
service (test CA, time stamps from certomancer's TSA), and after the last the municipality
seals. The final PDF then holds one valid signature per signatory plus the seal, time-stamped,
by pyHanko's validator and by poppler's `pdfsig`; a party downloads it and its validation
report from the document's page."""

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from casework.models import AuditEvent
from demo import iop as demo_iop
from documents.kinds import Kind
from documents.models import Document
from documents.signing import validation
from identity.models import LoginEvent
from organisations.models import Organisation
from partnerships.actions import PartnershipAction
from partnerships.models import IOPInquiry, Status
from tests.browser.steps import log_in_with_e_id
from tests.signing import local_pki, pdfsig  # noqa: F401 - the fixture used

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each party's authorised signatory, in the order they sign: the associations and the
# university act for their organisation, each board's secretary signs for it (its decision).
SIGNATORIES = {
    "Rädda Barnen": "raddabarnen",
    "Tillsammans i Förening": "tillsammans",
    "Malmö universitet": "malmouniversitet",
    "Fritidsförvaltningen": "fritidsnamnden",
    "Kulturförvaltningen": "kulturnamnden",
    "Stadskontoret": "kommunstyrelsen",
}


@pytest.fixture
def demo_data(db, monkeypatch):
    """The demo (register, programmes, accounts and IOP inquiries) as `make demo` loads it, but
    Kraftsamling Herrgården left at its signatures: those are given in the browser here."""
    monkeypatch.setattr(demo_iop._Inquiries, "_sign_all", lambda self, process, inquiry: None)
    with Path("/dev/null").open("w") as devnull:
        parts = ["register", "programmes", "accounts", "iop"]
        call_command("load_demo", "--only", *parts, stdout=devnull)


@pytest.fixture
def signing(site_url, local_provider, local_pki, settings):  # noqa: F811 - the fixture
    """The local signing service and its TSA, once the demo is loaded (its memos unsealed)."""
    for name, value in local_pki.items():
        setattr(settings, name, value)


def _sign(page: Page, site_url: str, case: str, username: str):
    log_in_with_e_id(page, site_url, username)
    row = page.get_by_role("row").filter(has_text=case)
    row.get_by_role("link", name="Skriv under avtalet").first.click()
    page.wait_for_url(re.compile(r"/(assign|execute)/$"))
    if page.url.endswith("/assign/"):  # the board's secretary takes the board's task first
        page.get_by_role("button", name="Ta uppgiften och börja", exact=True).click()
        page.wait_for_url(re.compile(r"/execute/$"))
    page.get_by_label("Jag bekräftar att jag skriver under").check()
    page.get_by_role("button", name="Skriv under", exact=True).click()
    page.wait_for_url(lambda url: "/execute/" not in url)


def test_every_party_signs_the_demo_agreement_with_e_id_and_the_municipality_seals_it(
    page: Page, site_url, signing, tmp_path
):
    inquiry = IOPInquiry.objects.get(case__title=demo_iop.KRAFTSAMLING)
    case = inquiry.case.case_number
    assert {p.organisation.name for p in inquiry.parties.all()} == set(SIGNATORIES)

    for username in SIGNATORIES.values():
        _sign(page, site_url, case, username)

    inquiry.refresh_from_db()
    assert inquiry.status == Status.ACTIVE
    signed = {s.party.organisation.name: s.signed_by.username for s in inquiry.signatures.all()}
    assert signed == SIGNATORIES
    # Each logged in with e-ID at level 3, the associations acting for their organisation (the
    # broker's orgAffiliation); each signature records on what the signer binds the party.
    logins = LoginEvent.objects.filter(user__username__in=SIGNATORIES.values())
    assert {(e.method, e.assurance) for e in logins} == {("oidc", 3)}
    for name, username in list(SIGNATORIES.items())[:3]:
        number = Organisation.objects.get(name=name).org_number.replace("-", "")
        assert logins.filter(user__username=username, org_affiliation=number).exists(), name
    bases = {
        e.actor.username: e.data["basis"]
        for e in AuditEvent.objects.filter(action=PartnershipAction.AGREEMENT_SIGNED)
    }
    people = list(SIGNATORIES.values())
    assert [bases[u] for u in people[3:]] == ["board_decision"] * 3
    assert {bases[u] for u in people[:3]} <= {"evidence", "broker"}

    # A party's signatory, in a new e-ID session, downloads from the document's page the
    # agreement as signed and sealed, and the validation report.
    log_in_with_e_id(page, site_url, "tillsammans")
    document = Document.objects.get(case=inquiry.case, kind=Kind.IOP_AGREEMENT, status="final")
    page.goto(f"{site_url}{document.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Undertecknanden")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner den undertecknade pdf-filen").click()
    final = Path(download.value.path()).read_bytes()
    with page.expect_download() as download:
        page.get_by_role("link", name="Valideringsrapport").last.click()
    report_text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Resultat: alla underskrifter är giltiga." in report_text

    # The final PDF: one valid signature per signatory plus the seal, each time-stamped.
    # (pyHanko's validator runs its own event loop: in a thread of its own beside Playwright's.)
    with ThreadPoolExecutor(1) as thread:
        report = thread.submit(validation.validate, final).result()
    assert report["valid"], validation.report_text(report)
    signatures = [e for e in report["signatures"] if e["kind"] == "signature"]
    assert len(signatures) == len(SIGNATORIES) + 1
    assert all(e["valid"] and e["trusted"] and e["timestamp"] for e in signatures)
    assert "elektronisk stämpel" in signatures[-1]["signer"]
    checked = pdfsig(final, tmp_path)
    assert checked.count("Signature Validation: Signature is Valid.") == len(signatures), checked
    assert checked.count("Certificate Validation: Certificate is Trusted.") == len(signatures)
