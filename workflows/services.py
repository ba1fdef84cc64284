"""What happens to tasks besides the flows' own steps: who is told of a new task, what the
case log says of a finished one, moving tasks between people (reassignment, return to the
queue, the nightly return of tasks held by people who may no longer take them) and running
background steps. The signals and Celery tasks of workflows only call these."""

import logging
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from viewflow.workflow.activation import Activation
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from casework import events
from casework.actions import CaseState
from funding import services as funding_services
from funding.models import FundingApplication
from notifications.models import Kind
from notifications.services import notify, notify_once
from organisations import policy
from organisations.models import User

from . import queues
from .actions import WorkflowAction
from .models import CaseProcess
from .models.base import case_of, task_url

logger = logging.getLogger(__name__)


def ensure_task_of(activation, nodes) -> None:
    """The task in hand is a task of one of the flow's ``nodes``: a flow's service given the
    activation of another task is a mistake in the code, not a person's."""
    if activation.flow_task.name not in nodes:
        raise ValueError(f"A {activation.flow_task.name} task is not a {'/'.join(nodes)} task.")


def task_record_finished(*, process, task: Task) -> None:
    """A finished task goes into its case's log, with who did it (the engine's own record of
    the task says when)."""
    case = case_of(process)
    if case is None:
        return
    events.record(
        case,
        task.owner,
        WorkflowAction.TASK_COMPLETED,
        data={"task": task.flow_task.name, "task_id": task.pk, "flow": process.flow_class.__name__},
    )


@transaction.atomic
def task_notify(*, task_pk: int) -> None:
    """Tell of a new task whoever may take it (or its assignee), once: the task row is locked
    and who was told already is skipped, so a background job may run this twice."""
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
        recipients = list(policy.holders_of(task.owner_permission, task.owner_permission_obj))
        kind, url = Kind.TASK_AVAILABLE, task_url(task, "assign")
        if recipients and not any(policy.is_staff_member(person) for person in recipients):
            # An association's task is its own: the link opens it, taken on the way, as the
            # start page does (staff take a task from their queue first).
            url = reverse("workflows:task_open", args=[task.pk])
    notify_once(
        recipients=recipients,
        kind=kind,
        title=_("New task: %(task)s") % {"task": label},
        url=url,
        since=task.created,
    )


def may_take(user, task: Task) -> bool:
    """Whether ``user`` may hold ``task``: the permission its node declared, and nothing that
    excludes them from it (a conflict of interest, a delegation they do not hold)."""
    if not task.owner_permission:
        return False
    obj = task.owner_permission_obj
    allowed = (
        user.has_perm(task.owner_permission, obj)
        if obj is not None
        else user.has_perm(task.owner_permission)
    )
    refusal = getattr(task.flow_task, "refusal", None)
    return allowed and not (refusal and refusal(user, task))


@transaction.atomic
def task_reassign(
    *, task: Task, acting_user, reason: str, to_user=None, conflict_of_interest: bool = False
) -> Task:
    """Give an assigned task to someone else who may take it, or (no one) back to the queue,
    with the reason, which the case's log keeps. The person who holds the task may give a
    conflict of interest (jäv, FL 16–18 §§) as the reason: it is declared on the case, and
    they can no longer take its assessment or decision."""
    if not (policy.may_reassign_tasks(acting_user) or task.owner_id == acting_user.pk):
        raise PermissionDenied("Only officers and coordinators move others' tasks.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the task is passed on.")})
    if conflict_of_interest and task.owner_id != acting_user.pk:
        raise ValidationError(
            {"conflict_of_interest": _("Only the person who holds the task declares a conflict.")}
        )
    if to_user is not None and not may_take(to_user, task):
        raise ValidationError(_("%(person)s may not take this task.") % {"person": to_user})
    if not _hand_over(task, actor=acting_user, to_user=to_user, reason=reason):
        raise ValidationError(_("The task is no longer assigned to anyone."))
    if conflict_of_interest:
        _declare_conflict(task, acting_user, reason)
    if to_user is not None:
        notify(
            recipients=[to_user],
            kind=Kind.TASK_ASSIGNED,
            url=task_url(task, "index"),
            title=_("A task has been passed to you: %(task)s") % {"task": task.brief},
        )
    return task


def _declare_conflict(task: Task, person, reason: str) -> None:
    application = CaseProcess.objects.get(pk=task.process_id).artifact
    if isinstance(application, FundingApplication):
        funding_services.conflict_declare(
            application=application, acting_user=person, task=task.flow_task.name, reason=reason
        )


def _hand_over(task: Task, *, actor, to_user, reason: str = "", expected_owner=None) -> bool:
    """Move an assigned task to ``to_user`` or (None) back to its queue, with an event on the
    case; False if it was no longer assigned to anyone (or no longer to ``expected_owner``)."""
    with task.activation() as activation:
        if activation.task.status != STATUS.ASSIGNED:
            return False
        previous = activation.task.owner
        if expected_owner is not None and activation.task.owner_id != expected_owner.pk:
            return False
        if to_user is None:
            activation.unassign()
        else:
            activation.reassign(user=to_user)
    task.refresh_from_db()
    case = CaseProcess.objects.get(pk=task.process_id).case
    if case is not None:
        events.record(
            case,
            actor,
            WorkflowAction.TASK_REASSIGNED,
            from_state=previous.get_username() if previous else "",
            to_state=to_user.get_username() if to_user else CaseState.QUEUE,
            reason=reason,
            data={"task_id": task.pk, "task": task.flow_task.name},
        )
    return True


