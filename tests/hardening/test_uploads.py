"""Hostile uploads through the attachment page: refused with a clear message, nothing stored.

``common/uploads.py`` is the one upload path; its type checks are unit-tested in
``tests/funding/test_uploads.py``. Here each file goes through the real page, and the test
looks both in the database and in the private file store. A file must be what it claims by
its structure, not only by its first bytes (a PDF opens, an image decodes, an office
document's container holds its parts and nothing that overlaps or hides), and no file may
also be a web page. The virus scan: ``test_scanning.py``.
"""

import io
import struct
import zipfile

import pytest
import weasyprint
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from PIL import Image, PngImagePlugin
from pypdf import PdfWriter

from common import scanning, uploads
from demo import files
from funding.models import Attachment
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def store(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


@pytest.fixture
def draft(organisation):
    return factories.funding_draft(factories.eligible(organisation))


def _post(client, draft, upload):
    client.force_login(draft.created_by)
    url = reverse("funding:application_attachments", args=[draft.pk])
    return client.post(url, {"kind": "budget", "file": upload})


def _stored_files(store) -> list:
    return [path for path in store.rglob("*") if path.is_file()]


def _zip_bomb(name: str, parts: dict, bomb_member: str, unpacked: int) -> SimpleUploadedFile:
    """A valid office document plus one member of zeros that deflates ~1000:1."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
        with archive.open(bomb_member, "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(unpacked // len(chunk)):
                member.write(chunk)
    return SimpleUploadedFile(name, buffer.getvalue())


DOCX = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
XLSX = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}
TOO_MUCH = uploads.MAX_UNPACKED_BYTES + 1024 * 1024
with translation.override("sv"):
    UNPACKED_LIMIT = str(filesizeformat(uploads.MAX_UNPACKED_BYTES))  # named in the message


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("budget.pdf", b"MZ\x90\x00\x03 an executable"), "PDF, PNG, JPEG"),
        (SimpleUploadedFile("budget.docx", b"<html><script>x</script>"), "PDF, PNG, JPEG"),
        (SimpleUploadedFile("budget.pdf", b""), "tom"),
        (_zip_bomb("budget.docx", DOCX, "word/media/big.bin", TOO_MUCH), UNPACKED_LIMIT),
        (_zip_bomb("budget.xlsx", XLSX, "xl/sharedStrings.xml", TOO_MUCH), UNPACKED_LIMIT),
    ],
    ids=["executable-named-pdf", "html-named-docx", "empty", "docx-zip-bomb", "xlsx-zip-bomb"],
)
def test_a_hostile_upload_is_refused_and_nothing_is_stored(client, draft, store, upload, message):
    response = _post(client, draft, upload)
    assert response.status_code == 400
    assert "sp-error-summary" in response.content.decode()
    assert message in response.content.decode()
    assert not Attachment.objects.exists()
    assert _stored_files(store) == []


def test_an_oversized_upload_is_refused_and_nothing_is_stored(client, draft, store):
    body = b"%PDF-1.4\n" + b"0" * uploads.MAX_ATTACHMENT_BYTES
    response = _post(client, draft, SimpleUploadedFile("budget.pdf", body))
    assert response.status_code == 400
    assert "högst" in response.content.decode()
    assert not Attachment.objects.exists()
    assert _stored_files(store) == []


@pytest.mark.parametrize("name", ["../../../etc/budget.pdf", "..\\..\\windows\\budget.pdf"])
def test_path_parts_in_a_file_name_never_reach_the_file_system(client, draft, store, name):
    # Django keeps only the last part of an uploaded file's name; the file is stored under its
    # checksum in the application's folder whatever the name was.
    _post(client, draft, SimpleUploadedFile(name, files.pdf("budget")))
    attachment = Attachment.objects.get()
    assert attachment.original_name == "budget.pdf"
    [stored] = _stored_files(store)
    assert stored.parent == store / "funding" / str(draft.pk)
    assert stored.name == f"{attachment.sha256}.pdf"


# Structure: what the first bytes claim must hold all through the file ----------------------

DAMAGED = "gick inte att öppna"
HTML = "webbsideskod (HTML)"
NOT_ACCEPTED = "har en filtyp som vi inte tar emot"


def _image(image_format: str, *, size=(32, 32), **options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, image_format, **options)
    return buffer.getvalue()


def _encrypted_pdf(user_password: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password=user_password, owner_password="ägare", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _zip(members: list[tuple[str, bytes]], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in members:
            archive.writestr(name, content)
    return buffer.getvalue()


def _with_duplicate_member() -> bytes:
    # zipfile warns and writes a second member of the same name: two readers, two documents.
    with pytest.warns(UserWarning, match="Duplicate name"):
        return _zip([*DOCX.items(), ("word/document.xml", b"<w:document>other</w:document>")])


def _local_header_renamed() -> bytes:
    """The central directory says word/document.xml, the member's own header another name."""
    return _zip(list(DOCX.items())).replace(b"word/document.xml", b"word/documenX.xml", 1)


def _overlapping_members() -> bytes:
    """Two directory entries pointing at the same data (the "overlapping" bomb)."""
    content = bytearray(_zip(list(DOCX.items())))
    directory = content.rfind(b"PK\x01\x02")  # the last entry: word/document.xml
    struct.pack_into("<L", content, directory + 42, 0)  # its local header is the first one's
    return bytes(content)


def _encrypted_member() -> bytes:
    content = bytearray(_zip(list(DOCX.items())))
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := content.find(signature, start)) != -1:
            content[start + flags_at] |= 0x1
            start += 4
    return bytes(content)


