"""The demo's IOP proposal whose demand for a decision is answered by a special decision."""

import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from documents import kinds, rendering
from documents.kinds import Kind
from documents.models import Document
from partnerships.models import IOPInquiry

pytestmark = pytest.mark.django_db

PARTS = ["register", "programmes", "accounts", "iop_demand"]
TITLE = "Växtverket: odlingslotter för unga i Rosengård"


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--only", *PARTS, stdout=io.StringIO())


def test_the_demo_answers_an_iop_demand_by_a_special_decision_appealed_for_legality(demo):
    inquiry = IOPInquiry.objects.get(case__title=TITLE)
    assert inquiry.case.demand_rejections.count() == 1
    document = Document.objects.get(case=inquiry.case, kind=Kind.DEMAND_REJECTION)
    pdf = rendering.render_pdf(document.kind, kinds.load_context(document.kind, document.context))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "Fritidsnämnden avslår er begäran att ärendet ska avgöras" in text
    assert "överklagas genom laglighetsprövning" in text
    assert "Förvaltningsrätten i Malmö inom tre veckor" in text


def test_loading_the_iop_demand_again_adds_nothing(demo):
    call_command("load_demo", "--only", "iop_demand", stdout=io.StringIO())
    assert IOPInquiry.objects.filter(case__title=TITLE).count() == 1
