"""Which files may be uploaded (attachments, report-back files, eligibility evidence): an
allow-list checked by content and structure, not by name, and a virus scan.

A file is accepted only when

- the virus scanner finds it clean (``common.scanning``; before any parser here reads it);
- its first bytes show it is one of the allowed types, and its name ends as that type does;
- it opens as that type: a PDF through pypdf (its cross-reference table, trailer and page
  tree, and no password needed to open it), an image decodes in full with Pillow (within a
  pixel limit), an office document's ZIP container is inspected through its central directory
  without unpacking anything (see ``_check_archive``) and holds the parts of the type it claims
  and no macros;
- nowhere in its bytes is there an HTML tag that makes a browser or viewer take it for a web
  page (``_HTML``): a PDF/HTML (or image/HTML) polyglot is refused. Compressed data matches
  these tags by chance about once in 2^40 positions, so real documents are not refused.

A file that passed once is not checked again when the form and then the service ask.
"""

import re
import struct
import weakref
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image
from pypdf import PasswordType, PdfReader

from common import scanning

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# An office document is a ZIP archive: one that unpacks to more than this (a "zip bomb") is
# refused before anything in it is read.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 5_000
# Office XML deflates 5-20:1; a member that unpacks to more than 1 MiB at over 100:1 is a bomb.
MAX_COMPRESSION_RATIO = 100
_RATIO_FROM_BYTES = 1024 * 1024
# A 48-megapixel camera's photo fits; decoding one takes about 150 MB for a moment.
MAX_IMAGE_PIXELS = 50_000_000
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


_LOCAL_HEADER = struct.Struct("<4sHHHHHLLLHH")  # a ZIP member's local header (30 bytes)
# Macros: VBA in OOXML (a .docm renamed .docx), Basic and scripts in ODF.
_MACROS = re.compile(r"(^|/)vbaProject\.bin$|(^|/)vbaData\.xml$|^Basic/|^Scripts/", re.I)
# Tags that make a browser's HTML sniffing, or a lenient viewer, take bytes for a web page. Only
# names of four letters or more: shorter ones turn up in compressed data by chance.
_HTML = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|frameset|object|embed|meta|style"
    rb"|title|link|form)[\s/>]",
    re.IGNORECASE,
)
_accepted: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _unpacks_too_large(upload) -> ValidationError:
    return ValidationError(
        _(
            "“%(name)s” unpacks to more than %(limit)s. Save it again as a normal document "
            "and upload that file."
        ),
        code="unpacks_too_large",
        params={"name": upload.name, "limit": filesizeformat(MAX_UNPACKED_BYTES)},
    )