def release_tasks_of_those_who_left() -> int:
    """Every night: tasks held by people who may no longer take them go back to their queues.

    A member whose membership of the association has ended, a representative whose
    representation ended or was revoked, a board secretary who left the board, an officer
    whose role was taken away or whose account was closed: their tasks would otherwise stay
    theirs, out of everyone's sight (a task of an organisation one no longer acts for is not
    shown to them either). Each task goes back to the queue it came from, with an event on its
    case, and those who may take it now are told. A task that cannot be moved (its process
    busy, an error) is logged and tried again the next night; the others go on. Returns how
    many went back.
    """
    owner_ids = Task.objects.filter(status=STATUS.ASSIGNED).values("owner_id")
    return sum(
        release_tasks_held_by(owner)
        for owner in User.objects.filter(pk__in=owner_ids).order_by("pk")
    )


def release_tasks_held_by(owner) -> int:
    """The tasks ``owner`` holds but may no longer take go back to their queues (the nightly
    release for one person; at once when their representation is revoked)."""
    released = 0
    held = Task.objects.filter(owner=owner, status=STATUS.ASSIGNED).order_by("pk")
    takeable = queues.takeable_by(owner)
    if takeable is not None:
        held = held.exclude(takeable)
    for task in held:
        # The queue filter covers roles; has_perm has the last word (superusers, say).
        if not task.owner_permission or may_take(owner, task):
            continue
        try:
            released += _release(task, previous=owner)
        except Exception:
            logger.exception("Task %s could not be returned to its queue", task.pk)
    return released


@transaction.atomic
def _release(task: Task, *, previous) -> bool:
    reason = _("%(person)s may no longer take this task.") % {"person": previous.get_username()}
    if not _hand_over(task, actor=None, to_user=None, reason=reason, expected_owner=previous):
        return False
    case = CaseProcess.objects.get(pk=task.process_id).case
    label = f"{task.brief} – {case.case_number}" if case else str(task.brief)
    notify(
        recipients=policy.holders_of(task.owner_permission, task.owner_permission_obj),
        kind=Kind.TASK_AVAILABLE,
        url=task_url(task, "assign"),
        title=_("A task is back in your queue: %(task)s") % {"task": label},
    )
    return True


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
        events.record(
            case,
            acting_user,
            WorkflowAction.JOB_RETRIED,
            data={"task_id": task.pk, "task": task.flow_task.name},
        )
    return task


def job_start(*, task_pk: int) -> Activation | None:
    """Start a background step; its activation, or None when the step is done, cancelled or
    failed already (a repeated delivery of its job)."""
    task = Task.objects.filter(pk=task_pk).first()
    if task is None or task.status not in (STATUS.SCHEDULED, STATUS.STARTED):
        return None
    with task.activation() as activation:
        activation.start()
    return activation


def job_do(*, activation: Activation) -> None:
    """Do a started background step's work (the job its node names)."""
    activation.task.flow_task.run(activation)


def job_fail(*, task: Task, error: Exception) -> None:
    """A background step that failed for good waits in the error state, for staff to retry."""
    with task.activation() as activation:
        activation.error(error)


def job_finish(*, task: Task) -> None:
    """Finish a background step whose work is done, and move its flow on."""
    with task.activation() as activation:
        if activation.task.status == STATUS.STARTED:
            activation.execute()


@transaction.atomic
def task_draft_keep(*, task: Task, acting_user, data: dict[str, list[str]] | None) -> Task:
    """Keep what the holder of ``task`` typed on its page as the task's draft (``None``: drop
    it, the answers are stored where they belong): each field's name with its list of values.
    Nothing is checked: the task's service checks the answers when the task is completed. NUL
    characters are dropped: no one types them, and PostgreSQL keeps none in JSON."""
    task = Task.objects.select_for_update(of=("self",)).get(pk=task.pk)
    if task.owner_id != acting_user.pk or task.status not in (STATUS.ASSIGNED, STATUS.STARTED):
        raise PermissionDenied("Only the holder of an open task keeps a draft of it.")
    task.data = {key: value for key, value in (task.data or {}).items() if key != "draft"}
    if data:
        task.data["draft"] = {
            _without_nul(key): [_without_nul(value) for value in values]
            for key, values in data.items()
        }
    task.save(update_fields=["data"])
    return task


def _without_nul(text: str) -> str:
    return text.replace("\x00", "")


@contextmanager
def task_take(*, task: Task, acting_user):
    """Take ``task`` as ``acting_user`` and open it, as its page does, for a caller without a
    page (the demo loader, tests): yields the activation to give the task's service, under the
    process's lock. Refused (``PermissionDenied``) to whoever may not take or do it."""
    with transaction.atomic(), task.activation() as activation:
        flow_task, task = activation.flow_task, activation.task
        if task.status == STATUS.NEW:
            if not flow_task.can_assign(acting_user, task):
                raise PermissionDenied("This person may not take the task.")
            activation.assign(acting_user)
        if not flow_task.can_execute(acting_user, task):
            raise PermissionDenied("This person may not do the task.")
        activation.start(None)
        yield activation
