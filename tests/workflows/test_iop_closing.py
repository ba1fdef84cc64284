"""Ending an inquiry without an agreement from its page: the initiator withdraws, or an officer
closes with a reason, at any stage before the agreement is signed. The process stops."""

import pytest
from django.urls import reverse
from viewflow.workflow.status import PROCESS, STATUS

from notifications.models import Notification
from partnerships.models import Status
from tests import factories
from tests.driver import do_one, open_tasks, take_and_do
from workflows.iop import services

from . import iop_steps as steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def process(organisation):
    return factories.iop_process(organisation, boards=[factories.BoardFactory()])


def _end_url(process) -> str:
    return reverse("partnerships:end", args=[process.inquiry.case.case_number])


def _at_boards(client, officer, process):
    do_one(client, officer, process, "screen", steps.screening())
    do_one(client, officer, process, "investigate", steps.assessment())
    do_one(client, officer, process, "co_create", steps.draft(process, action="finish"))
    do_one(client, officer, process, "write_memo", steps.MEMO)


def test_an_officer_closes_an_inquiry_at_the_boards_and_its_tasks_are_cancelled(
    client, officer, organisation, process
):
    _at_boards(client, officer, process)
    (board_task,) = open_tasks(process, "decide")
    client.force_login(officer)
    response = client.post(_end_url(process), {"reason": "Nämnden har inga medel."})
    assert response.status_code == 302
    process.refresh_from_db()
    board_task.refresh_from_db()
    assert process.status == PROCESS.CANCELED and board_task.status == STATUS.CANCELED
    inquiry = process.inquiry
    assert inquiry.status == Status.CLOSED and inquiry.case.closed_at is not None
    event = inquiry.case.events.get(action="process_cancelled")
    assert event.actor == officer and event.data["tasks"] == ["decide"]
    assert inquiry.case.events.filter(action="status_changed", to_state="closed").exists()
    member_notes = Notification.objects.filter(recipient__memberships__organisation=organisation)
    assert member_notes.filter(title__contains=inquiry.case.case_number).exists()


def test_an_officer_must_give_a_reason(client, officer, process):
    client.force_login(officer)
    response = client.post(_end_url(process), {"reason": " "})
    assert response.status_code == 200
    assert process.inquiry.status == Status.REGISTERED


def test_the_initiator_withdraws_while_the_draft_is_with_the_organisation(
    client, officer, organisation, process
):
    do_one(client, officer, process, "screen", steps.screening())
    do_one(client, officer, process, "investigate", steps.assessment())
    do_one(client, officer, process, "co_create", steps.draft(process, action="send"))
    member = factories.member(organisation)
    client.force_login(member)
    page = client.get(reverse("partnerships:inquiry", args=[process.inquiry.case.case_number]))
    assert _end_url(process) in page.content.decode()
    assert client.post(_end_url(process), {"reason": ""}).status_code == 302
    process.refresh_from_db()
    assert process.inquiry.status == Status.WITHDRAWN and process.status == PROCESS.CANCELED
    assert open_tasks(process) == []
    assert process.inquiry.case.events.get(action="process_cancelled").actor == member


def test_an_inquiry_being_signed_can_still_be_closed_and_signing_stops(client, officer, process):
    _at_boards(client, officer, process)
    (board_task,) = open_tasks(process, "decide")
    board = board_task.owner_permission_obj
    secretary = factories.staff("board_secretary", board=board)
    take_and_do(client, secretary, board_task, steps.decision(signatory=secretary))
    assert len(open_tasks(process, "sign")) == 2
    client.force_login(officer)
    assert client.post(_end_url(process), {"reason": "Parterna är oense."}).status_code == 302
    process.refresh_from_db()
    assert process.inquiry.status == Status.CLOSED and process.status == PROCESS.CANCELED
    assert open_tasks(process) == []


def test_a_closed_inquiry_cannot_be_ended_again(client, officer, process):
    services.inquiry_end(inquiry=process.inquiry, acting_user=officer, reason="Stängt")
    client.force_login(officer)
    assert client.get(_end_url(process)).status_code == 404


def test_a_board_secretary_may_not_end_an_inquiry(client, officer, process):
    board = process.inquiry.parties.get(board__isnull=False).board
    secretary = factories.staff("board_secretary", board=board)
    client.force_login(secretary)
    assert client.get(_end_url(process)).status_code == 404


def test_another_organisation_gets_404(client, outsider, process):
    client.force_login(outsider)
    assert client.post(_end_url(process), {"reason": "x"}).status_code == 404
    assert process.inquiry.status == Status.REGISTERED


def test_a_process_id_under_iop_opens_no_page_only_a_case_number_does(client, officer, process):
    """/iop/<process id>/ is the engine's process page, which answers 404 to everyone
    (docs/workflows.md); only a case number opens the inquiry page."""
    client.force_login(officer)
    assert client.get(f"/iop/{process.pk}/").status_code == 404
    assert client.get("/iop/queue/").status_code == 404
    case_number = process.inquiry.case.case_number
    assert case_number in client.get(f"/iop/{case_number}/").content.decode()
