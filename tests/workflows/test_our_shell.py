"""Everything a person does with a task happens in the portal's own pages: taking a task shows
the case and what the task asks, in Swedish, in our shell; the engine's process and task pages,
dashboards, lists and chart are linked from nowhere and answer 404 to everyone, officers and
administrators too (``test_engine_pages.py`` asks for every one of them); after a task people
land on a page of ours."""

import re

import pytest
from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from organisations.models import Role
from tests import factories
from workflows.funding.flows import FundingApplicationFlow
from workflows.models.base import task_url

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _text(page: str) -> str:
    return re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>", " ", page, flags=re.S)


def _check_task(organisation):
    process = factories.funding_process(organisation)
    return Task.objects.get(
        process=process, flow_task=FundingApplicationFlow.check_complete, status=STATUS.NEW
    )


def test_taking_a_task_shows_the_case_and_the_task_in_swedish_in_our_shell(client, organisation):
    task = _check_task(organisation)
    case = task.process.coerced.case
    client.force_login(factories.staff(Role.OFFICER))

    page = client.get(task_url(task, "assign"), **ENGLISH_BROWSER).content.decode()

    assert case.case_number in page and case.title in page and organisation.name in page
    assert "Kontrollera att ansökan är komplett" in page
    assert "Ta uppgiften och börja" in page and "sp-footer" in page
    assert "Avbryt" not in page and "Cancel" not in page
    assert not re.search(r"#\d+", _text(page))


def test_after_taking_a_task_the_person_goes_to_do_it_and_afterwards_to_the_case(
    client, organisation
):
    task = _check_task(organisation)
    client.force_login(factories.staff(Role.OFFICER))

    taken = client.post(task_url(task, "assign"))

    assert taken.status_code == 302
    assert taken["Location"] == task_url(task, "execute")
    task_page = client.get(taken["Location"])
    assert task_page.status_code == 200
    assert "Du har tagit uppgiften" in task_page.content.decode()


def test_taking_a_task_one_has_taken_already_leads_on_to_doing_it(client, organisation):
    task = _check_task(organisation)
    client.force_login(factories.staff(Role.OFFICER))
    client.post(task_url(task, "assign"))

    again = client.get(task_url(task, "assign"))  # Back, or the queue in another tab

    assert again.status_code == 302
    assert again["Location"] == task_url(task, "execute")


@pytest.mark.parametrize("who", ["member", "officer", "admin"])
def test_the_engine_pages_answer_404_to_everyone(client, organisation, who):
    task = _check_task(organisation)
    person = {
        "member": lambda: factories.member(organisation),
        "officer": lambda: factories.staff(Role.OFFICER),
        "admin": lambda: factories.UserFactory(is_staff=True, is_superuser=True),
    }[who]()
    client.force_login(person)
    flow = FundingApplicationFlow.instance
    pages = [
        flow.reverse("index"),
        flow.reverse("inbox"),
        flow.reverse("archive"),
        flow.reverse("chart"),
        flow.reverse("process_detail", args=[task.process_id]),
        flow.reverse("process_chart", args=[task.process_id]),
        task_url(task, "detail"),
        task_url(task, "cancel"),
    ]
    for url in pages:
        assert client.get(url).status_code == 404, url


def test_a_task_one_may_neither_do_nor_take_opens_its_case(client, organisation):
    """An officer following the address of an association's task (a notification, a colleague's
    link) lands on the case, not on the engine's task detail."""
    process = factories.funding_process(organisation)
    task = Task.objects.get(process=process, flow_task=FundingApplicationFlow.check_complete)
    task.owner, task.status = factories.staff(Role.OFFICER), STATUS.ASSIGNED
    task.save()
    client.force_login(factories.staff(Role.COORDINATOR))

    response = client.get(task_url(task, "index"))

    assert response.status_code == 302
    assert response["Location"] == process.coerced.case.get_absolute_url()


def test_one_navigation_without_the_engines_applications(client, organisation):
    for user in (factories.member(organisation), factories.staff(Role.OFFICER)):
        client.force_login(user)
        page = client.get(reverse("home")).content.decode()
        assert 'href="/fundingapplication/' not in page and 'href="/iop/"' not in page
        assert page.count("Samverkansportalen") == 2  # the page's title and its header
