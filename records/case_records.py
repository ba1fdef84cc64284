"""The records of a case that the schedule governs, and how each kind is removed.

A record is described by its kind and number only ("Beslutsbrev v2", "Bilaga 3"): what a
retention or a disposal record says of it must stay true, and free of personal data, after the
record itself is gone."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import models, transaction
from django.utils.translation import gettext as _

from casework.models import Case, Comment
from documents.models import Document
from funding.models import Attachment

from .kinds import ATTACHMENT, COMMENT, REPORT_BACK_ATTACHMENT, record_kind_label


@dataclass(frozen=True)
class CaseRecord:
    kind: str
    obj: models.Model
    description: str


def records_of(case: Case) -> Iterator[CaseRecord]:
    for document in Document.objects.filter(case=case).order_by("kind", "version", "pk"):
        label = record_kind_label(document.kind)
        yield CaseRecord(document.kind, document, f"{label} v{document.version}")
    attachments = Attachment.objects.filter(application__case=case).order_by("pk")
    for number, attachment in enumerate(attachments, start=1):
        kind = REPORT_BACK_ATTACHMENT if attachment.report_back_id else ATTACHMENT
        yield CaseRecord(kind, attachment, f"{record_kind_label(kind)} {number}")
    for number, comment in enumerate(Comment.objects.filter(case=case).order_by("pk"), start=1):
        yield CaseRecord(COMMENT, comment, f"{record_kind_label(COMMENT)} {number}")


def why_kept(obj: models.Model) -> str:
    """Why a due record cannot go with this list, or ``""``."""
    if isinstance(obj, Document) and obj.signings.exists():
        return _("A signed document is kept with its signatures; its rule needs a new decision.")
    return ""


def checksum_of(obj: models.Model) -> str:
    return getattr(obj, "sha256", "") or ""


def remove(obj: models.Model) -> None:
    """Remove the record and its file, in the caller's transaction; the file goes once the
    transaction is committed, so that a rolled-back disposal loses nothing."""
    stored = getattr(obj, "file", None)
    name, storage = (stored.name, stored.storage) if stored else ("", None)
    if isinstance(obj, Document):
        Document.objects.filter(pk=obj.pk).dispose()
    else:
        type(obj).objects.filter(pk=obj.pk).delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
