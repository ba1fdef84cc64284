"""What format a file in the package is in, read from its bytes: PDF/A is declared in the PDF's
XMP metadata (pdfaid:part and pdfaid:conformance), which WeasyPrint writes compressed."""

import re
import zlib
from dataclasses import dataclass

from common.uploads import ALLOWED

# PRONOM's identifiers of the PDF/A levels, by part and conformance.
_PDFA_PRONOM = {
    ("1", "A"): "fmt/95",
    ("1", "B"): "fmt/354",
    ("2", "A"): "fmt/476",
    ("2", "B"): "fmt/477",
    ("2", "U"): "fmt/478",
    ("3", "A"): "fmt/479",
    ("3", "B"): "fmt/480",
    ("3", "U"): "fmt/481",
}
_METADATA = re.compile(rb"<<(?P<dict>[^>]*?/Type\s*/Metadata[^>]*?)>>\s*stream\r?\n", re.DOTALL)
_LENGTH = re.compile(rb"/Length\s+(\d+)")
_PART = re.compile(r"pdfaid:part(?:=[\"']|>)(\d)")
_CONFORMANCE = re.compile(r"pdfaid:conformance(?:=[\"']|>)([ABUabu])")


@dataclass(frozen=True)
class Format:
    name: str
    version: str = ""
    pronom: str = ""


def _xmp(pdf: bytes) -> str:
    """The PDF's XMP metadata packets as text, inflated where they are compressed."""
    packets = []
    for match in _METADATA.finditer(pdf):
        length = _LENGTH.search(match.group("dict"))
        if length is None:
            continue
        raw = pdf[match.end() : match.end() + int(length.group(1))]
        if b"/FlateDecode" in match.group("dict"):
            try:
                raw = zlib.decompress(raw)
            except zlib.error:
                continue
        packets.append(raw.decode("utf-8", "replace"))
    return "\n".join(packets)


def pdf_format(pdf: bytes) -> Format:
    """PDF/A with its level when the PDF declares one, else plain PDF."""
    xmp = _xmp(pdf)
    part, conformance = _PART.search(xmp), _CONFORMANCE.search(xmp)
    if part and conformance:
        level = (part.group(1), conformance.group(1).upper())
        return Format(
            f"PDF/A-{level[0]}{level[1].lower()}",
            "".join(level).lower(),
            _PDFA_PRONOM.get(level, ""),
        )
    return Format("PDF")


def file_format(data: bytes, content_type: str) -> Format:
    if content_type == "application/pdf":
        return pdf_format(data)
    labels = {file_type.content_type: file_type.label for file_type in ALLOWED}
    return Format(labels.get(content_type, content_type))
