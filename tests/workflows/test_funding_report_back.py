"""The funding flow's end walked through the real URLs: paid in full, reported on, sent back
for more, completed and approved. Each branch reads a status that means one thing."""

import pytest
from viewflow.workflow.status import PROCESS

from funding.models import FundingApplication, Status
from organisations.models import Role
from tests import factories
from tests.driver import do_one, open_tasks
from tests.workflows.funding_steps import report, walk_to_report_back

pytestmark = pytest.mark.django_db


def _status(process) -> str:
    return FundingApplication.objects.get(pk=process.artifact_object_id).status


def test_a_report_back_sent_back_for_more_comes_back_to_the_organisation(client, organisation):
    process = factories.funding_process(organisation)
    member = factories.member(organisation)
    officer = factories.staff(Role.OFFICER)
    walk_to_report_back(client, process, officer, factories.staff(Role.DELEGATE))
    assert _status(process) == Status.PAID
    assert [task.flow_task.name for task in open_tasks(process)] == ["report_back"]

    report(client, member, process)
    assert _status(process) == Status.REPORTED
    more = {"review": "more_requested", "note": "Bifoga kvitton."}
    do_one(client, officer, process, "review_report", more)

    assert _status(process) == Status.MORE_REPORT_REQUESTED
    assert [task.flow_task.name for task in open_tasks(process)] == ["report_back"]
    report(client, member, process)
    do_one(client, officer, process, "review_report", {"review": "approved"})
    process.refresh_from_db()
    assert process.status == PROCESS.DONE
    assert _status(process) == Status.CLOSED
