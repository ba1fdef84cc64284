"""The public register in a real browser: no login, no CSP violation, no axe violation, and
the filter works from the keyboard."""

import datetime
import os

import pytest
from axe_playwright_python.sync_playwright import Axe

from partnerships.models import Party
from tests import factories

from .conftest import agreement_version, money, sign_all

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "sv-SE"}


def test_an_anonymous_visitor_filters_the_register_by_keyboard(live_server, page, organisation):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    user = factories.member(organisation)
    for starts, title in [
        (datetime.date(2024, 1, 1), "Gammalt avtal"),
        (datetime.date(2026, 1, 1), "Nytt avtal"),
    ]:
        inquiry = factories.iop_inquiry(organisation, user=user, title=title)
        version = agreement_version(inquiry, user, starts=starts)
        money(version, inquiry.parties.get(side=Party.Side.PUBLIC), 100_000)
        sign_all(inquiry, version)

    page.goto(live_server.url + "/public/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert Axe().run(page).violations_count == 0
    page.get_by_label("År").focus()
    page.keyboard.type("2027")
    page.keyboard.press("Enter")
    page.wait_for_url("**year=2027**")

    assert page.get_by_text("Nytt avtal").is_visible()
    assert page.get_by_text("Gammalt avtal").count() == 0
    assert violations == []
