"""Driving the IOP flow from code, for the demo data: each step is the task's own service,
called as the person who takes the task, then the task is completed through viewflow's
activation (assign, start, execute) under the flow's lock, just as the task's page does."""

from collections.abc import Callable

from django.db import transaction
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from viewflow.workflow.timers import fire_due_timers

from partnerships.models import IOPInquiry
from workflows.iop.flows import IOPFlow
from workflows.models import IOPProcess


def fire_timers() -> int:
    """Fire the flow's due timers, as the beat task ``workflows.tasks.fire_workflow_timers``
    does every minute."""
    return fire_due_timers()


def start(inquiry: IOPInquiry) -> IOPProcess:
    return IOPFlow.start.run(inquiry=inquiry)


def open_task(process: IOPProcess, name: str, match: Callable[[Task], bool] | None = None):
    """The open human task ``name`` of the process (the first one ``match`` accepts)."""
    tasks = Task.objects.filter(process=process, status=STATUS.NEW).order_by("pk")
    for task in tasks:
        if task.flow_task.name == name and (match is None or match(task)):
            return task
    raise LookupError(f"No open task {name} in process {process.pk}")


@transaction.atomic
def do_task(task: Task, user, work: Callable[[], object]) -> None:
    """Take ``task`` as ``user``, do its ``work`` (a service call) and complete it."""
    with IOPFlow.instance.lock(task.process_id):
        task = Task.objects.get(pk=task.pk)
        activation = task.flow_task.activation_class(task)
        activation.assign(user)
        activation.start(None)
        work()
        activation.execute()


def do(process: IOPProcess, name: str, user, work: Callable[[], object], match=None) -> None:
    do_task(open_task(process, name, match), user, work)
