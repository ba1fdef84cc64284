"""A demand for a decision on an application (förvaltningslagen 12 §), rejected by a special
decision whose letter states the appeal route 12 § gives it."""

import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pypdf import PdfReader

from casework import services as case_services
from documents import rendering
from documents.kinds import Kind
from documents.models import Document
from funding import claim_letters, services
from organisations.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    return re.sub(r"\s+", " ", " ".join(pages))


@pytest.fixture
def demanded(draft, member, officer):
    factories.delegate(draft.programme, Role.OFFICER, user=officer)
    application = services.application_submit(application=draft, acting_user=member)
    case_services.case_decision_demand_register(
        case=application.case, acting_user=officer, demanded_on=timezone.localdate()
    )
    application.refresh_from_db()
    return application


def test_the_special_decision_is_sent_as_a_letter(
    demanded, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.application_demand_reject(
            application=demanded,
            acting_user=officer,
            reasons="Ansökan bedöms vid nämndens sammanträde den 20 september.",
        )
    letter = Document.objects.get(case=demanded.case, kind=Kind.DEMAND_REJECTION)
    assert letter.is_final
    assert letter.context["court"] == "Förvaltningsrätten i Malmö"


def test_the_special_decision_letter_states_its_own_appeal_route(demanded, officer):
    rejection = services.application_demand_reject(
        application=demanded,
        acting_user=officer,
        reasons="Ansökan bedöms vid nämndens sammanträde den 20 september.",
    )
    context = claim_letters.demand_rejection_context(rejection, demanded)
    text = _text(rendering.render_pdf(Kind.DEMAND_REJECTION, context))
    board = demanded.programme.board.name
    assert "SÄRSKILT BESLUT" in text  # the letterhead's label, in capitals
    assert f"{board} avslår er begäran att ärendet ska avgöras." in text
    assert "inom fyra veckor" in text and "12 § förvaltningslagen" in text
    assert "nämndens sammanträde den 20 september" in text
    assert (
        f"med stöd av delegation från {board} enligt punkt 5.3 i {board.lower()}s "
        "delegationsordning" in text
    )
    # 12 §: the rejection is appealed to the court that would hear the main decision's appeal,
    # and the same way: a grant is appealed by laglighetsprövning, from the notice board.
    assert "den domstol som är behörig att pröva ett överklagande av avgörandet" in text
    assert "Avgörandet i detta ärende överklagas genom laglighetsprövning" in text
    assert "detta beslut överklagas på samma sätt" in text
    assert "Förvaltningsrätten i Malmö" in text
    assert "tre veckor" in text and "anslagstavla" in text


def test_only_staff_reject_a_demand(demanded, member):
    with pytest.raises(PermissionDenied):
        services.application_demand_reject(application=demanded, acting_user=member, reasons="Nej.")


def test_a_demand_cannot_be_rejected_twice(demanded, officer):
    services.application_demand_reject(application=demanded, acting_user=officer, reasons="Snart.")
    with pytest.raises(ValidationError):
        services.application_demand_reject(
            application=demanded, acting_user=officer, reasons="Snart."
        )
