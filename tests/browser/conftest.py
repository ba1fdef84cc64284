import os

import pytest

from tests.browser.axe import AxeAudit

# Playwright runs an event loop in the test thread; Django's ORM is used there synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def site_url(live_server, demo_data):
    """The live server, with the demo register and accounts loaded."""
    return live_server.url


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "sv-SE", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def csp_violations(page):
    """Content-Security-Policy violations the browser reports while a test runs."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


@pytest.fixture
def axe():
    """Checks pages with axe-core; a test asserts ``axe.violations == {}`` at its end."""
    return AxeAudit()
