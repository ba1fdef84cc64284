"""Driving the IOP flow from code, for the demo data: each step is the task's workflow service
(``workflows.iop.services``), called as the person who takes the task, just as the task's page
does."""

from collections.abc import Callable

from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from viewflow.workflow.timers import fire_due_timers

from partnerships.models import IOPInquiry
from workflows.iop import services
from workflows.iop.flows import IOPFlow
from workflows.models import IOPProcess
from workflows.services import task_take


def fire_timers() -> int:
    """Fire the flow's due timers, as the beat task ``workflows.tasks.fire_workflow_timers``
    does every minute."""
    return fire_due_timers()


def process_of(inquiry: IOPInquiry) -> IOPProcess:
    return IOPProcess.objects.get(flow_class=IOPFlow, artifact_object_id=inquiry.pk)


def open_task(process: IOPProcess, name: str, match: Callable[[Task], bool] | None = None):
    """The open human task ``name`` of the process (the first one ``match`` accepts)."""
    tasks = Task.objects.filter(process=process, status=STATUS.NEW).order_by("pk")
    for task in tasks:
        if task.flow_task.name == name and (match is None or match(task)):
            return task
    raise LookupError(f"No open task {name} in process {process.pk}")


def do(process: IOPProcess, name: str, user, service: Callable, match=None, **data):
    """Take the open task ``name`` as ``user`` and do it with its ``service`` and ``data``."""
    task = open_task(process, name, match)
    with task_take(task=task, acting_user=user) as activation:
        return service(activation=activation, acting_user=user, **data)


def work_on(process: IOPProcess, name: str, user, service: Callable, **data):
    """Work on the open task ``name`` without taking it (a draft or an assessment saved): it
    stays in the queue."""
    activation = services.task_activation(open_task(process, name))
    return service(activation=activation, acting_user=user, **data)
