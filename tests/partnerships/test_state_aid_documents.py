"""The memo and the agreement state the state-aid route: for de minimis aid that the aid is de
minimis aid, under which regulation, and its amount; read back from the rendered PDF."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from documents import rendering
from documents.kinds import Kind, load_context
from documents.models import Document
from partnerships import documents, selectors, services
from partnerships.models import Party
from tests import factories

from .helpers import AGREEMENT, ASSESSMENT, SCREENING

pytestmark = pytest.mark.django_db
STATE_AID = {
    **ASSESSMENT,
    **dict.fromkeys(("advantage", "selectivity", "distorts_competition", "affects_trade"), True),
}


def _text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def _drafted(organisation, officer, assessment):
    """Three years (2026–2028): 100 000 kr a year in money and premises worth 50 000 kr a year
    from the board's administration to ``organisation``."""
    inquiry = factories.iop_inquiry(organisation)
    services.screening_record(inquiry=inquiry, acting_user=officer, answers=SCREENING)
    services.legal_assessment_save(inquiry=inquiry, acting_user=officer, data=assessment)
    services.investigation_conclude(inquiry=inquiry, acting_user=officer)
    public = inquiry.parties.get(side=Party.Side.PUBLIC)
    money = services.ContributionInput(public, "money", "Bidrag", Decimal(100_000), organisation)
    premises = services.ContributionInput(public, "premises", "Lokal", Decimal(50_000), None)
    services.agreement_draft_save(
        inquiry=inquiry,
        acting_user=officer,
        data={**AGREEMENT, "period_start": date(2026, 1, 1), "period_end": date(2028, 12, 30)},
        contributions=[money, premises],
    )
    return inquiry


def _rendered(document) -> str:
    document = Document.objects.get(pk=document.pk)  # its context as stored, in JSON
    return _text(rendering.render_pdf(document.kind, load_context(document.kind, document.context)))


def test_the_agreement_says_the_aid_is_de_minimis_aid_under_the_regulation_and_its_amount(
    organisation, officer
):
    inquiry = _drafted(organisation, officer, {**STATE_AID, "state_aid_route": "de_minimis"})
    version = selectors.latest_version(inquiry)
    text = _rendered(documents.request_final_agreement(version, officer))
    assert "Statligt stöd" in text
    assert (
        "stöd av mindre betydelse (de minimis-stöd) enligt kommissionens förordning (EU) 2023/2831"
        in text
    )
    # Three years of 150 000 kr, money and premises at their value.
    assert f"{organisation.name}: 450 000 kr" in text


def test_the_memo_proposes_that_the_decision_states_the_de_minimis_aid_and_its_amount(
    organisation, officer
):
    inquiry = _drafted(organisation, officer, {**STATE_AID, "state_aid_route": "de_minimis"})
    services.co_creation_finish(inquiry=inquiry, acting_user=officer)
    memo = services.memo_write(
        inquiry=inquiry, acting_user=officer, summary="s", proposal="p", distribution="d"
    )
    assert memo.inquiry == inquiry
    document = inquiry.case.documents.get(kind=Kind.BOARD_MEMO)
    text = _rendered(document)
    assert (
        "stöd av mindre betydelse (de minimis-stöd) enligt kommissionens förordning (EU) 2023/2831"
        in text
    )
    assert "beslutet anger detta och stödets belopp" in text
    assert f"{organisation.name}: 450 000 kr för hela avtalsperioden" in text


def test_another_route_is_named_with_its_legal_basis(organisation, officer):
    gber = {**STATE_AID, "state_aid_route": "gber", "state_aid_route_basis": "artikel 53 (kultur)"}
    inquiry = _drafted(organisation, officer, gber)
    text = _rendered(documents.request_final_agreement(selectors.latest_version(inquiry), officer))
    assert "allmänna gruppundantagsförordningen" in text and "artikel 53 (kultur)" in text
    assert "de minimis" not in text


def test_without_state_aid_the_agreement_says_nothing_of_it(organisation, officer):
    inquiry = _drafted(organisation, officer, ASSESSMENT)
    text = _rendered(documents.request_final_agreement(selectors.latest_version(inquiry), officer))
    assert "Statligt stöd" not in text
