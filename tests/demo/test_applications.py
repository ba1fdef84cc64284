"""The demo applications: one in every state, made through the services and the flow."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from funding.models import FundingApplication, Status
from workflows import queues
from workflows.funding.flows import FundingApplicationFlow

pytestmark = pytest.mark.django_db

PARTS = ["register", "programmes", "accounts", "delegations", "iop", "applications"]


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--only", *PARTS, stdout=io.StringIO())


def test_the_demo_has_an_application_in_every_state(demo):
    states = set(FundingApplication.objects.values_list("status", flat=True))
    assert states == {status.value for status in Status}
    overdue = FundingApplication.objects.get(title="Demo: Teaterläger på påsklovet")
    deadline = overdue.case.deadlines.get(kind="report_back")
    assert deadline.met_at is None and deadline.due_on < timezone.localdate()


def test_the_demo_tasks_wait_in_the_right_inboxes(demo):
    from organisations.models import User

    secretary = User.objects.get(username="fritidsnamnden")
    board_task = Task.objects.get(
        flow_task=FundingApplicationFlow.record_board_decision, status=STATUS.NEW
    )
    assert board_task in queues.queue(secretary)
    assert not queues.queue(User.objects.get(username="vaxtverket")).exists()


def test_the_demo_is_loaded_once(demo):
    count = FundingApplication.objects.count()
    call_command("load_demo", "--only", "programmes", "applications", stdout=io.StringIO())
    assert FundingApplication.objects.count() == count
