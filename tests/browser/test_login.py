"""End to end in Chromium: a demo user logs in and lands on the Swedish start page."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page: Page, site_url: str, username: str, password: str = "demo"):
    page.goto(f"{site_url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()


def test_an_officer_logs_in_and_sees_the_start_page_in_swedish(
    page: Page, site_url, csp_violations
):
    _log_in(page, site_url, "handlaggare")
    page.wait_for_url(f"{site_url}/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen")
    expect(page.get_by_role("heading", name="Mina uppgifter")).to_be_visible()
    expect(page.get_by_text("Du har inga uppgifter just nu")).to_be_visible()
    page.get_by_role("link", name="Ärenden").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ärenden")
    assert csp_violations == [], "the pages must satisfy their Content-Security-Policy"


def test_a_wrong_password_is_refused_with_a_swedish_message(page: Page, site_url):
    _log_in(page, site_url, "raddabarnen", "fel-lösenord")
    expect(page.get_by_role("alert")).to_contain_text("korrekt användarnamn")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_the_language_can_be_switched_to_english(page: Page, site_url):
    _log_in(page, site_url, "raddabarnen")
    page.wait_for_url(f"{site_url}/")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="My tasks")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
