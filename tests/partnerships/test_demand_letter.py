"""A demand for a decision (förvaltningslagen 12 §) on an IOP inquiry an organisation proposed,
rejected by a special decision: its letter, read back from the PDF. The decision in an IOP
inquiry is the boards' decision on the partnership, appealed by laglighetsprövning; the special
decision is appealed to the same court, the same way (12 § third paragraph)."""

import io
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from pypdf import PdfReader

from casework import services as case_services
from documents import rendering
from documents.kinds import Kind
from documents.models import Document
from organisations.models import Role
from partnerships import demand_letters, services
from tests import factories

pytestmark = pytest.mark.django_db

REASONS = "Undersökningen av partnerskapets juridiska konsekvenser blir klar i nästa månad."


def _text(pdf: bytes) -> str:
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    return re.sub(r"\s+", " ", " ".join(pages))


@pytest.fixture
def board():
    return factories.BoardFactory(name="Fritidsnämnden")


@pytest.fixture
def demanded(organisation, board):
    inquiry = factories.iop_inquiry(organisation, boards=[board], title="Trygga mötesplatser")
    case_services.case_decision_demand_register(
        case=inquiry.case,
        acting_user=factories.staff(Role.OFFICER),
        demanded_on=timezone.localdate(),
    )
    inquiry.case.refresh_from_db()
    return inquiry


def test_the_special_decision_on_an_iop_inquiry_is_sent_as_a_letter(
    demanded, django_capture_on_commit_callbacks
):
    officer = factories.staff(Role.OFFICER)
    with django_capture_on_commit_callbacks(execute=True):
        services.inquiry_demand_reject(inquiry=demanded, acting_user=officer, reasons=REASONS)
    letter = Document.objects.get(case=demanded.case, kind=Kind.DEMAND_REJECTION)
    assert letter.is_final and letter.is_ready
    assert letter.context["appeal"]["route"] == "legality_review"


def test_the_letter_states_the_laglighetsprovning_of_the_decision_in_the_case(
    demanded, organisation, settings
):
    settings.APPEAL_COURT = "Förvaltningsrätten i Malmö"
    settings.APPEAL_COURT_ADDRESS = "Box 4522, 203 20 Malmö"
    settings.NOTICE_BOARD = "malmo.se/anslagstavla"
    officer = factories.staff(Role.OFFICER, first_name="Åsa", last_name="Öberg")
    rejection = services.inquiry_demand_reject(
        inquiry=demanded,
        acting_user=officer,
        reasons=REASONS,
        authority="punkt 2.1 i fritidsnämndens delegationsordning",
    )
    context = demand_letters.demand_rejection_context(rejection, demanded)
    text = _text(rendering.render_pdf(Kind.DEMAND_REJECTION, context))
    assert "SÄRSKILT BESLUT" in text
    assert organisation.name in text and demanded.case.case_number in text
    assert "Er begäran att ärendet ska avgöras: Trygga mötesplatser" in text
    assert "Fritidsnämnden avslår er begäran att ärendet ska avgöras." in text
    assert "inom fyra veckor" in text and REASONS in text
    assert (
        "Åsa Öberg, handläggare, med stöd av delegation från Fritidsnämnden enligt punkt 2.1 i "
        "fritidsnämndens delegationsordning" in text
    )
    # 12 §: to the court that would hear an appeal of the decision in the case; that decision
    # is appealed by laglighetsprövning, and so is this one.
    assert "den domstol som är behörig att pröva ett överklagande av avgörandet i ärendet" in text
    assert "Avgörandet i detta ärende överklagas genom laglighetsprövning" in text
    assert "detta beslut överklagas på samma sätt" in text
    assert "laglighetsprövning enligt 13 kap. kommunallagen (2017:725)" in text
    assert (
        "Överklagandet ska ha kommit in till Förvaltningsrätten i Malmö inom tre veckor från den "
        "dag då det tillkännagavs på kommunens anslagstavla att protokollet från det sammanträde "
        "där beslutet anmäldes till Fritidsnämnden har justerats." in text
    )
    assert "Kommunens anslagstavla finns på malmo.se/anslagstavla" in text
    assert (
        "Skicka överklagandet direkt till Förvaltningsrätten i Malmö, Box 4522, 203 20 Malmö"
        in (text)
    )
    # Not a party's appeal lodged with the board within three weeks of receiving the letter.
    assert "fick del av" not in text and "43–44 §§" not in text
    assert "Det här gäller bara beslutet om er begäran." in text


def test_only_an_officer_rejects_a_demand_on_an_inquiry(demanded, organisation):
    with pytest.raises(PermissionDenied):
        services.inquiry_demand_reject(
            inquiry=demanded, acting_user=factories.member(organisation), reasons=REASONS
        )
