"""End to end in Chromium: the colleague who comes second to a task reads who did it first."""

import pytest
from django.test import Client
from playwright.sync_api import Page, expect
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from organisations.models import Role
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_second_officer_is_told_who_completed_the_task_first(
    page: Page, live_server, organisation, axe, csp_violations
):
    process = factories.funding_process(organisation)
    task = Task.objects.get(process=process, flow_task_type="HUMAN", status=STATUS.NEW)
    first = factories.staff(Role.OFFICER, first_name="Handläggare", last_name="Ett")
    factories.staff(Role.OFFICER, username="andra")
    tab = Client()
    tab.force_login(first)
    args = [process.pk, task.pk]
    tab.post(task.flow_task.reverse("assign", args=args))
    assert tab.post(task.flow_task.reverse("execute", args=args), {"result": "complete"})

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Användarnamn").fill("andra")
    page.get_by_label("Lösenord").fill("secret-password-1")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(live_server.url + task.flow_task.reverse("execute", args=args))

    expect(page.get_by_role("heading", level=1)).to_have_text("Uppgiften är inte längre öppen")
    expect(page.get_by_role("status")).to_contain_text("Handläggare Ett slutförde uppgiften först")
    page.get_by_role("link", name="Gå till ärendet och se vad som hänt").click()
    case = process.coerced.case
    page.wait_for_url(f"{live_server.url}{case.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(case.title)
    page.go_back()
    axe.check(page)
    assert axe.violations == {}
    assert csp_violations == []
