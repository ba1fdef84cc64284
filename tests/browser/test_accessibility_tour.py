"""Every page of the portal, as each role sees it, passes axe-core's WCAG 2.1 A and AA rules.

The demo applications stand in every state of the funding flow, so the case, document and task
pages are the ones people really meet. The administration (Django's admin) is left out."""

import os

import pytest
from django.core.management import call_command
from playwright.sync_api import Page

from cooperation.selectors.matching import visible_listings
from documents.models import Document
from funding.models import FundingApplication
from organisations.models import User
from organisations.policy import is_staff_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANONYMOUS_PAGES = [
    "/accounts/login/",
    "/public/",
    "/public/grants/",
    "/accessibility/",
    "/privacy/",
    "/samverkan/foreningar/",
    "/samverkan/omraden/",
    "/samverkan/omraden/ungas-halsa/",
]
EVERYONE = [
    "/",
    "/tasks/",
    "/tasks/queue/",
    "/cases/",
    "/notifications/",
    "/notifications/settings/",
    "/funding/",
    "/accessibility/",
    "/samverkan/utbildning/",
]
ROLE_PAGES = {
    "raddabarnen": [
        "/funding/sources/",
        "/iop/propose/",
        "/samverkan/omraden/ungas-halsa/",
        "/samverkan/behov-och-erbjudanden/",
        "/samverkan/behov-och-erbjudanden/nytt/",
    ],
    "handlaggare": [
        "/organisations/absence/",
        "/funding/boards/frn/delegated-decisions/",
        "/accounts/api-tokens/",
        "/followup/",
        "/tasks/team/",
    ],
    "samordnare": [
        "/funding/catalogue/",
        "/funding/catalogue/new/",
        "/samverkan/omraden/nytt/",
        "/samverkan/omraden/ungas-halsa/vardskap/nytt/",
        "/samverkan/behov-och-erbjudanden/",
    ],
    "delegat": ["/organisations/absence/"],
    "fritidsnamnden": [],
}
SEES_CASES = {"raddabarnen", "handlaggare", "samordnare", "delegat"}


@pytest.fixture
def demo_site(site_url):
    with open(os.devnull, "w") as devnull:
        parts = ["programmes", "applications", "cooperation_areas"]
        call_command("load_demo", "--only", *parts, stdout=devnull)
    return site_url


def _log_in(page: Page, site_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{site_url}/accounts/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("demo")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{site_url}/")


def _object_pages(user: User) -> list[str]:
    """The pages of the user's own cases, applications, documents and organisation."""
    if user.username not in SEES_CASES:
        return []
    application = FundingApplication.objects.filter(case__isnull=False).first()
    organisation = application.organisation
    pages = [f"/organisations/{organisation.pk}/"]
    if is_staff_member(user):
        pages.append(f"/funding/organisations/{organisation.pk}/")
    draft = FundingApplication.objects.filter(case__isnull=True).first()
    if user.username == "raddabarnen" and draft is not None:
        pages += [
            f"/funding/applications/{draft.pk}/{step}"
            for step in ("", "project/", "money/", "attachments/", "check/")
        ]
    case = application.case
    pages += [f"/cases/{case.case_number}/", f"/documents/case/{case.case_number}/"]
    document = Document.objects.filter(case=case).first()
    if document is not None:
        pages.append(f"/documents/{document.pk}/")
    # A need or offer with its suggested matches and their reasons.
    side = "need" if is_staff_member(user) else "offer"
    listing = visible_listings(user).filter(side=side).first()
    if listing is not None:
        pages.append(f"/samverkan/behov-och-erbjudanden/{listing.pk}/")
    return pages


def _task_pages(page: Page, site_url: str) -> list[str]:
    hrefs = []
    for inbox in ("/tasks/", "/tasks/queue/"):
        page.goto(site_url + inbox)
        hrefs += page.locator("main table a").evaluate_all("links => links.map(a => a.href)")
    return sorted(set(hrefs))[:12]


def test_the_public_pages_pass_axe(page: Page, site_url, axe):
    with open(os.devnull, "w") as devnull:
        # A challenge area's public page with its hosts and published needs and offers.
        call_command("load_demo", "--only", "cooperation_areas", stdout=devnull)
    for path in ANONYMOUS_PAGES:
        assert page.goto(site_url + path).ok, path
        axe.check(page)
    page.goto(f"{site_url}/accounts/login/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    axe.check(page)
    assert axe.violations == {}, axe.report()


@pytest.mark.parametrize("username", ROLE_PAGES)
def test_every_page_a_role_visits_passes_axe(page: Page, demo_site, axe, username):
    _log_in(page, demo_site, username)
    user = User.objects.get(username=username)
    paths = EVERYONE + ROLE_PAGES[username] + _object_pages(user)
    for path in paths:
        assert page.goto(demo_site + path).ok, path
        axe.check(page)
    for url in _task_pages(page, demo_site):
        assert page.goto(url).ok, url
        axe.check(page)
    print(f"{username}: {len(axe.pages)} pages checked with axe")
    assert axe.violations == {}, axe.report()
