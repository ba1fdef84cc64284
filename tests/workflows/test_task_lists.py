"""The task lists name each task as viewflow does and link to that task's own page."""

import html

import pytest
from django.urls import reverse
from django.utils import translation
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from tests import factories
from workflows.funding.flows import FundingApplicationFlow
from workflows.models.base import task_url

pytestmark = pytest.mark.django_db


def _check_tasks(organisation, count: int) -> list[Task]:
    programme = factories.FundingProgrammeFactory()
    return [
        Task.objects.get(
            process=factories.funding_process(organisation, programme=programme),
            flow_task=FundingApplicationFlow.check_complete,
            status=STATUS.NEW,
        )
        for _ in range(count)
    ]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_queue_and_inbox_link_each_task_to_its_own_page_by_its_name(
    client, organisation, language
):
    officer = factories.staff()
    waiting, taken = _check_tasks(organisation, 2), _check_tasks(organisation, 2)
    client.force_login(officer)
    client.cookies["django_language"] = language
    for task in taken:
        assert client.post(task_url(task, "assign")).status_code == 302

    queue = html.unescape(client.get(reverse("workflows:queue")).content.decode())
    inbox = html.unescape(client.get(reverse("workflows:inbox")).content.decode())

    for page, tasks, action in ((queue, waiting, "assign"), (inbox, taken, "index")):
        for task in tasks:
            task.refresh_from_db()
            with translation.override(language):
                expected = f'<a href="{task_url(task, action)}">{task.brief}</a>'
            assert expected in page
