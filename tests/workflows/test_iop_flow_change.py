"""A running process survives a change to the flow. Tasks store their node by name
(``workflows/iop.flows.IOPFlow.<node>``): adding nodes is safe for processes in flight, and a
node that open or finished tasks name is never renamed or removed without a data migration
(docs/workflows.md, "Changing a flow")."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from organisations.models import Board, Role
from partnerships.models import BoardDecision, Status
from tests import factories
from tests.driver import open_tasks
from workflows.iop.flows import IOPFlow

from . import iop_steps as steps

pytestmark = pytest.mark.django_db

# Every node of the IOP flow as released before the follow-up nodes were added.
RELEASED_NODES = {
    "start", "screen", "is_iop", "investigate", "is_investigated_as_iop", "co_create",
    "is_draft_sent", "review_draft", "write_memo", "boards", "decide", "boards_done",
    "are_boards_agreed", "revise_or_close", "is_revised", "signing", "sign", "signed",
    "active", "not_iop", "closed",
}  # fmt: skip


def _stored_node(task) -> str:
    """The node name exactly as the task's row holds it."""
    stored = Task.objects.filter(pk=task.pk).annotate(node=Cast("flow_task", CharField()))
    return stored.values_list("node", flat=True).get()


@pytest.fixture
def people(organisation):
    board = factories.BoardFactory()
    member = factories.member(organisation)
    factories.MembershipFactory(user=member, organisation=organisation, role=Role.SIGNATORY)
    secretary = factories.staff(Role.BOARD_SECRETARY, board=board)
    return {"member": member, "officer": factories.staff(), "board": board, "secretary": secretary}


def test_every_released_node_still_exists():
    assert {node.name for node in IOPFlow.instance.nodes()} >= RELEASED_NODES


def test_a_process_waiting_at_signing_goes_on_into_the_follow_up_nodes(
    client, people, organisation
):
    process = factories.iop_process(organisation, boards=[people["board"]], user=people["member"])
    steps.to_signing(client, people["officer"], process, {people["board"]: people["secretary"]})
    # The open signing tasks are rows naming a node of the released flow, read back afresh as a
    # worker would after a deploy of the changed flow.
    signing = open_tasks(process, "sign")
    assert {_stored_node(task) for task in signing} == {"workflows/iop.flows.IOPFlow.sign"}
    steps.sign_all(
        client,
        process,
        lambda task: (
            people["member"]
            if task.owner_permission == "organisations.sign_for"
            else people["secretary"]
        ),
    )
    process.refresh_from_db()
    assert process.status == PROCESS.NEW and process.inquiry.status == Status.ACTIVE
    (timer,) = Task.objects.filter(process=process, status=STATUS.SCHEDULED)
    assert _stored_node(timer) == "workflows/iop.flows.IOPFlow.wait"


def test_a_process_finished_by_the_released_flow_still_shows(client, people, organisation):
    """A process that ended at ``active`` before the follow-up existed: its rows as the released
    flow left them."""
    process = factories.iop_process(organisation, boards=[people["board"]], user=people["member"])
    last = Task.objects.filter(process=process).order_by("pk").last()
    last.status, last.finished = STATUS.DONE, timezone.now()
    last.save()
    end = Task.objects.create(
        process=process,
        flow_task=IOPFlow.active,
        flow_task_type="END",
        status=STATUS.DONE,
        finished=timezone.now(),
    )
    end.previous.add(last)
    process.status, process.finished = PROCESS.DONE, timezone.now()
    process.save()
    client.force_login(people["officer"])
    case = process.inquiry.case
    assert client.get(case.get_absolute_url()).status_code == 200
    inquiry_page = reverse("partnerships:inquiry", args=[case.case_number])
    assert client.get(inquiry_page).status_code == 200
    assert _stored_node(end) == "workflows/iop.flows.IOPFlow.active"


def test_a_half_signed_agreement_from_before_the_authorised_signatory_is_signed_to_the_end(
    client, people, organisation
):
    """Signing tasks created before boards named the person they authorise were offered to the
    board's secretaries, and their decisions name no one: the secretary still signs them, and
    a signature given before signings were put on record stays valid."""
    process = factories.iop_process(organisation, boards=[people["board"]], user=people["member"])
    steps.to_signing(client, people["officer"], process, {people["board"]: people["secretary"]})
    board = people["board"]
    # The rows as the released code left them: no one named, the task in the board's queue.
    BoardDecision.objects.filter(inquiry=process.inquiry).update(signatory=None)
    Task.objects.filter(process=process, owner_permission="organisations.act_as").update(
        owner_permission="organisations.act_for_board",
        owner_permission_content_type=ContentType.objects.get_for_model(Board),
        owner_permission_obj_pk=str(board.pk),
    )
    steps.sign_all(
        client,
        process,
        lambda task: (
            people["member"]
            if task.owner_permission == "organisations.sign_for"
            else people["secretary"]
        ),
    )
    process.refresh_from_db()
    assert process.inquiry.status == Status.ACTIVE
    record = process.inquiry.signatures.get(party__board=board).record
    assert record.signer == people["secretary"] and "angav ingen" in record.authority
