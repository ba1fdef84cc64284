"""A running funding process survives a change to the flow. Tasks store their node by name
(``workflows/funding.flows.FundingApplicationFlow.<node>``): a node that open or finished tasks
name is never renamed or removed without a data migration (docs/workflows.md, "Changing a
flow")."""

import pytest
from django.db.models import CharField
from django.db.models.functions import Cast
from viewflow.workflow.models import Task

from tests import driver, factories
from workflows.funding.flows import FundingApplicationFlow

pytestmark = pytest.mark.django_db

# Every node of the funding flow as released to running processes.
RELEASED_NODES = {
    "submit", "check_complete", "is_complete", "answer_supplement", "supplement_overdue",
    "assess", "route_decision", "decide_as_officer", "decide_as_delegate", "write_board_memo",
    "record_board_decision", "is_granted", "pay", "is_paid_in_full", "report_back",
    "review_report", "needs_more_report", "rejected", "settled",
}  # fmt: skip


def test_every_released_node_still_exists():
    assert {node.name for node in FundingApplicationFlow.instance.nodes()} >= RELEASED_NODES


def test_a_waiting_task_names_its_node_as_released(organisation):
    process = factories.funding_process(organisation)
    (task,) = driver.open_tasks(process, "check_complete")
    stored = Task.objects.filter(pk=task.pk).annotate(node=Cast("flow_task", CharField()))
    assert stored.values_list("node", flat=True).get() == (
        "workflows/funding.flows.FundingApplicationFlow.check_complete"
    )
