"""Steps the browser journeys share."""

import re

from django.conf import settings
from playwright.sync_api import Page, expect


def log_in_in_english(page: Page, site_url: str, username: str) -> None:
    """Log in and switch to English, so that the steps read the same whatever is translated."""
    page.context.clear_cookies()
    page.goto(f"{site_url}/accounts/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("demo")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{site_url}/")
    # The choice is kept on the person's profile (a second login is in English already); a
    # person who chose nothing yet follows the language cookie, as the language button sets it.
    if page.locator("html").get_attribute("lang") != "en":
        page.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": site_url}]
        )
        page.goto(f"{site_url}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def log_in_with_e_id(page: Page, site_url: str, username: str) -> None:
    """Log in afresh with e-ID through the local OpenID Provider (the ``local_provider``
    fixture), choosing ``username``'s test identity there (level of assurance 3)."""
    page.context.clear_cookies()
    page.goto(f"{site_url}/accounts/login/")
    page.get_by_role("link", name="Logga in med lokal test-e-legitimation").click()
    page.get_by_role("button", name=re.compile(rf"^{username}:")).click()
    page.wait_for_url(f"{site_url}/")
