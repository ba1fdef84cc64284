"""Every finished human or automatic task lands in its case's audit log."""

from django.dispatch import receiver
from viewflow.workflow.signals import task_finished

from casework import events

from .models import CaseProcess


@receiver(task_finished, dispatch_uid="workflows_task_finished_audit")
def record_task_finished(sender, process, task, **kwargs):
    case_process = CaseProcess.objects.filter(pk=process.pk).first()
    case = case_process.case if case_process is not None else None
    if case is None:
        return
    events.record(
        case,
        task.owner,
        "task_completed",
        data={"task": task.flow_task.name, "task_id": task.pk, "flow": process.flow_class.__name__},
    )
