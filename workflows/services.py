"""Moving tasks between people: reassignment and return to the queue."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from casework import events
from notifications.models import Kind
from notifications.services import notify
from organisations import policy

from .models import CaseProcess
from .models.base import task_url


def may_take(user, task: Task) -> bool:
    """Whether ``user`` may hold ``task`` (the permission its node declared)."""
    if not task.owner_permission:
        return False
    obj = task.owner_permission_obj
    return (
        user.has_perm(task.owner_permission, obj)
        if obj is not None
        else user.has_perm(task.owner_permission)
    )


@transaction.atomic
def task_reassign(*, task: Task, acting_user, to_user=None) -> Task:
    """Give an assigned task to someone else who may take it, or (no one) back to the queue."""
    if not (policy.may_reassign_tasks(acting_user) or task.owner_id == acting_user.pk):
        raise PermissionDenied("Only officers and coordinators move others' tasks.")
    if to_user is not None and not may_take(to_user, task):
        raise ValidationError(_("%(person)s may not take this task.") % {"person": to_user})
    with task.activation() as activation:
        if activation.task.status != STATUS.ASSIGNED:
            raise ValidationError(_("The task is no longer assigned to anyone."))
        previous = activation.task.owner
        if to_user is None:
            activation.unassign()
        else:
            activation.reassign(user=to_user)
    task.refresh_from_db()
    case = CaseProcess.objects.get(pk=task.process_id).case
    if case is not None:
        events.record(
            case,
            acting_user,
            "task_reassigned",
            from_state=previous.get_username() if previous else "",
            to_state=to_user.get_username() if to_user else "queue",
            data={"task_id": task.pk, "task": task.flow_task.name},
        )
    if to_user is not None:
        notify(
            recipients=[to_user],
            kind=Kind.TASK_ASSIGNED,
            url=task_url(task, "index"),
            title=_("A task has been passed to you: %(task)s") % {"task": task.brief},
        )
    return task


@transaction.atomic
def job_retry(*, task: Task, acting_user) -> Task:
    """Run a failed background step again (staff, from the failed work list)."""
    if not policy.may_reassign_tasks(acting_user):
        raise PermissionDenied("Only officers and coordinators retry background work.")
    with task.activation() as activation:
        if activation.task.status != STATUS.ERROR:
            raise ValidationError(_("Only a failed step can be retried."))
        activation.revive()
    case = CaseProcess.objects.get(pk=task.process_id).case
    if case is not None:
        events.record(case, acting_user, "job_retried", data={"task_id": task.pk,
                                                              "task": task.flow_task.name})
    return task
