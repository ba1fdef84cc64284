"""The CeleryJob node: background work scheduled on commit, failures kept for staff to retry."""

import pytest
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from casework.models import Case
from workflows import services
from workflows.models import CaseProcess
from workflows.nodes import CeleryJob

pytestmark = pytest.mark.django_db(transaction=True)

OUTCOME = {"fail": False, "runs": 0}


class JobFlow(flow.Flow):
    """A minimal flow: start, one background step, end."""

    process_class = CaseProcess
    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle(this.started).Next(this.work)
    work = CeleryJob(this.do_work).Next(this.end)
    end = flow.End()

    def started(self, activation, case):
        activation.process.artifact = case
        activation.process.save()
        return activation.process

    def do_work(self, activation):
        OUTCOME["runs"] += 1
        if OUTCOME["fail"]:
            raise RuntimeError("the renderer is down")


@pytest.fixture(autouse=True)
def reset_outcome():
    OUTCOME.update(fail=False, runs=0)


def _job_task(process):
    return Task.objects.filter(process=process, flow_task=JobFlow.work).order_by("pk").last()


def test_a_job_runs_after_its_step_commits_and_the_flow_moves_on(organisation):
    from tests import factories

    case = factories.CaseFactory(organisation=organisation)
    process = JobFlow.start.run(case=case)
    process.refresh_from_db()
    assert OUTCOME["runs"] == 1
    assert _job_task(process).status == STATUS.DONE
    assert process.status == STATUS.DONE


def test_a_job_delivered_twice_does_its_work_once(organisation):
    from tests import factories
    from workflows.tasks import run_flow_job

    process = JobFlow.start.run(case=factories.CaseFactory(organisation=organisation))
    assert run_flow_job.apply(args=[_job_task(process).pk]).result == "skipped"
    assert OUTCOME["runs"] == 1


def test_a_failed_job_waits_in_error_and_staff_can_retry_it(organisation, officer):
    from tests import factories

    OUTCOME["fail"] = True
    case = factories.CaseFactory(organisation=organisation)
    process = JobFlow.start.run(case=case)
    failed = _job_task(process)
    assert failed.status == STATUS.ERROR
    assert "the renderer is down" in failed.data["_exception"]["title"]
    OUTCOME["fail"] = False
    services.job_retry(task=failed, acting_user=officer)
    process.refresh_from_db()
    assert _job_task(process).status == STATUS.DONE
    assert process.status == STATUS.DONE
    assert Case.objects.get(pk=case.pk).events.filter(action="job_retried").count() == 1
