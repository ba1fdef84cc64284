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
from notifications.services import notify_once
from organisations import policy

from .actions import WorkflowAction
from .models.base import case_of, task_url


@receiver(task_finished, dispatch_uid="workflows_task_finished_audit")
def record_task_finished(sender, process, task, **kwargs):
    case = case_of(process)
    if case is None:
        return
    events.record(
        case,
        task.owner,
        WorkflowAction.TASK_COMPLETED,
        data={"task": task.flow_task.name, "task_id": task.pk, "flow": process.flow_class.__name__},
    )


@receiver(post_save, sender=Task, dispatch_uid="workflows_task_created_notify")
def notify_new_human_task(sender, instance: Task, created: bool, **kwargs):
    """A new human task tells whoever may take it (or its assignee) once the step commits: one
    background job per task, so that telling fifty officers does not slow the step."""
    if not created or instance.flow_task_type != "HUMAN":
        return
    from .tasks import notify_new_task

    task_pk = instance.pk
    transaction.on_commit(lambda: notify_new_task.delay(task_pk))


def notify_task(task_pk: int) -> None:
    """Tell of a new task, once: the task row is locked and who was told already is skipped."""
    with transaction.atomic():
        _notify_task(task_pk)


def _notify_task(task_pk: int) -> None:
    tasks = Task.objects.select_for_update(of=("self",)).select_related("process", "owner")
    task = tasks.filter(pk=task_pk).first()
    if task is None or task.status not in (STATUS.NEW, STATUS.ASSIGNED):
        return
    case = case_of(task.process)
    label = f"{task.brief} – {case.case_number}" if case else str(task.brief)
    if task.owner_id:
        recipients, kind = [task.owner], Kind.TASK_ASSIGNED
        url = task_url(task, "index")
    else:
        recipients = policy.holders_of(task.owner_permission, task.owner_permission_obj)
        kind, url = Kind.TASK_AVAILABLE, task_url(task, "assign")
    notify_once(
        recipients=recipients,
        kind=kind,
        title=_("New task: %(task)s") % {"task": label},
        url=url,
        since=task.created,
    )
