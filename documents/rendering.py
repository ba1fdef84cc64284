"""Document kind + context → PDF/A bytes. The one module that imports WeasyPrint.

Fonts come from the system through fontconfig (Liberation Sans, DejaVu Sans as fallback, both
with Swedish letters) and are embedded as subsets. The document may load nothing from the
network or the file system: only ``data:`` URLs are fetched.
"""

import threading
from dataclasses import dataclass

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from . import kinds

# PDF/A-3 level B (archival, fonts embedded, sRGB output intent): accepted by e-archives.
PDF_VARIANT = "pdf/a-3b"

_per_thread = threading.local()


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
    return _per_thread.fonts, _per_thread.fetcher


def render(kind: str, context, *, draft: bool = False) -> Rendered:
    """Render a document of ``kind`` from its context (a ``documents.contexts`` class)."""
    html = kinds.render_html(kind, context, draft=draft)
    fonts, fetcher = _tools()
    document = HTML(string=html, url_fetcher=fetcher).render(
        font_config=fonts, pdf_variant=PDF_VARIANT
    )
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    return Rendered(
        pdf=pdf, pages=len(document.pages), template_version=kinds.template_version(kind)
    )


def render_pdf(kind: str, context, *, draft: bool = False) -> bytes:
    return render(kind, context, draft=draft).pdf
