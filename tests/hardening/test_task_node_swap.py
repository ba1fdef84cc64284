"""A task id opens nothing under another node's URL (every page viewflow builds for a node:
index, detail, assign, unassign, execute, undo, cancel, revive).

An association member who puts their own task's id under the legal assessment's, the memo's or
the board's URL must not get that node's page (with its form, and the case's internal
assessment) built around their task: 404 for every role, GET and POST.
"""

import pytest
from django.urls import URLResolver
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from tests import factories
from tests.hardening import matrix
from workflows.funding.flows import FundingApplicationFlow
from workflows.iop.flows import IOPFlow

pytestmark = pytest.mark.django_db


def _names(patterns):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _names(entry.url_patterns)
        elif entry.name:
            yield entry.name


def _node_actions(node):
    patterns, _app_name, _namespace = node.urls
    yield from _names(patterns)


def _swaps(flow_class, task):
    """Every page of every other node of ``task``'s flow, with ``task``'s id in it."""
    for node in flow_class.instance.nodes():
        if node is task.flow_task:
            continue
        for action in _node_actions(node):
            yield node.reverse(action, args=[task.process_id, task.pk])


@pytest.mark.parametrize(
    ("flow_class", "make_process"),
    [(FundingApplicationFlow, factories.funding_process), (IOPFlow, factories.iop_process)],
)
def test_a_task_id_under_another_nodes_url_is_not_found(
    client, organisation, other_organisation, flow_class, make_process
):
    process = make_process(organisation)
    task = (
        Task.objects.filter(process=process, status=STATUS.NEW)
        .exclude(flow_task_type="JOB")
        .first()
    )
    assert task is not None, "the process waits at a task"
    users = matrix.make_users(organisation, other_organisation)
    answered = {}
    urls = list(_swaps(flow_class, task))
    assert len(urls) > 20  # every page of every other node
    for role in ("member", "officer", "admin", "coordinator"):
        client.force_login(users[role])
        for url in urls:
            for method in ("get", "post"):
                status = getattr(client, method)(url).status_code
                if status != 404:
                    answered[f"{role} {method.upper()} {url}"] = status
    assert answered == {}