_DOCM = [*DOCX.items(), ("word/vbaProject.bin", b"Attribute VB_Name")]
_ODT_NOT_FIRST = [
    ("content.xml", b"<x/>"),
    ("mimetype", b"application/vnd.oasis.opendocument.text"),
]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("budget.pdf", b"%PDF-1.4\nonly the first bytes of a PDF", DAMAGED),
        ("budget.pdf", files.pdf("budget")[:200], DAMAGED),
        ("budget.pdf", _encrypted_pdf("hemligt"), DAMAGED),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, DAMAGED),
        ("logo.png", _image("PNG")[:-30], DAMAGED),
        ("foto.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 40, DAMAGED),
        ("foto.jpg", _image("JPEG")[:300], DAMAGED),
        ("budget.docx", _zip(_DOCM), NOT_ACCEPTED),
        ("plan.odt", _zip(_ODT_NOT_FIRST, zipfile.ZIP_STORED), NOT_ACCEPTED),
        ("budget.docx", _with_duplicate_member(), NOT_ACCEPTED),
        ("budget.docx", _local_header_renamed(), NOT_ACCEPTED),
        ("budget.docx", _overlapping_members(), NOT_ACCEPTED),
        ("budget.docx", _encrypted_member(), NOT_ACCEPTED),
        ("budget.docx", _zip([*DOCX.items(), ("../../evil.xml", b"<x/>")]), NOT_ACCEPTED),
    ],
    ids=[
        "pdf-head-only",
        "pdf-truncated",
        "pdf-needs-a-password",
        "png-head-only",
        "png-truncated",
        "jpeg-head-only",
        "jpeg-truncated",
        "docm-named-docx",
        "odt-mimetype-not-first",
        "zip-member-twice",
        "zip-local-header-disagrees",
        "zip-members-overlap",
        "zip-encrypted-member",
        "zip-member-climbs-out",
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_stored(
    client, draft, store, name, content, message
):
    response = _post(client, draft, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attachment.objects.exists()
    assert _stored_files(store) == []


def test_a_zip_member_packed_like_a_bomb_is_refused_under_the_total_limit(client, draft, store):
    # 20 MiB of zeros deflate to about 20 KiB: far under the unpacked limit, but no document
    # packs 1000:1.
    bomb = _zip_bomb("budget.docx", DOCX, "word/media/zeros.bin", 20 * 1024 * 1024)
    response = _post(client, draft, bomb)
    assert response.status_code == 400
    assert "100 gånger sin egen storlek" in response.content.decode()
    assert _stored_files(store) == []


def test_an_image_of_more_pixels_than_the_limit_is_refused_before_it_is_decoded(
    client, draft, store, monkeypatch
):
    monkeypatch.setattr(uploads, "MAX_IMAGE_PIXELS", 1000)
    response = _post(client, draft, SimpleUploadedFile("karta.png", _image("PNG", size=(40, 40))))
    assert response.status_code == 400
    assert "större bild än vi tar emot" in response.content.decode()
    assert _stored_files(store) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("budget.pdf", files.pdf("budget")),
        ("budget.pdf", weasyprint.HTML(string="<h1>Budget</h1><p>Hyra 1 000 kr</p>").write_pdf()),
        ("budget.pdf", _encrypted_pdf("")),  # restricted, but opens without a password
        ("logo.png", _image("PNG")),
        ("foto.jpeg", _image("JPEG", quality=90)),
        ("budget.docx", _zip(list(DOCX.items()))),
        ("budget.xlsx", _zip(list(XLSX.items()))),
        (
            "plan.odt",
            _zip(
                [
                    ("mimetype", b"application/vnd.oasis.opendocument.text"),
                    ("content.xml", b"<x/>"),
                ],
                zipfile.ZIP_STORED,
            ),
        ),
    ],
    ids=["pdf", "pdf-weasyprint", "pdf-owner-password", "png", "jpeg", "docx", "xlsx", "odt"],
)
def test_a_well_formed_file_of_each_type_is_stored(client, draft, store, name, content):
    response = _post(client, draft, SimpleUploadedFile(name, content))
    assert response.status_code == 302
    assert Attachment.objects.get().original_name == name
    assert len(_stored_files(store)) == 1


