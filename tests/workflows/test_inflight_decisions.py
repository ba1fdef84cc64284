"""Cases in flight whose route changed: a decision that waited at an officer's or delegate's
task before the route came to follow the amount applied for (not the assessor's proposal) is
sent to the route it belongs to, with the reason in the case's log, by an officer or
coordinator from the application's page or once for all cases by ``manage.py
reroute_decisions``; then the right person decides it (docs/legal.md, "Delegation, the route
of a matter and conflict of interest")."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.status import STATUS

from casework.models import AuditEvent
from funding.models import FundingApplication, Status
from organisations.models import Role
from tests import driver, factories
from workflows.actions import WorkflowAction
from workflows.funding import services
from workflows.models import FundingProcess

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation, programme):
    factories.eligible(organisation)
    return {
        "member": factories.member(organisation),
        "officer": factories.staff(Role.OFFICER),
        "coordinator": factories.staff(Role.COORDINATOR),
        "decider": factories.delegate(programme, Role.OFFICER),
        "delegate": factories.delegate(programme),
        "secretary": factories.staff(Role.BOARD_SECRETARY, board=programme.board),
    }


def _stranded(client, people, organisation, programme, *, applied: str) -> FundingProcess:
    """A process that reached the officer's decision for 15 000 kr and whose application is
    then (as before the change, when the route followed the proposal) one of ``applied`` kr."""
    application = factories.funding_draft(
        organisation, programme, people["member"], amount_applied=Decimal("15000")
    )
    client.force_login(people["member"])
    client.post(reverse("funding:application_submit", args=[application.pk]))
    process = FundingProcess.objects.get(artifact_object_id=application.pk)
    driver.do_one(client, people["officer"], process, "check_complete", {"result": "complete"})
    criterion = programme.criteria.get()
    assessment = {
        "no_conflict_of_interest": "on",
        "summary": "Bedömd.",
        "proposed_outcome": "approved",
        "proposed_amount": "15000",
        f"score_{criterion.pk}": "3",
    }
    driver.do_one(client, people["officer"], process, "assess", assessment)
    # The routes before the change: the proposal (15 000 kr) sent a larger matter to the
    # officer. No service raises an amount after assessment, so the row is set as it stood.
    FundingApplication.objects.filter(pk=application.pk).update(amount_applied=Decimal(applied))
    return process


def _decision_task(process):
    (task,) = driver.open_tasks(process, "decide_as_officer")
    return task


def test_a_stranded_decision_is_taken_by_nobody_and_the_officer_is_told_where_to_go(
    client, people, organisation, programme
):
    process = _stranded(client, people, organisation, programme, applied="80000")
    task = _decision_task(process)
    client.force_login(people["decider"])
    page = client.post(task.flow_task.reverse("assign", args=[process.pk, task.pk]))
    assert page.status_code == 403
    assert "Vem beslutar om ansökan" in page.content.decode()
    assert services.decisions_misrouted() == [task]


def test_a_stranded_decision_goes_to_the_board_and_the_secretary_records_it(
    client, people, organisation, programme
):
    process = _stranded(client, people, organisation, programme, applied="80000")
    task = _decision_task(process)
    url = reverse("funding:decision_route", args=[process.artifact_object_id])
    client.force_login(people["coordinator"])
    page = client.get(url).content.decode()
    assert "Beslutet väntar där ingen får ta det" in page
    assert "80\xa0000\xa0kr söks" in page
    response = client.post(url, {"reason": "Beloppet som söks är 80 000 kr."})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == STATUS.CANCELED
    assert [t.flow_task.name for t in driver.open_tasks(process)] == ["write_board_memo"]
    event = AuditEvent.objects.get(action=WorkflowAction.DECISION_REROUTED)
    assert (event.actor, event.from_state, event.to_state, event.reason) == (
        people["coordinator"],
        "decide_as_officer",
        "write_board_memo",
        "Beloppet som söks är 80 000 kr.",
    )
    assert event.case == process.application.case
    # Sent a second time: nothing more is moved, and the page says why.
    again = client.post(url, {"reason": "Igen."})
    assert again.status_code == 400
    assert "Beslutet väntar där delegationsordningen placerar det" in again.content.decode()
    assert AuditEvent.objects.filter(action=WorkflowAction.DECISION_REROUTED).count() == 1

    today = timezone.localdate().isoformat()
    memo = {"summary": "Söker 80 000 kr.", "proposal": "Bevilja.", "meeting_date": today}
    driver.do_one(client, people["officer"], process, "write_board_memo", memo)
    decision = {
        "no_conflict_of_interest": "on",
        "outcome": "approved",
        "amount_granted": "15000",
        "reasons": "Nämnden beviljar.",
        "meeting_date": today,
        "protocol_paragraph": "§ 7",
    }
    driver.do_one(client, people["secretary"], process, "record_board_decision", decision)
    application = FundingApplication.objects.get(pk=process.artifact_object_id)
    assert application.status == Status.GRANTED
    assert application.decision.authority == "board"


def test_the_one_off_command_moves_every_stranded_decision_to_the_delegate(
    client, people, organisation, programme
):
    process = _stranded(client, people, organisation, programme, applied="40000")
    in_place = _stranded(client, people, organisation, programme, applied="15000")
    out = StringIO()
    call_command("reroute_decisions", stdout=out)
    assert "decisions sent to their route: 1" in out.getvalue()
    assert [t.flow_task.name for t in driver.open_tasks(process)] == ["decide_as_delegate"]
    assert [t.flow_task.name for t in driver.open_tasks(in_place)] == ["decide_as_officer"]
    event = AuditEvent.objects.get(action=WorkflowAction.DECISION_REROUTED)
    assert event.actor is None and "40\xa0000\xa0kr söks" in event.reason
    data = {
        "no_conflict_of_interest": "on",
        "outcome": "approved",
        "amount_granted": "15000",
        "reasons": "Beviljas.",
    }
    driver.do_one(client, people["delegate"], process, "decide_as_delegate", data)
    assert FundingApplication.objects.get(pk=process.artifact_object_id).status == Status.GRANTED
    call_command("reroute_decisions", stdout=StringIO())
    assert AuditEvent.objects.filter(action=WorkflowAction.DECISION_REROUTED).count() == 1


def test_a_matter_of_principle_held_by_an_officer_goes_to_the_board(
    client, people, organisation, programme
):
    process = _stranded(client, people, organisation, programme, applied="15000")
    task = _decision_task(process)
    driver.take(client, people["decider"], task)
    programme.matter_of_principle = True
    programme.save()
    (moved,) = services.decisions_misrouted()
    new = services.decision_reroute(task=moved, acting_user=people["officer"])
    assert new.flow_task.name == "write_board_memo"
    event = AuditEvent.objects.get(action=WorkflowAction.DECISION_REROUTED)
    assert event.data["owner"] == people["decider"].pk
    assert "principiell" in event.reason


def test_only_officers_and_coordinators_send_a_decision_on_and_only_a_stranded_one(
    client, people, organisation, programme
):
    process = _stranded(client, people, organisation, programme, applied="15000")
    task = _decision_task(process)
    with pytest.raises(PermissionDenied):
        services.decision_reroute(task=task, acting_user=people["member"])
    with pytest.raises(ValidationError):
        services.decision_reroute(task=task, acting_user=people["officer"])
    client.force_login(people["member"])
    url = reverse("funding:decision_route", args=[process.artifact_object_id])
    assert client.get(url).status_code == 404
