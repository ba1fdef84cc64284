"""What a closed case's package holds, read from the case: its parties, its actions (the audit
log) and its records (final documents, received attachments) with their bytes.

A record whose bytes no longer match the checksum stored when it was produced or received is
not exported: the package would carry a copy whose authenticity cannot be shown. Nor is a
case whose final document is still being produced (or failed to be). Drafts are working
material and stay out.
"""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import translation

from casework.models import AuditEvent, Case
from documents.models import Document
from funding.models import Attachment

from . import formats
from .actions import ArchiveAction

# The package's identifier is derived from the case number, so exporting again gives the
# same identifier (and the same package, apart from its creation date).
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:samverkansportalen:earchive")


class PackageRefused(Exception):
    """The case cannot be exported (still open, or a record's bytes do not match)."""


@dataclass(frozen=True)
class Record:
    """One record of the case with its file, as the case file describes it."""

    key: str
    name: str
    data: bytes
    sha256: str
    content_type: str
    format: formats.Format
    title: str
    kind: str
    outgoing: bool
    created: datetime
    author: str
    original_name: str


@dataclass(frozen=True)
class Action:
    key: str
    text: str
    reason: str
    at: datetime
    by: str


@dataclass(frozen=True)
class Party:
    name: str
    org_number: str
    role: str


@dataclass(frozen=True)
class CaseFile:
    case: Case
    package_id: str
    creator: str
    classification_code: str
    classification: str
    parties: list[Party]
    actions: list[Action]
    records: list[Record]


def package_id(case: Case) -> str:
    return f"uuid-{uuid.uuid5(_NAMESPACE, f'{settings.CITY_NAME}/{case.case_number}')}"


def person(user) -> str:
    """How a person is named in the case file: the name, or the user name when none is kept."""
    if user is None:
        return "Samverkansportalen"
    return user.get_full_name() or user.username


def _checked(data: bytes, stored: str, what: str) -> str:
    digest = hashlib.sha256(data).hexdigest()
    if digest != stored:
        raise PackageRefused(f"{what}: the stored file does not match its checksum.")
    return digest


def _documents(case: Case) -> list[Record]:
    final = Document.objects.filter(case=case, status=Document.Status.FINAL)
    if final.filter(rendered_at__isnull=True).exists():
        raise PackageRefused(f"{case.case_number}: a final document is not produced yet.")
    documents = final.select_related("created_by")
    records = []
    for document in documents.order_by("kind", "version", "pk"):
        with document.file.open("rb") as file:
            data = file.read()
        records.append(
            Record(
                key=f"document-{document.pk}",
                name=document.file_name,
                data=data,
                sha256=_checked(data, document.sha256, str(document)),
                content_type="application/pdf",
                format=formats.pdf_format(data),
                title=f"{document.get_kind_display()}, version {document.version}",
                kind=document.kind,
                outgoing=True,
                created=document.rendered_at,
                author=person(document.created_by),
                original_name=document.download_name,
            )
        )
    return records


def _attachments(case: Case) -> list[Record]:
    attachments = Attachment.objects.filter(application__case=case).select_related("uploaded_by")
    records = []
    for attachment in attachments.order_by("uploaded_at", "pk"):
        with attachment.file.open("rb") as file:
            data = file.read()
        suffix = (
            "." + attachment.file.name.rsplit(".", 1)[-1] if "." in attachment.file.name else ""
        )
        records.append(
            Record(
                key=f"attachment-{attachment.pk}",
                name=f"{case.case_number}-bilaga-{attachment.pk}{suffix.lower()}",
                data=data,
                sha256=_checked(data, attachment.sha256, attachment.original_name),
                content_type=attachment.content_type,
                format=formats.file_format(data, attachment.content_type),
                title=attachment.original_name,
                kind=attachment.kind,
                outgoing=False,
                created=attachment.uploaded_at,
                author=person(attachment.uploaded_by),
                original_name=attachment.original_name,
            )
        )
    return records


def _actions(case: Case) -> list[Action]:
    # The exports themselves are not part of the case's handling (and would make a second
    # package differ from the first): PREMIS records the package's creation instead.
    events = (
        AuditEvent.objects.filter(case=case)
        .exclude(action__in=ArchiveAction.values)
        .select_related("actor")
        .order_by("at", "pk")
    )
    actions = []
    for event in events:
        text = event.action_label
        if event.to_state:
            text = f"{text} ({event.from_state_label or '–'} → {event.to_state_label})"
        actions.append(Action(event.action, text, event.reason, event.at, person(event.actor)))
    return actions


def _parties(case: Case) -> list[Party]:
    parties = []
    if case.organisation is not None:
        parties.append(Party(case.organisation.name, case.organisation.org_number, "part"))
    for other in case.parties.order_by("name", "pk"):
        parties.append(Party(other.name, other.org_number, "part"))
    return parties


def case_file(case: Case) -> CaseFile:
    """Everything the package says of ``case``, in Swedish; the case must be closed."""
    if case.closed_at is None:
        raise PackageRefused(f"{case.case_number} is not closed.")
    boards = list(case.boards.order_by("name"))
    creator = ", ".join([settings.CITY_NAME, *(board.name for board in boards)])
    with translation.override("sv"):
        return CaseFile(
            case=case,
            package_id=package_id(case),
            creator=creator,
            classification_code=case.kind,
            classification=str(case.get_kind_display()),
            parties=_parties(case),
            actions=_actions(case),
            records=_documents(case) + _attachments(case),
        )
