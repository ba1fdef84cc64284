"""Background work for flows. Each task takes an id and calls a service that checks whether its
work is done, so that it is safe to deliver twice."""

import logging

from celery import shared_task
from django.conf import settings
from viewflow.workflow.timers import fire_due_timers

from . import services

logger = logging.getLogger(__name__)

JOB_MAX_RETRIES = 5


@shared_task(acks_late=True)
def fire_workflow_timers() -> int:
    """Every minute: fire viewflow's due timer tasks (viewflow's own lock makes reruns safe)."""
    return fire_due_timers()


@shared_task(acks_late=True)
def release_tasks_of_those_who_left() -> int:
    """Every night: tasks held by people who may no longer take them go back to their queues."""
    return services.release_tasks_of_those_who_left()


@shared_task(bind=True, acks_late=True, max_retries=JOB_MAX_RETRIES)
def run_flow_job(self, task_pk: int) -> str:
    """Run a ``CeleryJob`` step: start it, do its work, finish it and move the flow on."""
    activation = services.job_start(task_pk=task_pk)
    if activation is None:
        return "skipped"
    try:
        services.job_do(activation=activation)
    except Exception as exc:
        if self.request.retries >= self.max_retries or settings.CELERY_TASK_ALWAYS_EAGER:
            logger.exception("Flow job %s failed for good", task_pk)
            services.job_fail(task=activation.task, error=exc)
            return "error"
        raise self.retry(exc=exc, countdown=min(2**self.request.retries * 5, 300)) from exc
    services.job_finish(task=activation.task)
    return "done"


@shared_task(acks_late=True)
def notify_new_task(task_pk: int) -> None:
    """Tell whoever may take a new task (or its assignee); nobody twice."""
    services.task_notify(task_pk=task_pk)
