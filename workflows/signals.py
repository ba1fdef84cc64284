"""What the workflow engine does that people must know of: the audit log and notifications."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.signals import task_finished
from viewflow.workflow.status import STATUS

from casework import events
from notifications.models import Kind
from notifications.services import notify
from organisations import policy

from .models import CaseProcess
from .models.base import task_url


def _case_of(process):
    case_process = CaseProcess.objects.filter(pk=process.pk).first()
    return case_process.case if case_process is not None else None


@receiver(task_finished, dispatch_uid="workflows_task_finished_audit")
def record_task_finished(sender, process, task, **kwargs):
    case = _case_of(process)
    if case is None:
        return
    events.record(
        case,
        task.owner,
        "task_completed",
        data={"task": task.flow_task.name, "task_id": task.pk, "flow": process.flow_class.__name__},
    )


@receiver(post_save, sender=Task, dispatch_uid="workflows_task_created_notify")
def notify_new_human_task(sender, instance: Task, created: bool, **kwargs):
    """A new human task tells whoever may take it (or its assignee) once the step commits."""
    if not created or instance.flow_task_type != "HUMAN":
        return
    transaction.on_commit(lambda: _notify_task(instance.pk))


def _notify_task(task_pk: int) -> None:
    task = Task.objects.select_related("process").filter(pk=task_pk).first()
    if task is None or task.status not in (STATUS.NEW, STATUS.ASSIGNED):
        return
    case = _case_of(task.process)
    label = f"{task.brief} – {case.case_number}" if case else str(task.brief)
    if task.owner_id:
        recipients, kind = [task.owner], Kind.TASK_ASSIGNED
        url = task_url(task, "index")
    else:
        recipients = policy.holders_of(task.owner_permission, task.owner_permission_obj)
        kind, url = Kind.TASK_AVAILABLE, task_url(task, "assign")
    with transaction.atomic():
        notify(
            recipients=recipients,
            kind=kind,
            title=_("New task: %(task)s") % {"task": label},
            url=url,
        )
