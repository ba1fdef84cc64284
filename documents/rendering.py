"""Document kind + context → PDF/A bytes. The one module that imports WeasyPrint.

Fonts come from the system through fontconfig (Liberation Sans, DejaVu Sans as fallback, both
with Swedish letters) and are embedded as subsets. The document may load nothing from the
network or the file system: only ``data:`` URLs are fetched.

Speed (see docs/documents.md, "Speed"): the print layout's first ``<style>`` element is taken
out of the page and handed to WeasyPrint parsed, once per distinct text and thread (as a
user-origin sheet it still overrides the browser defaults); and Python's cyclic garbage
collector is paused while WeasyPrint lays out and writes, as it would otherwise walk
WeasyPrint's boxes many times per document.
"""

import gc
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from . import kinds

# PDF/A-3 level B (archival, fonts embedded, sRGB output intent): accepted by e-archives.
PDF_VARIANT = "pdf/a-3b"

# The print layout's one <style> element, in <head> (documents/layout/print.html).
_HEAD_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
# Distinct stylesheets kept parsed per thread: one per kind and draft/final, a few replaced.
_STYLESHEETS_KEPT = 32

_per_thread = threading.local()
_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_resume = False


class TooManyPages(Exception):
    """The document, laid out, has more pages than it may have: it is not written."""

    def __init__(self, pages: int, limit: int):
        super().__init__(f"{pages} pages, at most {limit}")
        self.pages, self.limit = pages, limit


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    template_version: str


def _tools() -> tuple[FontConfiguration, URLFetcher]:
    # Font configuration is costly to build and not shared between threads.
    if not hasattr(_per_thread, "fonts"):
        _per_thread.fonts = FontConfiguration()
        _per_thread.fetcher = URLFetcher(allowed_protocols={"data"}, timeout=1)
        _per_thread.stylesheets = {}
    return _per_thread.fonts, _per_thread.fetcher


def _stylesheet(css: str) -> CSS:
    """The parsed stylesheet for this text, parsed once (it depends on the template only)."""
    fonts, fetcher = _tools()
    parsed = _per_thread.stylesheets
    if css not in parsed:
        if len(parsed) >= _STYLESHEETS_KEPT:
            parsed.clear()
        parsed[css] = CSS(string=css, font_config=fonts, url_fetcher=fetcher)
    return parsed[css]


def _split_stylesheet(html: str) -> tuple[str, list[CSS]]:
    """The page without its first <style> element, and that element parsed (cached)."""
    match = _HEAD_STYLE.search(html)
    if match is None:
        return html, []
    return html[: match.start()] + html[match.end() :], [_stylesheet(match.group(1))]


@contextmanager
def _gc_paused():
    """Pause cyclic garbage collection while a document is laid out and written.

    WeasyPrint keeps tens of thousands of objects (boxes, styles) alive until the PDF is
    written while allocating far more; each automatic collection meanwhile walks them all
    again. Reference counting still frees what becomes garbage, and the collector runs as
    usual afterwards. Counted, so that renders in concurrent threads resume collection only
    when the last one ends, and only if it ran.
    """
    global _gc_pauses, _gc_resume
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_resume = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_resume:
                gc.enable()


def render(kind: str, context, *, draft: bool = False, max_pages: int | None = None) -> Rendered:
    """Render a document of ``kind`` from its context (a ``documents.contexts`` class).

    With ``max_pages``, a document laid out on more pages raises ``TooManyPages`` before its
    PDF is written."""
    html, stylesheets = _split_stylesheet(kinds.render_html(kind, context, draft=draft))
    fonts, fetcher = _tools()
    with _gc_paused():
        document = HTML(string=html, url_fetcher=fetcher).render(
            font_config=fonts, pdf_variant=PDF_VARIANT, stylesheets=stylesheets
        )
        if max_pages is not None and len(document.pages) > max_pages:
            raise TooManyPages(len(document.pages), max_pages)
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
        pages = len(document.pages)
        del document
    return Rendered(pdf=pdf, pages=pages, template_version=kinds.template_version(kind))


def render_pdf(kind: str, context, *, draft: bool = False) -> bytes:
    return render(kind, context, draft=draft).pdf
