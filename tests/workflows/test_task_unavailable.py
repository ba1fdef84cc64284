"""A task page that is no longer open says so in words: who did it and when, and where to go.

Two tabs, two colleagues or an old link in a notification all reach a task that someone has
already completed or taken; viewflow refuses it, and the person reads why instead of a bare
403. A refusal for lack of rights stays a 403.
"""

import pytest
from django.test import Client
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from organisations.models import Role
from tests import driver, factories
from workflows.models.base import task_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def check(organisation):
    """The completeness check of a submitted application, taken by one officer."""
    (task,) = driver.open_tasks(factories.funding_process(organisation))
    officer = factories.staff(Role.OFFICER, first_name="Handläggare", last_name="Ett")
    client = Client()
    driver.take(client, officer, task)
    return {
        "task": task,
        "officer": officer,
        "client": client,
        "execute": task_url(task, "execute"),
        "assign": task_url(task, "assign"),
    }


def _page(response) -> str:
    return response.content.decode()


def test_sending_a_completed_task_again_says_it_is_already_done(check):
    client = check["client"]
    assert client.post(check["execute"], {"result": "complete"}).status_code == 302

    again = client.post(check["execute"], {"result": "complete"})

    assert again.status_code == 409
    assert "Du har redan slutfört den här uppgiften" in _page(again)
    assert check["task"].process.coerced.case.case_number in _page(again)


def test_a_colleague_who_was_second_reads_who_completed_the_task(check, organisation):
    assert check["client"].post(check["execute"], {"result": "complete"}).status_code == 302
    colleague = Client()
    colleague.force_login(factories.staff(Role.OFFICER))

    response = colleague.get(check["execute"])

    assert response.status_code == 409
    assert "Handläggare Ett slutförde uppgiften först" in _page(response)


def test_a_colleague_who_opens_a_taken_task_reads_who_has_it(check):
    colleague = Client()
    colleague.force_login(factories.staff(Role.OFFICER))

    for response in (colleague.post(check["assign"]), colleague.post(check["execute"], {})):
        assert response.status_code == 409
        assert "Handläggare Ett har tagit uppgiften" in _page(response)
    assert Task.objects.get(pk=check["task"].pk).owner == check["officer"]


def test_a_cancelled_task_says_it_was_cancelled(check):
    Task.objects.filter(pk=check["task"].pk).update(status=STATUS.CANCELED)

    response = check["client"].get(check["execute"])

    assert response.status_code == 409
    assert "Uppgiften avbröts" in _page(response)


def test_someone_without_the_right_to_a_task_still_gets_403(check, organisation):
    member = Client()
    member.force_login(factories.member(organisation))
    task = check["task"]
    Task.objects.filter(pk=task.pk).update(status=STATUS.NEW, owner=None)

    response = member.post(check["assign"])

    assert response.status_code == 403
