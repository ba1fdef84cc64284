"""The funding workflow's services, called as the demo loader calls them: each does the domain
work and finishes its task in one transaction; a refusal leaves the task open and nothing
saved."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from viewflow.workflow.status import STATUS

from funding.models import FundingApplication, Status
from tests import driver, factories
from workflows.funding import services
from workflows.funding.flows import FundingApplicationFlow
from workflows.models import FundingProcess
from workflows.services import task_take

pytestmark = pytest.mark.django_db


@pytest.fixture
def process(organisation, programme):
    return factories.funding_process(organisation, programme=programme)


def _check(process):
    (task,) = driver.open_tasks(process, "check_complete")
    return task


def test_submitting_registers_the_application_and_starts_its_flow(organisation, programme):
    draft = factories.funding_draft(factories.eligible(organisation), programme)
    application = services.application_submit(application=draft, acting_user=draft.created_by)
    assert application.status == Status.SUBMITTED and application.case.case_number
    process = FundingProcess.objects.get(
        flow_class=FundingApplicationFlow, artifact_object_id=application.pk
    )
    assert [task.flow_task.name for task in driver.open_tasks(process)] == ["check_complete"]


def test_a_refused_submission_starts_no_flow(organisation, programme):
    draft = factories.funding_draft(organisation, programme)  # no eligibility evidence
    with pytest.raises(ValidationError):
        services.application_submit(application=draft, acting_user=draft.created_by)
    assert not FundingProcess.objects.exists()


def test_a_task_done_through_its_service_is_finished_and_the_next_one_waits(process, officer):
    with task_take(task=_check(process), acting_user=officer) as activation:
        application = services.completeness_check(
            activation=activation, acting_user=officer, complete=True
        )
    assert application.status == Status.IN_ASSESSMENT
    assert not driver.open_tasks(process, "check_complete")
    assert len(driver.open_tasks(process, "assess")) == 1


def test_a_refused_task_stays_open_and_nothing_is_saved(process, officer):
    task = _check(process)
    with (
        pytest.raises(ValidationError) as refused,
        task_take(task=task, acting_user=officer) as activation,
    ):
        services.completeness_check(
            activation=activation,
            acting_user=officer,
            complete=False,
            message="Bifoga en budget.",
            due_on=timezone.localdate() + timedelta(days=730),
        )
    assert "due_on" in refused.value.message_dict
    task.refresh_from_db()
    assert task.status == STATUS.NEW
    application = FundingApplication.objects.get(pk=process.artifact_object_id)
    assert application.status == Status.SUBMITTED
    assert not application.supplement_requests.exists()


def test_a_task_is_not_taken_by_someone_who_may_not(process, member):
    with (
        pytest.raises(PermissionDenied),
        task_take(task=_check(process), acting_user=member),
    ):
        pass
    assert _check(process).owner is None


def test_a_service_does_only_its_own_task(process, officer):
    with (
        pytest.raises(ValueError, match="check_complete"),
        task_take(task=_check(process), acting_user=officer) as activation,
    ):
        services.supplement_answer(activation=activation, acting_user=officer, answer="Ja.")
    assert _check(process).status == STATUS.NEW
