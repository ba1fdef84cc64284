"""End to end in Chromium, in Swedish: an officer who finds a conflict of interest passes the
assessment on from its page with the reason, the reason is required and shown on its field,
and the officer is then refused the task with the reason in words (FL 16–18 §§)."""

import os

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from funding.models import ConflictDeclaration
from organisations.models import Role
from tests import driver, factories
from workflows.models.base import task_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SCREENSHOTS_DIR")


def _log_in(page: Page, site_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{site_url}/accounts/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("demo")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{site_url}/")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_an_officer_passes_the_assessment_on_for_a_conflict_and_is_kept_out(
    page: Page, live_server, organisation, axe, csp_violations
):
    process = factories.funding_process(organisation)
    driver.do_one(Client(), factories.staff(), process, "check_complete", {"result": "complete"})
    (task,) = driver.open_tasks(process, "assess")
    officer = factories.staff(Role.OFFICER, username="handlaggare-jav")
    officer.set_password("demo")
    officer.save()
    driver.take(Client(), officer, task)

    _log_in(page, live_server.url, "handlaggare-jav")
    page.goto(live_server.url + task_url(task, "execute"))
    expect(page.get_by_label("Jag är inte jävig i det här ärendet")).to_be_visible()
    page.get_by_role("link", name="Lämna över uppgiften, till exempel på grund av jäv").click()
    page.get_by_label("Jag är jävig i det här ärendet").check()
    page.get_by_role("button", name="Lämna över").click()
    expect(page.locator(f"#id_reason_{task.pk}_error")).to_be_visible()
    expect(page.get_by_label("Jag är jävig i det här ärendet")).to_be_checked()
    axe.check(page)
    _shot(page, "pass-on-refused")

    page.get_by_label("Varför den lämnas över").fill("Jag sitter i föreningens styrelse.")
    page.get_by_role("button", name="Lämna över").click()
    expect(page.get_by_text("Uppgiften är överlämnad.")).to_be_visible()
    assert ConflictDeclaration.objects.get(person=officer).has_conflict

    page.goto(live_server.url + task_url(task, "assign"))
    expect(page.get_by_text("Du har anmält jäv i det här ärendet.")).to_be_visible()
    axe.check(page)
    _shot(page, "task-refused")
    assert axe.violations == {}
    assert csp_violations == []
