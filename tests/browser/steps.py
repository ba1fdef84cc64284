"""Steps the browser journeys share."""

from playwright.sync_api import Page, expect


def log_in_in_english(page: Page, site_url: str, username: str) -> None:
    """Log in and switch to English, so that the steps read the same whatever is translated."""
    page.context.clear_cookies()
    page.goto(f"{site_url}/accounts/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("demo")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{site_url}/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
