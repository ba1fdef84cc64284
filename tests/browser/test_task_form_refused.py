"""End to end in Chromium: a task form that the workflow service refuses comes back with the
refusal on its field, and nothing is saved. The Site's Turbo shows the answer to a form only
when it is not a 200; viewflow's HotwireTurboMiddleware makes the task page's answer a 422."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from funding.models import FundingApplication, Status
from organisations.models import Role
from tests import driver, factories
from tests.browser.steps import log_in_in_english
from workflows.models.base import task_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_supplement_due_in_two_years_is_refused_on_its_date(
    page: Page, live_server, organisation, axe, csp_violations
):
    process = factories.funding_process(organisation)
    (task,) = driver.open_tasks(process, "check_complete")
    officer = factories.staff(Role.OFFICER, username="handlaggare-tva")
    officer.set_password("demo")
    officer.save()
    driver.take(Client(), officer, task)

    log_in_in_english(page, live_server.url, "handlaggare-tva")
    page.goto(live_server.url + task_url(task, "execute"))
    page.get_by_label("No, ask the organisation for a supplement").check()
    page.get_by_label("What is missing").fill("Bifoga en budget.")
    page.get_by_label("Answer by").fill(f"{timezone.localdate() + timedelta(days=730):%Y-%m-%d}")
    page.get_by_role("button", name="Done: complete the task").click()

    errors = page.locator("#id_due_on_error")
    expect(errors).to_contain_text("Give a date within a year.")
    expect(page).to_have_url(re.compile(r"/execute/$"))
    application = FundingApplication.objects.get(pk=process.artifact_object_id)
    assert application.status == Status.SUBMITTED
    assert not application.supplement_requests.exists()
    axe.check(page)
    assert axe.violations == {}
    assert csp_violations == []
