"""The one test driver of a flow over HTTP: find a process's open tasks, take one from the
queue as a person and send its form, as that person's browser would."""

from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.models.base import task_url


def open_tasks(process, name: str | None = None) -> list[Task]:
    """The process's open human tasks, oldest first; only those of node ``name`` if given."""
    tasks = Task.objects.filter(process=process, status__in=[STATUS.NEW, STATUS.ASSIGNED])
    tasks = [task for task in tasks.order_by("pk") if task.flow_task_type == "HUMAN"]
    return [task for task in tasks if name is None or task.flow_task.name == name]


def take(client, user, task) -> None:
    """Log in as ``user`` and take ``task`` from the queue."""
    client.force_login(user)
    # task_url loads the URLconf first: a node's URL namespace is only complete once the Site's
    # URLs are built (a bare ``task.reverse`` before that raised ``KeyError: 'screen'``).
    response = client.post(task_url(task, "assign"))
    assert response.status_code == 302, response.status_code


def take_and_do(client, user, task, data: dict | None = None, expect=302):
    """Take ``task`` as ``user`` and send its form with ``data``; expect ``expect`` back."""
    take(client, user, task)
    response = client.post(task_url(task, "execute"), data or {})
    assert response.status_code == expect, response.content.decode()[:3000]
    return response


def do_one(client, user, process, name: str, data: dict | None = None, expect=302):
    """Do the one open task ``name`` of ``process`` as ``user``; returns the task."""
    (task,) = open_tasks(process, name)
    take_and_do(client, user, task, data, expect)
    return task
