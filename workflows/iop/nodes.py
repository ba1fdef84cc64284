"""Node types the IOP flow needs beyond viewflow's open edition (subclasses, no patches).

- ``View``: a human task taken by the permission and object stored on the task itself, so
  that who may take a task is exactly what the indexed queues show. Its ``obj`` callable gets
  the activation, which lets parallel tasks of one process belong to different boards.
- ``ForEachSplit``: a parallel split that creates one task per item of a data source (one per
  deciding board, one per signing party); the open edition's Split creates one per branch.
"""

from django.apps import apps
from viewflow.workflow import flow
from viewflow.workflow.activation import Activation
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.nodes.split import SplitActivation


class View(flow.View):
    def calc_owner_permission_obj(self, activation):
        obj = self._owner_permission_obj
        return obj(activation) if callable(obj) else obj

    def can_assign(self, user, task):
        if task.owner_id or user is None or user.is_anonymous:
            return False
        if task.owner_permission_obj_pk:
            return user.has_perm(task.owner_permission, obj=task.owner_permission_obj)
        return user.has_perm(task.owner_permission)


def task_permission(activation) -> str:
    """The permission a parallel task was created with (see ``ForEachSplit``)."""
    return activation.task.data["permission"]


def task_object(activation):
    """The board or organisation a parallel task belongs to, named ``app.model:pk``."""
    label, pk = activation.task.data["object"].rsplit(":", 1)
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
