"""Flow nodes of our own, built on viewflow's public node base classes (subclasses, no patches).
Both flows use these and only these for people's work:

- ``HumanTask``: a task a person takes and does. Who may take it is exactly the permission and
  object stored on the task (what the indexed queues show); its ``obj`` callable gets the
  activation, so parallel tasks of one process can belong to different boards or parties.
- ``DecisionTask``: a human task that whoever ``excluded(process, user)`` names may neither
  take nor do (separation of duties: the one who assessed does not decide).
- ``ForEachSplit``: a parallel split that creates one task per item of a data source (one per
  deciding board, one per signing party); the open edition's Split creates one per branch.
  ``task_object`` and ``task_permission`` read back, from the task itself, the object and
  permission each such task was made for; they are the one way to know whose a task is.
``CeleryJob`` runs a step's work as a Celery task (viewflow's own Celery node is in its paid
edition). The job is scheduled only when the step that creates it commits; it is delivered
at least once (``acks_late``), so the work it calls must be idempotent (check first whether it
is already done). A job that keeps failing after its retries puts its task in the ERROR
state, where staff see it and can retry it (``services.job_retry``).
"""

from collections.abc import Callable

from django.apps import apps
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.activation import Activation
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.nodes.job import AbstractJob, AbstractJobActivation
from viewflow.workflow.nodes.split import SplitActivation
from viewflow.workflow.status import STATUS

from .task_views import TakeTaskView, TaskIndexView
from .tasks import run_flow_job


class CeleryJobActivation(AbstractJobActivation):
    @Activation.status.transition(source=STATUS.NEW, target=STATUS.SCHEDULED)
    def activate(self):
        self.task.save()
        task_pk, external_id = self.task.pk, self.task.external_task_id
        transaction.on_commit(lambda: run_flow_job.apply_async(args=[task_pk], task_id=external_id))


class CeleryJob(AbstractJob):
    """A step done in the background: ``job(activation)`` is called by a Celery worker."""

    activation_class = CeleryJobActivation

    def __init__(self, job: Callable, **kwargs):
        super().__init__(**kwargs)
        self._job = job

    def _resolve(self, instance):
        super()._resolve(instance)
        self._job = this.resolve(instance, self._job)

    def run(self, activation) -> None:
        self._job(activation)


class HumanTask(flow.View):
    """A task a person takes from a queue and does (see the module's docstring)."""

    assign_view_class = TakeTaskView
    index_view_class = TaskIndexView

    def calc_owner_permission_obj(self, activation):
        obj = self._owner_permission_obj
        return obj(activation) if callable(obj) else obj

    def can_assign(self, user, task):
        if task.owner_id or user is None or user.is_anonymous:
            return False
        if task.owner_permission_obj_pk:
            return user.has_perm(task.owner_permission, obj=task.owner_permission_obj)
        return user.has_perm(task.owner_permission)


class DecisionTask(HumanTask):
    """A decision that the person ``excluded(process, user)`` names may not take or do.

    ``excluded`` answers with the reason, in words for that person (or something false when
    they may); the take and do pages show it (``workflows.scoping``)."""

    def __init__(self, view, *, excluded: Callable, **kwargs):
        super().__init__(view, **kwargs)
        self._excluded = excluded

    def refusal(self, user, task) -> str:
        """Why ``user`` may not take or do ``task`` beyond its permission; empty if they may."""
        reason = self._reason(user, task)
        if not reason:
            return ""
        return reason if isinstance(reason, str) else str(_("You may not take this task."))

    def _reason(self, user, task):
        return self._excluded(task.process.coerced, user)

    def _is_excluded(self, user, task) -> bool:
        return bool(self.refusal(user, task))

    def can_assign(self, user, task):
        return super().can_assign(user, task) and not self._is_excluded(user, task)

    def can_execute(self, user, task):
        return super().can_execute(user, task) and not self._is_excluded(user, task)


class PartyDecisionTask(DecisionTask):
    """A decision task of one of several parallel ones, where who may not take or do it depends
    on the task itself (the party a signing task is for): ``excluded(task, user)``."""

    def _reason(self, user, task):
        return self._excluded(task, user)


def task_permission(activation) -> str:
    """The permission a parallel task was created with (see ``ForEachSplit``)."""
    return activation.task.data["permission"]


def task_object(activation):
    """The board or organisation a parallel task belongs to, named ``app.model:pk``; ``None``
    for a parallel task offered to a staff role's queue (a global permission)."""
    return data_object(activation.task.data.get("object"))


def data_object(name: str | None):
    """The object a task's data names as ``app.model:pk`` (``None`` for no name)."""
    if name is None:
        return None
    label, pk = name.rsplit(":", 1)
    return apps.get_model(label)._default_manager.get(pk=pk)


class ForEachSplitActivation(SplitActivation):
    @Activation.status.super()
    def activate(self):
        for node, condition, data_source in self.flow_task._branches:
            if condition and not condition(self):
                continue
            items = data_source(self) if data_source else [None]
            self.next_tasks.extend((node, item) for item in items)
        if not self.next_tasks:
            raise FlowRuntimeError(f"No next task available for {self.flow_task.name}")


class ForEachSplit(flow.Split):
    activation_class = ForEachSplitActivation

    def Next(self, node, case=None, data_source=None):  # noqa: N802 - viewflow's node API
        self._activate_next.append((node, case, data_source))
        return self
