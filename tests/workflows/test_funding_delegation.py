"""Delegation and conflict of interest in the funding flow, over HTTP: who is offered which
task, who is refused taking it (with the reason, in Swedish), and passing a task on with the
reason (docs/legal.md, "Delegation, the route of a matter and conflict of interest")."""

from decimal import Decimal

import pytest
from django.urls import reverse
from viewflow.workflow.status import STATUS

from casework.models import AuditEvent
from funding.actions import FundingAction
from funding.models import ConflictDeclaration, FundingApplication
from organisations.models import Role
from tests import driver, factories
from workflows import queues
from workflows.actions import WorkflowAction
from workflows.models import FundingProcess
from workflows.models.base import task_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation, programme):
    factories.eligible(organisation)
    return {
        "member": factories.member(organisation),
        "officer": factories.staff(Role.OFFICER),
        "decider": factories.delegate(programme, Role.OFFICER),
        "delegate": factories.delegate(programme),
    }


def _process(client, people, organisation, programme, amount) -> FundingProcess:
    application = factories.funding_draft(
        organisation, programme, people["member"], amount_applied=Decimal(amount)
    )
    client.force_login(people["member"])
    client.post(reverse("funding:application_submit", args=[application.pk]))
    process = FundingProcess.objects.get(artifact_object_id=application.pk)
    driver.do_one(client, people["officer"], process, "check_complete", {"result": "complete"})
    return process


def _assessment(process, amount) -> dict:
    criterion = process.application.programme.criteria.get()
    return {
        "no_conflict_of_interest": "on",
        "summary": "Bedömd.",
        "proposed_outcome": "approved",
        "proposed_amount": amount,
        f"score_{criterion.pk}": "3",
    }


def _refused(client, user, task) -> str:
    client.force_login(user)
    response = client.post(task_url(task, "assign"))
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.owner_id is None
    return response.content.decode()


def test_the_route_follows_the_amount_applied_not_the_proposal(
    client, people, organisation, programme
):
    process = _process(client, people, organisation, programme, "80000")
    driver.do_one(client, people["officer"], process, "assess", _assessment(process, "15000"))
    assert [t.flow_task.name for t in driver.open_tasks(process)] == ["write_board_memo"]


def test_an_officer_without_the_point_is_told_why_they_cannot_take_the_decision(
    client, people, organisation, programme
):
    process = _process(client, people, organisation, programme, "15000")
    driver.do_one(client, people["officer"], process, "assess", _assessment(process, "15000"))
    (task,) = driver.open_tasks(process, "decide_as_officer")
    page = _refused(client, factories.staff(Role.OFFICER), task)
    assert "Du har inte punkt 4.1 i delegationsordningen" in page
    driver.take(client, people["decider"], task)


def test_the_officer_who_assessed_is_not_offered_the_decision(
    client, people, organisation, programme
):
    process = _process(client, people, organisation, programme, "15000")
    driver.do_one(client, people["officer"], process, "assess", _assessment(process, "15000"))
    (task,) = driver.open_tasks(process, "decide_as_officer")
    assert task not in queues.queue(people["officer"])
    assert task in queues.queue(people["decider"])


def test_an_administrator_is_not_offered_and_cannot_take_a_decision(
    client, people, organisation, programme
):
    process = _process(client, people, organisation, programme, "15000")
    driver.do_one(client, people["officer"], process, "assess", _assessment(process, "15000"))
    (task,) = driver.open_tasks(process, "decide_as_officer")
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    assert task not in queues.queue(admin)
    assert "En administratör förvaltar systemet" in _refused(client, admin, task)


def test_a_member_of_the_applying_organisation_is_not_offered_the_assessment(
    client, people, organisation, programme
):
    process = _process(client, people, organisation, programme, "15000")
    (task,) = driver.open_tasks(process, "assess")
    insider = factories.staff(Role.OFFICER)
    factories.MembershipFactory(user=insider, organisation=organisation)
    assert task in queues.queue(people["officer"])
    assert task not in queues.queue(insider)
    assert "du är jävig" in _refused(client, insider, task)


def test_the_decision_form_asks_for_the_declaration_and_keeps_what_was_typed(
    client, people, organisation, programme
):
    process = _process(client, people, organisation, programme, "15000")
    driver.do_one(client, people["officer"], process, "assess", _assessment(process, "15000"))
    (task,) = driver.open_tasks(process, "decide_as_officer")
    data = {"outcome": "approved", "amount_granted": "15000", "reasons": "Mina skäl."}
    response = driver.take_and_do(client, people["decider"], task, data, expect=200)
    page = response.content.decode()
    assert "Intyga att du inte är jävig" in page
    assert "Mina skäl." in page
    assert not hasattr(FundingApplication.objects.get(pk=process.application.pk), "decision")


def test_passing_a_task_on_for_a_conflict_records_it_and_keeps_the_person_out(
    client, people, organisation, programme
):
    process = _process(client, people, organisation, programme, "15000")
    (task,) = driver.open_tasks(process, "assess")
    officer = people["officer"]
    driver.take(client, officer, task)
    task_page = client.get(task_url(task, "execute")).content.decode()
    url = reverse("workflows:pass_on", args=[task.pk])
    assert url in task_page

    response = client.post(url, {"task": task.pk, "conflict_of_interest": "on"})
    assert response.status_code == 400
    assert f'id="id_reason_{task.pk}_error"' in response.content.decode()  # on the field
    task.refresh_from_db()
    assert task.owner == officer

    reason = "Jag sitter i föreningens styrelse."
    response = client.post(url, {"task": task.pk, "conflict_of_interest": "on", "reason": reason})
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.owner, task.status) == (None, STATUS.NEW)
    declaration = ConflictDeclaration.objects.get(person=officer)
    assert (declaration.has_conflict, declaration.reason) == (True, reason)
    actions = AuditEvent.objects.filter(reason=reason).values_list("action", flat=True)
    assert set(actions) == {FundingAction.CONFLICT_DECLARED, WorkflowAction.TASK_REASSIGNED}
    assert task not in queues.queue(officer)
    assert "Du har anmält jäv" in _refused(client, officer, task)


def test_only_the_holder_passes_a_task_on(client, people, organisation, programme):
    process = _process(client, people, organisation, programme, "15000")
    (task,) = driver.open_tasks(process, "assess")
    driver.take(client, people["officer"], task)
    client.force_login(factories.staff(Role.OFFICER))
    url = reverse("workflows:pass_on", args=[task.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"task": task.pk, "reason": "x"}).status_code == 404
