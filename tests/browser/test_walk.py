"""The walk: every page reachable by following links, as each demo role, is Swedish, shows no
engine internals and passes axe (WCAG 2.1 A and AA).

From the start page, each role follows the links of every page it reaches, breadth first, and
opens one page per URL pattern (the first link it finds to each). A page fails on:

- a 403, 404 or 500 reached by following a link;
- an English text the catalogue translates into something else (an untranslated msgid: a node
  title, a field's label, a heading), or the English name of one of our models' fields that
  has no label of its own (``is_iop`` shown as "Is iop");
- ``True`` or ``False``, a Python dict (``{'``) or an internal ``#id``;
- any axe violation.

The browser asks for English (``Accept-Language: en``): the pages must still be Swedish.
"""

import os
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import Resolver404, resolve
from django.utils.translation import trans_real
from playwright.sync_api import Page

from tests.browser.axe import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = {
    "member": "raddabarnen",
    "another party's member": "tillsammans",
    "officer": "handlaggare",
    "delegate": "delegat",
    "board secretary": "fritidsnamnden",
    "coordinator": "samordnare",
    "anonymous": None,
}
# Pages a role opens at most: the walk must fit the CI budget.
MOST_PAGES = 45
# Where links are not pages to read: the administration, logging out, the API, files.
NOT_PAGES = re.compile(r"^/(admin|api|i18n|jsi18n|static|accounts/logout|exports)/")
FILES = {
    "documents:document_download",
    "followup:annual_report_pdf",
    "followup:annual_report_memo_pdf",
    "documents:signing_pdf",
    "documents:signing_report",
    "cooperation:host_assignment_pdf",
    "cooperation:event_file",
    "organisations:evidence_file",
    "funding:attachment_download",
}
OUR_APPS = {
    "organisations",
    "casework",
    "documents",
    "partnerships",
    "funding",
    "workflows",
    "notifications",
    "followup",
    "openness",
    "cooperation",
    "identity",
    "records",
}
INTERNALS = [
    (re.compile(r"\b(True|False)\b"), "a boolean"),
    (re.compile(r"\{'"), "a Python dict"),
    (re.compile(r"#\d+"), "an internal id"),
]


def _english_msgids() -> set[str]:
    """Texts the Swedish catalogue translates differently: English sentences and labels of
    two words or more, without placeholders (whose rendered form differs)."""
    catalogue = trans_real.translation("sv")._catalog
    return {
        msgid
        for msgid, msgstr in catalogue.items()
        if isinstance(msgid, str)
        and isinstance(msgstr, str)
        and msgid != msgstr
        and " " in msgid
        and len(msgid) >= 10
        and not re.search(r"[%{}<>]", msgid)
    }


def _unlabelled_field_names() -> set[str]:
    """Our models' fields without a label of their own: Django makes one from the name."""
    names = set()
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        for field in model._meta.get_fields():
            verbose = getattr(field, "verbose_name", None)
            if "_" in field.name and verbose == field.name.replace("_", " "):
                names.add(verbose)
    return names


def _log_in(page: Page, site_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{site_url}/accounts/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("demo")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{site_url}/")


def _pattern(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name in FILES:
        return None
    return f"{match.route}|{match.view_name}"


def _problems(text: str, english: set[str], field_names: set[str]) -> list[str]:
    found = [f"untranslated: {msgid!r}" for msgid in english if msgid in text]
    lowered = text.lower()
    found += [
        f"field name: {name!r}"
        for name in field_names
        if re.search(rf"\b{re.escape(name)}\b", lowered)
    ]
    for pattern, what in INTERNALS:
        match = pattern.search(text)
        if match:
            found.append(f"{what}: …{text[max(0, match.start() - 40) : match.end() + 20]}…")
    return found


def _links(page: Page, site_url: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]:not([download])", "links => links.map(a => a.href)")
    paths = []
    for href in hrefs:
        url, _fragment = urldefrag(href)
        if not url.startswith(site_url):
            continue
        path = url[len(site_url) :] or "/"
        if not NOT_PAGES.search(urlsplit(path).path):
            paths.append(path)
    return paths


def walk(page: Page, site_url: str, axe, english, field_names) -> tuple[dict, int]:
    failures: dict[str, list[str]] = {}
    seen_patterns: set[str] = set()
    queue = deque([("/", "(start)")])
    opened = 0
    while queue and opened < MOST_PAGES:
        path, found_on = queue.popleft()
        pattern = _pattern(urlsplit(path).path)
        if pattern is None or pattern in seen_patterns:
            continue
        seen_patterns.add(pattern)
        response = page.goto(site_url + path)
        opened += 1
        if response is None or response.status >= 400:
            status = response.status if response else "no answer"
            failures[path] = [f"{status}, linked from {found_on}"]
            continue
        here = urlsplit(page.url).path
        problems = _problems(page.inner_text("body"), english, field_names)
        if problems:
            failures[here] = problems
        axe.check(page)
        queue.extend((link, here) for link in _links(page, site_url))
    return failures, opened


@pytest.fixture
def demo_site(site_url):
    with open(os.devnull, "w") as devnull:
        call_command("load_demo", "--only", "programmes", "applications", stdout=devnull)
    return site_url


@pytest.fixture
def english_browser(browser_context_args):
    return {
        **browser_context_args,
        "locale": "en-US",
        "extra_http_headers": {"Accept-Language": "en-US,en;q=0.9"},
    }


def test_every_page_each_role_reaches_by_links_is_swedish_and_accessible(
    browser, english_browser, demo_site
):
    """One test for all roles: the demo is loaded once (the CI budget)."""
    english, field_names = _english_msgids(), _unlabelled_field_names()
    failures, violations = {}, {}
    for role, username in ROLES.items():
        context = browser.new_context(**english_browser)
        page = context.new_page()
        if username:
            _log_in(page, demo_site, username)
        axe = AxeAudit()
        found, opened = walk(page, demo_site, axe, english, field_names)
        context.close()
        print(f"{role}: {opened} pages walked")
        failures.update({f"{role} {path}": problems for path, problems in found.items()})
        violations.update({f"{role} {path}": report for path, report in axe.violations.items()})

    report = [f"{where}: {'; '.join(found)}" for where, found in failures.items()]
    report += [f"{where} (axe):\n{found}" for where, found in violations.items()]
    assert (failures, violations) == ({}, {}), "\n".join(report)
