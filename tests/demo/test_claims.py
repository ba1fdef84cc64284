"""The demo's repayment claim and its answered demand for a decision, with their letters."""

import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from documents import kinds, rendering
from documents.kinds import Kind
from documents.models import Document
from funding.models import FundingApplication, RepaymentClaim, Status

pytestmark = pytest.mark.django_db

PARTS = ["register", "programmes", "accounts", "applications", "claims"]


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--only", *PARTS, stdout=io.StringIO())


def _text(document: Document) -> str:
    pdf = rendering.render_pdf(document.kind, kinds.load_context(document.kind, document.context))
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    return re.sub(r"\s+", " ", " ".join(pages))


def test_the_demo_claims_back_a_grant_never_reported_and_follows_the_claim(demo):
    application = FundingApplication.objects.get(title="Demo: Pingisläger på jullovet")
    claim = application.repayment_claims.get()
    assert application.status == Status.REPAYMENT_CLAIMED
    assert claim.ground == RepaymentClaim.Ground.NO_REPORT_BACK
    assert (claim.status, claim.outstanding) == (RepaymentClaim.Status.OPEN, 20000)
    text = _text(Document.objects.get(case=application.case, kind=Kind.REPAYMENT_CLAIM))
    assert "Fritidsnämnden beslutar att Rädda Barnen ska betala tillbaka 30 000 kr" in text
    assert "trots påminnelse" in text
    # On what authority: the point the officer holds, of the board that gave it.
    assert (
        "med stöd av delegation från Fritidsnämnden enligt punkt FRN 4.7 i fritidsnämndens "
        "delegationsordning" in text
    )
    assert "Förvaltningsrätten i Malmö inom tre veckor" in text


def test_the_demo_answers_a_demand_by_a_special_decision(demo):
    application = FundingApplication.objects.get(title="Demo: Körsång för unga i Holma")
    assert application.case.demand_rejections.count() == 1
    text = _text(Document.objects.get(case=application.case, kind=Kind.DEMAND_REJECTION))
    assert "avslår er begäran att ärendet ska avgöras" in text
    assert "detta beslut överklagas på samma sätt" in text and "laglighetsprövning" in text
    assert "enligt punkt FRN 1.4 i fritidsnämndens delegationsordning" in text


def test_loading_the_claims_again_adds_nothing(demo):
    call_command("load_demo", "--only", "claims", stdout=io.StringIO())
    assert RepaymentClaim.objects.filter(ground="no_report_back").count() == 1