def _check_archive(upload) -> list[zipfile.ZipInfo] | None:
    """The archive's members as its central directory lists them, or None when it is no ZIP
    container a document can be (the type check then refuses it). Nothing is unpacked: only
    the directory and each member's local header are read.

    Refused as a bomb: more than ``MAX_ARCHIVE_MEMBERS`` members, more than
    ``MAX_UNPACKED_BYTES`` unpacked in all, or a large member packed more than
    ``MAX_COMPRESSION_RATIO``:1. Not a container (None): encrypted members, a method other than
    stored or deflated, a name twice or a name that climbs out (``..``, ``/`` first), or a local
    header that disagrees with the directory or overlaps the next member (two readers would see
    two different files, the trick of "overlapping" bombs)."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        upload.seek(0)
    if len(members) > MAX_ARCHIVE_MEMBERS or (
        sum(member.file_size for member in members) > MAX_UNPACKED_BYTES
    ):
        raise _unpacks_too_large(upload)
    for member in members:
        if member.file_size > _RATIO_FROM_BYTES and member.file_size > (
            MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        ):
            raise ValidationError(
                _(
                    "“%(name)s” unpacks to more than %(ratio)s times its own size, which no "
                    "document does. Save it again as a normal document and upload that file."
                ),
                code="unpacks_too_large",
                params={"name": upload.name, "ratio": MAX_COMPRESSION_RATIO},
            )
    names = [member.filename for member in members]
    if len(set(names)) != len(names) or any(
        name.startswith("/") or ".." in name.split("/") or "\\" in name or "\0" in name
        for name in names
    ):
        return None
    methods = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
    if any(member.flag_bits & 0x1 or member.compress_type not in methods for member in members):
        return None
    return members if _local_headers_agree(upload, members) else None


def _local_headers_agree(upload, members) -> bool:
    ordered = sorted(members, key=lambda member: member.header_offset)
    limits = [member.header_offset for member in ordered[1:]] + [upload.size]
    try:
        for member, limit in zip(ordered, limits, strict=True):
            upload.seek(member.header_offset)
            header = upload.read(_LOCAL_HEADER.size)
            if len(header) != _LOCAL_HEADER.size:
                return False
            signature, _version, _flags, method, *_rest, name_length, extra_length = (
                _LOCAL_HEADER.unpack(header)
            )
            encoding = "utf-8" if member.flag_bits & 0x800 else "cp437"
            if (
                signature != b"PK\x03\x04"
                or method != member.compress_type
                or upload.read(name_length) != member.orig_filename.encode(encoding, "replace")
            ):
                return False
            end = member.header_offset + _LOCAL_HEADER.size + name_length + extra_length
            if end + member.compress_size > limit:
                return False
    finally:
        upload.seek(0)
    return True


def _zip_type(upload, members: list[zipfile.ZipInfo]) -> FileType | None:
    names = {member.filename for member in members}
    if any(_MACROS.search(name) for name in names):
        return None
    first = members[0] if members else None
    if (
        first is not None
        and first.filename == "mimetype"
        and first.compress_type == zipfile.ZIP_STORED
        and first.file_size <= 100
        and "content.xml" in names
    ):
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                mimetype = archive.read(first).strip()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return None
        finally:
            upload.seek(0)
        return ODT if mimetype == ODT.content_type.encode() else None
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return DOCX
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return XLSX
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
        members = _check_archive(upload)
        return None if members is None else _zip_type(upload, members)
    return None


def _opens_as_pdf(upload) -> bool:
    """pypdf reads the cross-reference table, the trailer and the page tree; a PDF that needs
    a password to be opened is refused too (nobody could read it, nor could the scanner)."""
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            return False
        return len(reader.pages) > 0
    except Exception:  # a hostile file may break a parser anywhere: it did not open
        return False
    finally:
        upload.seek(0)


def _decodes_as_image(upload, file_type: FileType) -> bool:
    """Pillow opens it as the type its first bytes claim, checks its structure (a PNG's chunks
    and their checksums up to the end) and decodes every pixel; an image of more than
    ``MAX_IMAGE_PIXELS`` is refused before it is decoded."""
    try:
        for step in ("verify", "load"):  # verify leaves the image unusable: open it twice
            upload.seek(0)
            try:
                image = Image.open(upload, formats=[file_type.label])
            except Image.DecompressionBombError:
                raise _too_many_pixels(upload) from None
            with image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise _too_many_pixels(upload)
                getattr(image, step)()
    except ValidationError:
        raise
    except Exception:  # a hostile file may break a parser anywhere: it did not decode
        return False
    finally:
        upload.seek(0)
    return True


def _too_many_pixels(upload) -> ValidationError:
    return ValidationError(
        _(
            "“%(name)s” is a larger image than we accept (at most %(limit)s million pixels). "
            "Make it smaller and upload it again."
        ),
        code="too_many_pixels",
        params={"name": upload.name, "limit": MAX_IMAGE_PIXELS // 1_000_000},
    )


def _opens(upload, file_type: FileType) -> bool:
    if file_type is PDF:
        return _opens_as_pdf(upload)
    if file_type in (PNG, JPEG):
        return _decodes_as_image(upload, file_type)
    return True  # an office document's container was inspected by ``sniff``


def _contains_html(upload) -> bool:
    upload.seek(0)
    carried = b""
    try:
        for chunk in upload.chunks():
            window = carried + chunk
            if _HTML.search(window):
                return True
            carried = window[-64:]
    finally:
        upload.seek(0)
    return False


def check_upload(upload) -> FileType:
    """The file's type, or a ValidationError that tells the applicant what to do."""
    if upload in _accepted:  # the form checked it, now the service asks
        return _accepted[upload]
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
    scanning.scan(upload)  # before any parser of ours reads it
    file_type = sniff(upload)
    name = (upload.name or "").lower()
    if file_type is None or not name.endswith(file_type.suffixes):
        raise ValidationError(
            _("“%(name)s” is not a file type we accept. Upload a %(allowed)s file."),
            code="file_type",
            params={"name": upload.name, "allowed": allowed_labels()},
        )
    if not _opens(upload, file_type):
        raise ValidationError(
            _(
                "“%(name)s” could not be opened as a %(type)s file: it may be damaged or need a "
                "password. Save it again and upload that file."
            ),
            code="damaged",
            params={"name": upload.name, "type": file_type.label},
        )
    if _contains_html(upload):
        raise ValidationError(
            _(
                "“%(name)s” contains web page code (HTML), which a %(type)s file must not. Save "
                "it again as a %(type)s file and upload that file."
            ),
            code="html",
            params={"name": upload.name, "type": file_type.label},
        )
    _accepted[upload] = file_type
    return file_type
