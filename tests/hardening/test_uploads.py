"""Hostile uploads through the attachment page: refused with a clear message, nothing stored.

``config/uploads.py`` is the one upload path; its type checks are unit-tested in
``tests/funding/test_uploads.py``. Here each file goes through the real page, and the test
looks both in the database and in the private file store.
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation

from common import uploads
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
    _post(client, draft, SimpleUploadedFile(name, b"%PDF-1.4\nbudget"))
    attachment = Attachment.objects.get()
    assert attachment.original_name == "budget.pdf"
    [stored] = _stored_files(store)
    assert stored.parent == store / "funding" / str(draft.pk)
    assert stored.name == f"{attachment.sha256}.pdf"
