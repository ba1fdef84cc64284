"""The way in for a visitor without an account: from the login page to the public register and
back to the login, every link visible against its background (WCAG 1.4.3, contrast 4.5:1)."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The contrast ratio of an element's text colour against the first opaque background behind it,
# as WCAG 2.1 defines it (relative luminance of sRGB colours).
CONTRAST = """element => {
  const rgb = value => value.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = c => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  let node = element, background = null;
  while (node && !background) {
    const colour = rgb(getComputedStyle(node).backgroundColor);
    if (colour.length === 3 || colour[3] === 1) background = colour.slice(0, 3);
    node = node.parentElement;
  }
  const text = luminance(rgb(getComputedStyle(element).color));
  const behind = luminance(background || [255, 255, 255]);
  return (Math.max(text, behind) + 0.05) / (Math.min(text, behind) + 0.05);
}"""


def _contrast(link: Locator) -> float:
    return link.evaluate(CONTRAST)


def test_a_visitor_finds_the_public_register_from_the_login_page_and_the_way_back(
    page: Page, site_url, axe
):
    page.goto(f"{site_url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    axe.check(page)
    page.get_by_role("link", name=re.compile("Offentligt register över IOP-avtal")).click()
    page.wait_for_url(re.compile(r"/public/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Offentligt register över IOP-avtal")

    header = page.locator("header")
    register = header.get_by_role("link", name="Offentligt register")
    log_in = header.get_by_role("link", name="Logga in")
    for link in (register, log_in):
        expect(link).to_be_visible()
        assert _contrast(link) >= 4.5
    axe.check(page)
    log_in.click()
    page.wait_for_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()
    assert axe.violations == {}, axe.report()
