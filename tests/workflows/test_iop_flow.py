"""The IOP flow walked through the real URLs as each role, branch by branch."""

import re

import pytest
from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from organisations.models import Role
from partnerships.models import IOPInquiry, Status
from tests import factories
from tests.driver import do_one, open_tasks, take_and_do
from workflows.ledger import de_minimis_position
from workflows.models import IOPProcess

from . import iop_steps as steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation):
    boards = [
        factories.BoardFactory(name="Fritidsnämnden"),
        factories.BoardFactory(name="Kulturnämnden"),
    ]
    member = factories.member(organisation)
    factories.MembershipFactory(user=member, organisation=organisation, role=Role.SIGNATORY)
    return {
        "member": member,
        "officer": factories.staff(),
        "boards": boards,
        "secretaries": [factories.staff(Role.BOARD_SECRETARY, board=b) for b in boards],
        "outsider": factories.member(factories.OrganisationFactory()),
    }


def _propose(client, people) -> IOPProcess:
    client.force_login(people["member"])
    response = client.post(
        steps.propose_url(),
        {
            "title": "Kraftsamling för unga",
            "purpose": "Aktiviteter för unga.",
            "target_group": "Unga 7–18 år",
            "public_benefit_goal": "Fler unga i föreningslivet.",
            "boards": [b.pk for b in people["boards"]],
            "contributions": "Lokaler och ledare.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    inquiry = IOPInquiry.objects.get()
    return IOPProcess.objects.get(artifact_object_id=inquiry.pk)


def _to_memo(client, people, process) -> None:
    officer = people["officer"]
    do_one(client, officer, process, "screen", steps.screening())
    do_one(client, officer, process, "investigate", steps.assessment())
    do_one(client, officer, process, "co_create", steps.draft(process, action="finish"))
    do_one(client, officer, process, "write_memo", steps.MEMO)


def test_a_proposal_is_numbered_at_once_and_waits_for_an_officer(client, people):
    process = _propose(client, people)
    assert process.inquiry.case.case_number.startswith("SK-")
    (task,) = open_tasks(process)
    assert task.flow_task.name == "screen" and task.owner_permission == "casework.handle_case"


def test_a_member_of_several_organisations_chooses_which_one_proposes(client, people, organisation):
    """Acting for one organisation, the member proposes for it without being asked; acting for
    two, they choose (nothing is preselected), and the proposal is that organisation's."""
    member = people["member"]
    client.force_login(member)
    alone = client.get(steps.propose_url()).content.decode()
    assert 'name="organisation"' not in alone and organisation.name in alone
    second = factories.OrganisationFactory(name="Föreningen Andra")
    factories.MembershipFactory(user=member, organisation=second, role=Role.MEMBER)

    page = client.get(steps.propose_url()).content.decode()
    response = client.post(
        steps.propose_url(),
        {
            "organisation": second.pk,
            "title": "Kraftsamling för unga",
            "purpose": "Aktiviteter för unga.",
            "target_group": "Unga 7–18 år",
            "public_benefit_goal": "Fler unga i föreningslivet.",
            "boards": [people["boards"][0].pk],
            "contributions": "Lokaler och ledare.",
        },
    )

    choices = re.findall(r'<input[^>]*name="organisation"[^>]*>', page)
    assert len(choices) == 2 and not any("checked" in choice for choice in choices)
    assert response.status_code == 302
    assert IOPInquiry.objects.get().case.organisation == second


def test_a_proposal_walks_through_a_return_to_an_active_partnership(client, people):
    process = _propose(client, people)
    officer, (first, second) = people["officer"], people["secretaries"]
    do_one(client, officer, process, "screen", steps.screening())
    do_one(client, officer, process, "investigate", steps.assessment())
    do_one(client, officer, process, "co_create", steps.draft(process, action="send"))
    do_one(
        client,
        people["member"],
        process,
        "review_draft",
        {"answer": "changes", "comment": "Lägg till sommarlovet."},
    )
    do_one(client, officer, process, "co_create", steps.draft(process, action="finish"))
    do_one(client, officer, process, "write_memo", steps.MEMO)
    board_tasks = open_tasks(process, "decide")
    assert len(board_tasks) == 2
    take_and_do(
        client, first, _task_of(board_tasks, people["boards"][0]), steps.decision("returned")
    )
    assert open_tasks(process, "decide") == []
    do_one(
        client,
        officer,
        process,
        "revise_or_close",
        {"choice": "revise", "reason": "Nämnden vill se en tydligare budget."},
    )
    do_one(client, officer, process, "co_create", steps.draft(process, action="finish"))
    do_one(client, officer, process, "write_memo", steps.MEMO)
    for secretary, board in zip(people["secretaries"], people["boards"], strict=True):
        task = _task_of(open_tasks(process, "decide"), board)
        take_and_do(client, secretary, task, steps.decision("approved", signatory=secretary))
    signing = open_tasks(process, "sign")
    assert len(signing) == 3
    for task in signing:
        # The association's approved signatory; for each board, the person it authorised.
        signer = (
            people["member"]
            if task.owner_permission == "organisations.sign_for"
            else task.owner_permission_obj
        )
        assert signer in (people["member"], first, second)
        take_and_do(client, signer, task, {"confirm": "on"})
    process.refresh_from_db()
    assert process.inquiry.status == Status.ACTIVE
    # The process goes on: it waits for the first follow-up (tests/workflows/test_iop_follow_up.py).
    assert process.status == PROCESS.NEW
    assert [
        t.flow_task.name for t in Task.objects.filter(process=process, status=STATUS.SCHEDULED)
    ] == ["wait"]
    assert process.inquiry.signatures.count() == 3
    # The same draft sent again saves no new version: the one the parties read stands.
    assert process.inquiry.agreement_versions.count() == 1
    assert {d.outcome for d in process.inquiry.board_decisions.all()} == {"returned", "approved"}
    ledger = de_minimis_position(process.inquiry.case.organisation)
    assert len(ledger.rows) == 1 and ledger.rows[0].amount_sek > 0


def _task_of(tasks, board) -> Task:
    return next(task for task in tasks if task.owner_permission_obj == board)


def test_not_an_iop_closes_the_case_with_reasons(client, people):
    process = _propose(client, people)
    do_one(client, people["officer"], process, "screen", steps.screening(is_iop=False))
    process.refresh_from_db()
    inquiry = process.inquiry
    assert inquiry.status == Status.NOT_IOP and inquiry.case.closed_at is not None
    assert process.status == PROCESS.DONE
    assert inquiry.case.events.filter(action="status_changed", to_state="not_iop").exists()


def test_an_investigation_that_finds_a_procurement_closes_the_inquiry(client, people):
    process = _propose(client, people)
    do_one(client, people["officer"], process, "screen", steps.screening())
    do_one(
        client,
        people["officer"],
        process,
        "investigate",
        steps.assessment(conclusion="procurement"),
    )
    process.refresh_from_db()
    assert process.inquiry.status == Status.CLOSED and process.status == PROCESS.DONE


def test_saving_the_investigation_keeps_the_task_open(client, people):
    process = _propose(client, people)
    do_one(client, people["officer"], process, "screen", steps.screening())
    (task,) = open_tasks(process, "investigate")
    take_and_do(client, people["officer"], task, steps.assessment(action="save"))
    assert open_tasks(process, "investigate")[0].status == STATUS.ASSIGNED
    assert process.inquiry.legal_assessment.conclusion == "proceed"


def test_one_rejection_cancels_the_other_board_task_and_closing_ends_the_process(client, people):
    process = _propose(client, people)
    _to_memo(client, people, process)
    tasks = open_tasks(process, "decide")
    take_and_do(
        client,
        people["secretaries"][1],
        _task_of(tasks, people["boards"][1]),
        steps.decision("rejected"),
    )
    other = Task.objects.get(pk=_task_of(tasks, people["boards"][0]).pk)
    assert other.status == STATUS.CANCELED
    assert process.inquiry.status == Status.REVISION
    do_one(
        client,
        people["officer"],
        process,
        "revise_or_close",
        {"choice": "close", "reason": "Kulturnämnden avslog."},
    )
    process.refresh_from_db()
    assert process.inquiry.status == Status.CLOSED and process.status == PROCESS.DONE


def test_a_secretary_cannot_take_another_boards_task(client, people):
    process = _propose(client, people)
    _to_memo(client, people, process)
    task = _task_of(open_tasks(process, "decide"), people["boards"][0])
    client.force_login(people["secretaries"][1])
    assert client.post(task.reverse("assign")).status_code == 403


def test_another_organisation_gets_404_for_the_review_task(client, people):
    process = _propose(client, people)
    do_one(client, people["officer"], process, "screen", steps.screening())
    do_one(client, people["officer"], process, "investigate", steps.assessment())
    do_one(client, people["officer"], process, "co_create", steps.draft(process, "send"))
    (task,) = open_tasks(process, "review_draft")
    client.force_login(people["outsider"])
    assert client.post(task.reverse("assign")).status_code == 404
    assert (
        client.get(
            reverse("partnerships:inquiry", args=[process.inquiry.case.case_number])
        ).status_code
        == 404
    )


def test_every_finished_task_is_in_the_audit_log(client, people):
    process = _propose(client, people)
    do_one(client, people["officer"], process, "screen", steps.screening())
    actions = list(process.inquiry.case.events.values_list("action", flat=True))
    assert "task_completed" in actions and "status_changed" in actions
