"""Flow nodes of our own, built on viewflow's public node base classes.

``CeleryJob`` runs a step's work as a Celery task (viewflow's own Celery node is in its paid
edition). The job is scheduled only when the step that creates it commits; it is delivered
at least once (``acks_late``), so the work it calls must be idempotent (check first whether it
is already done). A job that keeps failing after its retries puts its task in the ERROR
state, where staff see it and can retry it (``services.job_retry``).
"""

from collections.abc import Callable

from django.db import transaction
from viewflow import this
from viewflow.workflow.activation import Activation
from viewflow.workflow.nodes.job import AbstractJob, AbstractJobActivation
from viewflow.workflow.status import STATUS


class CeleryJobActivation(AbstractJobActivation):
    @Activation.status.transition(source=STATUS.NEW, target=STATUS.SCHEDULED)
    def activate(self):
        from .tasks import run_flow_job

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