# Polyglots: a file that is also a web page --------------------------------------------------


def _png_with_text(text: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text)
    return _image("PNG", pnginfo=info)


def _pdf_with(inserted: bytes, *, at: str) -> bytes:
    """A PDF that pypdf still opens, with ``inserted`` in a comment after its header or as
    bytes after its end (where a browser's sniffing or a lenient viewer may find them)."""
    if at == "end":
        return files.pdf("budget") + inserted
    padded = files.pdf("budget", padding=len(inserted))  # the offsets hold after the swap
    return padded.replace(b"%" + b"0" * len(inserted), b"%" + inserted, 1)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("budget.pdf", _pdf_with(b"<html><body><script>alert(1)</script>", at="start")),
        ("budget.pdf", _pdf_with(b"<!DOCTYPE html><p>hi", at="start")),
        ("budget.pdf", _pdf_with(b"\n<SCRIPT src=//evil.example/x.js></SCRIPT>", at="end")),
        ("budget.pdf", _pdf_with(b"\n<iframe src=/admin/>", at="end")),
        ("logo.png", _png_with_text("<html><script>alert(1)</script></html>")),
        ("foto.jpg", _image("JPEG") + b"<body onload=alert(1)>"),
    ],
    ids=[
        "pdf-html-header",
        "pdf-doctype",
        "pdf-script-after-eof",
        "pdf-iframe",
        "png-text",
        "jpeg",
    ],
)
def test_a_file_that_is_also_a_web_page_is_refused_and_nothing_stored(
    client, draft, store, name, content
):
    upload = SimpleUploadedFile(name, content)
    assert uploads.sniff(upload) is not None  # the first bytes are right: only the rest betrays it
    response = _post(client, draft, upload)
    assert response.status_code == 400
    assert HTML in response.content.decode()
    assert not Attachment.objects.exists()
    assert _stored_files(store) == []


def test_html_split_across_two_chunks_is_found(monkeypatch):
    # A large upload is read in chunks (a temporary file on disk), never whole.
    pdf = files.pdf("budget")
    upload = File(io.BytesIO(pdf + b"\n<html>"), name="budget.pdf")
    monkeypatch.setattr(upload, "DEFAULT_CHUNK_SIZE", len(pdf) + 3)  # "\n<h" | "tml>"
    assert len(list(upload.chunks())) == 2
    assert uploads._contains_html(upload)


def test_the_form_and_the_service_check_a_file_once(client, draft, store, monkeypatch):
    scanned = []
    monkeypatch.setattr(scanning, "scan", lambda upload: scanned.append(upload.name) or True)
    response = _post(client, draft, SimpleUploadedFile("budget.pdf", files.pdf("budget")))
    assert response.status_code == 302
    assert scanned == ["budget.pdf"]
