"""Which files may be uploaded (attachments, report-back files, eligibility evidence): an
allow-list checked by content, not by name.

A file is accepted only when its first bytes (and, for office documents, the parts inside
the ZIP container) show it is one of the allowed types, and its name ends as that type does.
"""

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# An office document is a ZIP archive: one that unpacks to more than this (a "zip bomb") is
# refused before anything in it is read.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 5_000
_HEAD = 8


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    suffixes: tuple[str, ...]


PDF = FileType("PDF", "application/pdf", (".pdf",))
PNG = FileType("PNG", "image/png", (".png",))
JPEG = FileType("JPEG", "image/jpeg", (".jpg", ".jpeg"))
DOCX = FileType(
    "Word (DOCX)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = FileType(
    "Excel (XLSX)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    (".xlsx",),
)
ODT = FileType("OpenDocument (ODT)", "application/vnd.oasis.opendocument.text", (".odt",))
ALLOWED = (PDF, PNG, JPEG, DOCX, XLSX, ODT)


def allowed_labels() -> str:
    return ", ".join(file_type.label for file_type in ALLOWED)


def _check_unpacked_size(upload) -> None:
    """Refuse an archive whose members (as its directory declares them; reading never goes
    beyond the declared size) unpack to more than ``MAX_UNPACKED_BYTES``."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # not an archive after all: the type check refuses it
    finally:
        upload.seek(0)
    if len(members) > MAX_ARCHIVE_MEMBERS or (
        sum(member.file_size for member in members) > MAX_UNPACKED_BYTES
    ):
        raise ValidationError(
            _(
                "“%(name)s” unpacks to more than %(limit)s. Save it again as a normal document "
                "and upload that file."
            ),
            code="unpacks_too_large",
            params={"name": upload.name, "limit": filesizeformat(MAX_UNPACKED_BYTES)},
        )


def _zip_type(upload) -> FileType | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
            if mimetype == ODT.content_type.encode():
                return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return XLSX
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    finally:
        upload.seek(0)
    return None


def sniff(upload) -> FileType | None:
    """The allowed type this file's content shows, or None."""
    upload.seek(0)
    head = upload.read(_HEAD)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head == b"\x89PNG\r\n\x1a\n":
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        _check_unpacked_size(upload)
        return _zip_type(upload)
    return None


def check_upload(upload) -> FileType:
    """The file's type, or a ValidationError that tells the applicant what to do."""
    if upload.size == 0:
        raise ValidationError(_("The file is empty. Choose the file again."), code="empty")
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)s. A file may be at most %(limit)s."),
            code="too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_ATTACHMENT_BYTES),
            },
        )
    file_type = sniff(upload)
    name = (upload.name or "").lower()
    if file_type is None or not name.endswith(file_type.suffixes):
        raise ValidationError(
            _("“%(name)s” is not a file type we accept. Upload a %(allowed)s file."),
            code="file_type",
            params={"name": upload.name, "allowed": allowed_labels()},
        )
    return file_type
