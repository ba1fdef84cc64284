"""The demo IOP inquiries: made by the real services and flow steps, safe to load twice."""

import io
import os
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from documents import kinds, rendering
from documents.kinds import Kind
from documents.models import Document
from partnerships.models import IOPInquiry, Status
from workflows.models import IOPProcess

pytestmark = pytest.mark.django_db


def _load():
    with open(os.devnull, "w") as devnull:
        call_command(
            "load_demo", "--only", "register", "programmes", "accounts", "iop", stdout=devnull
        )


def _open_tasks(inquiry) -> list[str]:
    tasks = Task.objects.filter(
        process__artifact_object_id=inquiry.pk, status__in=[STATUS.NEW, STATUS.ASSIGNED]
    )
    return sorted(task.flow_task.name for task in tasks if task.flow_task_type == "HUMAN")


def test_the_three_seed_inquiries_are_in_their_states_and_loading_again_adds_nothing():
    """Loading twice leaves one of each inquiry, and no second set of tasks or decisions."""
    _load()
    _load()
    inquiries = {i.case.title: i for i in IOPInquiry.objects.select_related("case")}
    assert len(inquiries) == 3
    kraftsamling = inquiries["Kraftsamling Herrgården"]
    assert kraftsamling.status == Status.ACTIVE
    assert kraftsamling.parties.count() == 6
    assert kraftsamling.signatures.count() == 6
    assert kraftsamling.board_decisions.filter(outcome="approved").count() == 3
    assert kraftsamling.agreement_versions.get().contributions.count() == 6
    process = IOPProcess.objects.get(artifact_object_id=kraftsamling.pk)
    assert process.status == PROCESS.NEW
    # The first follow-up is open: one report task per party, public and idea-based (the joint
    # follow-up), due within weeks.
    parties = kraftsamling.parties.count()
    assert _open_tasks(kraftsamling) == ["report"] * parties
    (follow_up,) = kraftsamling.follow_ups.all()
    assert follow_up.reports.count() == parties and follow_up.due_on > timezone.localdate()
    assert inquiries["Helamalmö"].status == Status.INVESTIGATION
    assert hasattr(inquiries["Helamalmö"], "legal_assessment")
    assert _open_tasks(inquiries["Helamalmö"]) == ["investigate"]
    co_creation = inquiries["Rädda Barnen och Röda Korset: trygga mötesplatser"]
    assert co_creation.status == Status.CO_CREATION
    assert _open_tasks(co_creation) == ["co_create"]
    assert IOPProcess.objects.count() == 3


def test_without_demo_mode_no_inquiries_are_made(settings):
    settings.DEMO_MODE = False
    with open(os.devnull, "w") as devnull:
        call_command("load_demo", stdout=devnull)
    assert not IOPInquiry.objects.exists()


def test_every_status_change_of_the_demo_is_in_the_audit_log():
    _load()
    kraftsamling = IOPInquiry.objects.get(case__title="Kraftsamling Herrgården")
    changes = list(
        kraftsamling.case.events.filter(action="status_changed").values_list("to_state", flat=True)
    )
    assert changes == [
        "investigation",
        "co_creation",
        "memo",
        "board_decision",
        "signing",
        "active",
    ]


def _document_text(inquiry, kind) -> str:
    document = Document.objects.filter(case=inquiry.case, kind=kind).latest("version")
    pdf = rendering.render_pdf(kind, kinds.load_context(kind, document.context))
    pages = PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def test_the_kraftsamling_agreement_and_memo_state_the_money_per_year_and_for_six_years():
    _load()
    kraftsamling = IOPInquiry.objects.get(case__title="Kraftsamling Herrgården")

    agreement = _document_text(kraftsamling, Kind.IOP_AGREEMENT)
    assert "Verksamhetsbidrag" in agreement
    assert "500 000 kr 3 000 000 kr" in agreement  # per year, and for the six years
    assert "(6 år," in agreement
    assert "gemensamt personuppgiftsansvariga enligt artikel 26" in agreement
    assert "Rädda Barnen är kontaktpunkt för de registrerade" in agreement
    assert "Inga personuppgifter behandlas" not in agreement

    memo = _document_text(kraftsamling, Kind.BOARD_MEMO)
    assert "Fritidsförvaltningen föreslår fritidsnämnden besluta" in memo
    assert "Stadskontoret föreslår kommunstyrelsen besluta" in memo
    assert "Stadens insatser uppgår till 1 000 000 kr per år och 6 000 000 kr för hela" in memo
    assert "Rättslig bedömning" in memo and "Statligt stöd" in memo
    assert "Stadsdirektören stadsdirektör" in memo
    planned = memo.split("Beslutsplanering")[1].split("Beslutet skickas till")[0]
    dates = [date.fromisoformat(day) for day in re.findall(r"\d{4}-\d{2}-\d{2}", planned)]
    assert "Kommunstyrelsens arbetsutskott" in planned and len(dates) == 4
    assert all(day > timezone.localdate() for day in dates)


def test_the_demo_agreement_is_signed_by_those_with_the_right_to_sign_on_record_beside_it():
    _load()
    kraftsamling = IOPInquiry.objects.get(case__title="Kraftsamling Herrgården")
    signatures = kraftsamling.signatures.select_related("record__document", "party__board")
    (document,) = {signature.record.document for signature in signatures}
    assert document.is_final and {s.record.sha256 for s in signatures} == {document.sha256}
    for signature in signatures:
        if signature.party.board_id:
            decision = kraftsamling.board_decisions.get(board=signature.party.board)
            assert signature.signed_by == decision.signatory
        else:
            assert signature.record.signer_role == "Firmatecknare"
