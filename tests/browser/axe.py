"""axe-core in the browser tests: every page a journey visits is checked against the WCAG 2.0
and 2.1 level A and AA rules (the level EN 301 549 and the DOS law require)."""

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_AXE = Axe()


class AxeAudit:
    """The pages checked during one test and the violations found on them, by path."""

    def __init__(self):
        self.pages: set[str] = set()
        self.violations: dict[str, str] = {}

    def check(self, page: Page) -> None:
        page.wait_for_load_state()
        results = _AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        path = urlsplit(page.url).path
        self.pages.add(path)
        if results.violations_count:
            self.violations[path] = results.generate_report()

    def report(self) -> str:
        return "\n\n".join(f"{path}:\n{report}" for path, report in self.violations.items())
