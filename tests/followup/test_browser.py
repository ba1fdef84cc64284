"""The follow-up pages in a real browser: no axe violation, no CSP violation, and the year is
chosen with the keyboard."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django.urls import reverse

from tests.followup.conftest import YEAR

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    ("followup:dashboard", ""),
    ("followup:annual_report", f"?year={YEAR}"),
    ("followup:mapping", f"?year={YEAR}"),
    ("followup:narrative_sections", f"?year={YEAR}"),
]


def _logged_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_the_follow_up_pages_pass_axe_and_the_year_is_chosen_by_keyboard(live_server, page, world):
    csp = []
    page.on(
        "console",
        lambda message: (
            csp.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    _logged_in(page, live_server, world.officer)
    for name, query in PAGES:
        page.goto(live_server.url + reverse(name) + query)
        results = Axe().run(page, context="#main-content")
        assert results.violations_count == 0, f"{name}: {results.generate_report()}"
    page.goto(live_server.url + reverse("followup:annual_report"))
    page.locator("#id_year").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(str(YEAR))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**year={YEAR}**")
    assert "Dialogforum i november" in page.content()
    assert csp == []
