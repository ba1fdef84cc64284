"""Attachments are accepted by what their content is, from an allow-list; nothing else."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from common import uploads

from .conftest import office_file, pdf

DOCX_PARTS = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
XLSX_PARTS = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}


def image(name: str, image_format: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


ODT_PARTS = {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}


@pytest.mark.parametrize(
    ("upload", "expected"),
    [
        (pdf(), uploads.PDF),
        (image("logo.png", "PNG"), uploads.PNG),
        (image("foto.JPG", "JPEG"), uploads.JPEG),
        (office_file("plan.docx", DOCX_PARTS), uploads.DOCX),
        (office_file("budget.xlsx", XLSX_PARTS), uploads.XLSX),
        (office_file("plan.odt", ODT_PARTS), uploads.ODT),
    ],
)
def test_allowed_types_are_recognised_by_their_content(upload, expected):
    assert uploads.check_upload(upload) == expected


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("budget.pdf", b"MZ\x90\x00 an executable"),
        SimpleUploadedFile("budget.png", b"%PDF-1.4 a pdf named as an image"),
        SimpleUploadedFile("script.html", b"<script>alert(1)</script>"),
        office_file("macro.docx", {"[Content_Types].xml": b"<Types/>", "vba.bin": b"x"}),
        SimpleUploadedFile("trasig.docx", b"PK\x03\x04 not really a zip"),
    ],
)
def test_other_files_are_refused_with_the_allowed_types_named(upload):
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(upload)
    assert "PDF, PNG, JPEG" in refused.value.messages[0]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(SimpleUploadedFile("tom.pdf", b""))
    assert refused.value.code == "empty"


def test_a_file_over_the_size_limit_is_refused_with_both_sizes(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ATTACHMENT_BYTES", 100)
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(pdf(body=b"x" * 200))
    assert "100" in refused.value.messages[0]
