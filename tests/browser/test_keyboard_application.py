"""An association applies for a grant with the keyboard alone (WCAG 2.1.1): from a programme,
through every step and an attachment, to the check page and the sent application. No mouse:
only Tab, Enter, Space, arrow keys and typing; every element reached shows its focus (2.4.7)."""

import os
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from demo import files
from funding.models import FundingApplication, FundingProgramme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = {"mimeType": "application/pdf", "buffer": files.pdf("demo")}

_FOCUS_IS_VISIBLE = """() => {
  const style = getComputedStyle(document.activeElement);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  return outline || style.boxShadow !== "none";
}"""


@pytest.fixture
def funding_site(site_url):
    call_command("load_demo", "--only", "programmes", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return site_url


def _tab_to(page: Page, selector: str) -> None:
    """Press Tab until the element ``selector`` has the focus, and see that the focus shows."""
    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            assert page.evaluate(_FOCUS_IS_VISIBLE), f"the focus on {selector} is not visible"
            return
    raise AssertionError(f"Tab never reaches {selector}")


def _type_into(page: Page, selector: str, text: str) -> None:
    _tab_to(page, selector)
    page.keyboard.type(text)


def _type_date(page: Page, selector: str, iso_date: str) -> None:
    """Type a date into a date field, whose parts come in the order of the browser's language:
    year first (Swedish); if that was not the order, back to the first part and month first."""
    year, month, day = iso_date.split("-")
    _type_into(page, selector, year)
    page.keyboard.press("ArrowRight")
    page.keyboard.type(month + day)
    if page.evaluate("s => document.querySelector(s).value", selector) != iso_date:
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        page.keyboard.type(month + day + year)
    assert page.evaluate("s => document.querySelector(s).value", selector) == iso_date


def _choose(page: Page, selector: str, value: str) -> None:
    """Choose an option of a select with the arrow keys."""
    _tab_to(page, selector)
    for _ in range(30):
        if page.evaluate("s => document.querySelector(s).value", selector) == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option {value} in {selector}")


def _follow(page: Page, href_end: str) -> None:
    _tab_to(page, f"main a[href$='{href_end}']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(href_end) + "$"))


def _submit_with(page: Page, selector: str, url_pattern: str) -> None:
    _tab_to(page, selector)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(url_pattern))


def _log_in(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/accounts/login/")
    _type_into(page, "input[name=username]", "raddabarnen")
    _type_into(page, "input[name=password]", "demo")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}/")


def _attach(page: Page, kind: str, name: str) -> None:
    _choose(page, "#id_kind", kind)
    _tab_to(page, "#id_file")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files({"name": name, **PDF})
    _submit_with(page, "main form[enctype] button[type=submit]", r"/attachments/$")
    expect(page.locator("main table")).to_contain_text(name)


def test_an_association_applies_with_the_keyboard_alone(page: Page, funding_site):
    # Playwright asks Chromium to hand it file choosers when the first listener is added, and
    # does not wait for the answer: subscribed only in expect_file_chooser, a busy machine
    # could open the chooser (Space) before the browser had heard, and the test timed out.
    page.on("filechooser", lambda chooser: None)
    _log_in(page, funding_site)
    programme = FundingProgramme.objects.get(name="Lovaktivitetsbidrag")
    page.goto(f"{funding_site}/funding/")
    _tab_to(page, f"#programme-{programme.pk} ~ details summary")
    page.keyboard.press("Enter")
    _type_into(page, f"#title-{programme.pk}", "Sommarfotboll")
    _submit_with(page, "details[open] button[type=submit]", r"/funding/applications/\d+/$")
    detail = re.search(r"/funding/applications/\d+/$", page.url).group(0)

    _follow(page, f"{detail}project/")
    _type_into(page, "#id_purpose", "Fotboll varje kväll i juli.")
    _type_date(page, "#id_activity_start", "2030-07-01")
    _type_date(page, "#id_activity_end", "2030-07-31")
    _submit_with(page, "main form button[type=submit]", re.escape(detail) + "$")

    _follow(page, f"{detail}money/")
    _type_into(page, "#id_amount_applied", "30000")
    _submit_with(page, "main form button[type=submit]", re.escape(detail) + "$")

    _follow(page, f"{detail}attachments/")
    _attach(page, "activity_plan", "plan.pdf")
    _attach(page, "budget", "budget.pdf")
    page.goto(funding_site + detail)

    _follow(page, f"{detail}check/")
    _submit_with(page, "form[action$='/submit/'] button", re.escape(detail) + "$")
    expect(page.get_by_text(re.compile(r"FRN-\d{4}-\d{5}")).first).to_be_visible()
    application = FundingApplication.objects.get(title="Sommarfotboll")
    assert application.status == "submitted"
    assert str(application.activity_start) == "2030-07-01"
    assert application.attachments.count() == 2
