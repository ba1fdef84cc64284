"""The demo IOP inquiries: made by the real services and flow steps, safe to load twice."""

import os

import pytest
from django.core.management import call_command
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

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
    # The first follow-up is open: one report task per idea-based party, due within weeks.
    idea_based = kraftsamling.parties.filter(side="idea_based").count()
    assert idea_based >= 2 and _open_tasks(kraftsamling) == ["report"] * idea_based
    (follow_up,) = kraftsamling.follow_ups.all()
    assert follow_up.reports.count() == idea_based and follow_up.due_on > timezone.localdate()
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
