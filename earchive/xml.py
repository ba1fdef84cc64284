"""Small helpers for writing the package's XML with lxml, the same bytes every time."""

from datetime import datetime

from django.utils import timezone
from lxml import etree


def stamp(moment: datetime) -> str:
    """An xs:dateTime in Swedish time with its offset, to the second."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def child(parent, tag: str, text: str | None = None, **attributes) -> etree._Element:
    element = etree.SubElement(parent, tag, {k: v for k, v in attributes.items() if v != ""})
    if text is not None:
        element.text = text
    return element


def serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
