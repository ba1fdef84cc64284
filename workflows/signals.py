"""What the workflow engine does that people must know of: a finished task goes into the case
log, a new one is told by a background job. The work is in ``workflows.services``."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from viewflow.workflow.models import Task
from viewflow.workflow.signals import task_finished

from organisations.signals import representation_ended

from . import services, tasks


@receiver(task_finished, dispatch_uid="workflows_task_finished_audit")
def record_task_finished(sender, process, task, **kwargs):
    services.task_record_finished(process=process, task=task)


@receiver(post_save, sender=Task, dispatch_uid="workflows_task_created_notify")
def notify_new_human_task(sender, instance: Task, created: bool, **kwargs):
    """A new human task tells whoever may take it (or its assignee) once the step commits: one
    background job per task, so that telling fifty officers does not slow the step."""
    if not created or instance.flow_task_type != "HUMAN":
        return
    task_pk = instance.pk
    transaction.on_commit(lambda: tasks.notify_new_task.delay(task_pk))


@receiver(representation_ended, dispatch_uid="workflows_representation_ended_release")
def release_tasks_of_former_representative(sender, person, **kwargs):
    """A revoked representative's tasks for the organisation go back to the queue now, not at
    night (``organisations.representation.representation_revoke``)."""
    person = type(person).objects.get(pk=person.pk)  # read their roles afresh
    services.release_tasks_held_by(person)
