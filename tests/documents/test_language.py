"""Documents that leave the municipality are in Swedish, whatever language the person who
produced them uses (språklagen 10 §): the template is rendered in Swedish, and so are the texts
the domain apps put in the context (outcome, title of the decision-maker, declarations)."""

import io
import re

import pytest
from django.utils import translation
from pypdf import PdfReader

from documents.kinds import Kind
from documents.models import Document
from funding.receipts import receipt_context
from organisations.models import Role
from tests import factories
from tests.driver import do_one
from workflows.funding import services as funding_workflow

pytestmark = pytest.mark.django_db

ENGLISH = ("Grant in", "Reject", "Head of unit", "The board", "We confirm", "Officer")


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_a_decision_letter_made_by_people_who_use_english_is_in_swedish(
    client, organisation, django_capture_on_commit_callbacks
):
    process = factories.funding_process(organisation)
    officer = factories.staff(Role.OFFICER)
    delegate = factories.delegate(process.application.programme)
    client.cookies["django_language"] = "en"
    criterion = process.application.programme.criteria.get()
    do_one(client, officer, process, "check_complete", {"result": "complete"})
    assessment = {
        "no_conflict_of_interest": "on",
        "summary": "Väl förankrat.",
        "proposed_outcome": "partly_approved",
        "proposed_amount": "25000",
        f"score_{criterion.pk}": "4",
        f"comment_{criterion.pk}": "Bra",
    }
    do_one(client, officer, process, "assess", assessment)
    decision = {
        "outcome": "partly_approved",
        "amount_granted": "25000",
        "reasons": "Delvis.",
        "no_conflict_of_interest": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        do_one(client, delegate, process, "decide_as_delegate", decision)

    letter = Document.objects.get(case=process.application.case, kind=Kind.DECISION_LETTER)
    stored = list(_strings(letter.context))
    assert not [s for s in stored if any(word in s for word in ENGLISH)], stored
    with letter.file.open("rb") as pdf:
        text = _text(pdf.read())
    assert "Beslut" in text and "Beviljat belopp" in text and "25 000 kr" in text
    assert "enhetschef" in text.lower()
    assert not any(word in text for word in ENGLISH), text


def test_a_receipt_asked_for_while_english_is_active_holds_swedish_texts(organisation):
    application = factories.funding_draft(factories.eligible(organisation))
    application = funding_workflow.application_submit(
        application=application, acting_user=application.created_by
    )
    with translation.override("en"):
        receipt = receipt_context(application)
    assert receipt.declaration == "Vi intygar att de lämnade uppgifterna är korrekta."
