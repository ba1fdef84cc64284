"""The IOP workflow services: a case starts with its process, a task is done by the one who took
it, and a refused decision leaves the task open with nothing saved."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from viewflow.workflow.status import STATUS

from partnerships.models import Party, Status
from tests import factories
from tests.driver import open_tasks
from tests.workflows import iop_steps as steps
from workflows.iop import services
from workflows.iop.flows import IOPFlow
from workflows.models import IOPProcess
from workflows.services import task_take

pytestmark = pytest.mark.django_db


def _answers(is_iop=True) -> dict:
    data = steps.screening(is_iop)
    data.pop("decision_reasons")
    return {
        name: value == "True" if value in ("True", "False") else value
        for name, value in data.items()
    }


def test_a_proposal_starts_its_process_with_the_parties_the_member_named(organisation):
    board, partner = factories.BoardFactory(), factories.OrganisationFactory(name="Partnern")
    inquiry = services.inquiry_propose(
        acting_user=factories.member(organisation),
        organisation=organisation,
        boards=[board],
        partners=[partner],
        contributions="Lokaler och ledare.",
        title="Läxhjälp",
        purpose="Läxhjälp för unga.",
        target_group="Unga",
        public_benefit_goal="Fler klarar skolan.",
    )

    process = IOPProcess.objects.get(flow_class=IOPFlow, artifact_object_id=inquiry.pk)
    assert [task.flow_task.name for task in open_tasks(process)] == ["screen"]
    parties = list(inquiry.parties.order_by("pk"))
    assert [(p.organisation, p.board, p.side) for p in parties] == [
        (organisation, None, Party.Side.IDEA_BASED),
        (board.administration, board, Party.Side.PUBLIC),
        (partner, None, Party.Side.IDEA_BASED),
    ]
    assert parties[0].proposed_contribution == "Lokaler och ledare."


def test_a_proposal_for_an_organisation_one_does_not_act_for_starts_nothing(
    organisation, other_organisation
):
    with pytest.raises(PermissionDenied):
        services.inquiry_propose(
            acting_user=factories.member(other_organisation),
            organisation=organisation,
            boards=[factories.BoardFactory()],
            title="Läxhjälp",
            purpose="Läxhjälp för unga.",
            target_group="Unga",
            public_benefit_goal="Fler klarar skolan.",
        )
    assert not IOPProcess.objects.exists()


def test_a_task_is_done_by_the_one_who_took_it_and_finishes_with_the_decision(organisation):
    process = factories.iop_process(organisation)
    officer, colleague = factories.staff(), factories.staff()
    (task,) = open_tasks(process, "screen")

    with task_take(task=task, acting_user=officer) as activation:
        with pytest.raises(PermissionDenied):
            services.screening_record(
                activation=activation, acting_user=colleague, answers=_answers()
            )
        inquiry = services.screening_record(
            activation=activation, acting_user=officer, answers=_answers()
        )

    task.refresh_from_db()
    assert task.status == STATUS.DONE and task.owner == officer
    assert inquiry.status == Status.INVESTIGATION
    assert [t.flow_task.name for t in open_tasks(process)] == ["investigate"]


def test_a_refused_decision_leaves_the_task_open_and_nothing_saved(organisation):
    process = factories.iop_process(organisation)
    officer = factories.staff()
    (task,) = open_tasks(process, "screen")

    with (
        task_take(task=task, acting_user=officer) as activation,
        pytest.raises(ValidationError),  # not an IOP, and no reasons for the initiator
    ):
        services.screening_record(
            activation=activation, acting_user=officer, answers=_answers(is_iop=False)
        )

    assert [t.pk for t in open_tasks(process, "screen")] == [task.pk]
    assert process.inquiry.status == Status.REGISTERED
    assert not hasattr(process.inquiry, "screening")


def test_a_task_service_refuses_another_nodes_task(organisation):
    process = factories.iop_process(organisation)
    officer = factories.staff()
    (task,) = open_tasks(process, "screen")
    with (
        task_take(task=task, acting_user=officer) as activation,
        pytest.raises(ValueError, match="screen"),
    ):
        services.memo_write(activation=activation, acting_user=officer, **steps.MEMO)


def test_one_who_may_not_take_a_task_cannot_take_it_from_code(organisation):
    process = factories.iop_process(organisation)
    (task,) = open_tasks(process, "screen")
    member = factories.member(organisation)
    with pytest.raises(PermissionDenied), task_take(task=task, acting_user=member):
        pass
    task.refresh_from_db()
    assert task.owner is None
