"""End to end in Chromium: an association's journey has no dead end. Back after sending
shows the application; its task opens from the start page and links to the parts to change."""

import datetime as dt

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from tests import factories
from tests.driver import open_tasks
from workflows.models.base import task_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page: Page, site_url: str, username: str) -> None:
    page.goto(f"{site_url}/accounts/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("secret-password-1")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{site_url}/")


def test_back_after_sending_shows_the_application(page: Page, live_server, organisation, axe):
    factories.eligible(organisation)
    application = factories.funding_draft(organisation, title="Sommarfotboll")
    _log_in(page, live_server.url, application.created_by.username)
    page.goto(f"{live_server.url}/funding/applications/{application.pk}/check/")
    page.get_by_role("button", name="Skicka ansökan").click()
    detail = f"{live_server.url}/funding/applications/{application.pk}/"
    page.wait_for_url(detail)
    expect(page.get_by_text("Er ansökan är skickad", exact=False).first).to_be_visible()

    page.go_back()
    page.wait_for_url(detail)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sommarfotboll")
    expect(page.get_by_text("Ansökan är skickad. Så här ser den ut")).to_be_visible()
    axe.check(page)
    assert axe.violations == {}, axe.report()


def test_the_supplement_task_opens_from_the_start_page_and_links_to_the_parts(
    page: Page, live_server, organisation, axe
):
    process = factories.funding_process(organisation)
    officer = Client()
    officer.force_login(factories.staff())
    (check,) = open_tasks(process, "check_complete")
    officer.post(task_url(check, "assign"))
    due = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    officer.post(
        task_url(check, "execute"),
        {"result": "supplement", "message": "Bifoga budgeten.", "due_on": due},
    )
    member = factories.member(organisation)

    _log_in(page, live_server.url, member.username)
    page.get_by_role("link", name="Komplettera ansökan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Komplettera ansökan")
    expect(page.get_by_text("Bifoga budgeten.")).to_be_visible()
    axe.check(page)
    parts = page.get_by_role("navigation", name="Ändra ansökan")
    parts.get_by_role("link", name="Bilagor").click()
    page.wait_for_url(
        f"{live_server.url}/funding/applications/{process.artifact_object_id}/attachments/"
    )
    assert axe.violations == {}, axe.report()
