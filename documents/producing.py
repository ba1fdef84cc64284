"""Producing a requested version's PDF, or noting that producing it failed: the background
side of ``documents.services``, run by ``documents.tasks`` once the requesting transaction
has committed. Each runs in one transaction and records an audit event."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from casework import events

from . import kinds, rendering
from .actions import DocumentAction
from .models import Document


@transaction.atomic
def document_render(*, document_id: int) -> Document | None:
    """Produce and store the PDF of a requested version; nothing happens if it is stored already."""
    document = Document.objects.select_for_update().filter(pk=document_id).first()
    if document is None or document.rendered_at is not None:
        return document  # a draft deleted meanwhile, or the work is done
    context = kinds.load_context(document.kind, document.context)
    rendered = rendering.render(document.kind, context, draft=not document.is_final)
    _store(document, rendered)
    events.record(
        document,
        None,
        DocumentAction.RENDERED,
        data={
            "version": document.version,
            "sha256": document.sha256,
            "size": document.size,
            "template_version": document.template_version,
        },
    )
    return document


def _store(document: Document, rendered: rendering.Rendered) -> None:
    storage = document.file.storage
    name = document.file.field.generate_filename(document, document.file_name)
    # Anything at this name is an earlier draft or a write whose transaction rolled back:
    # a rendered final version never reaches this point.
    if storage.exists(name):
        storage.delete(name)
    document.file.save(document.file_name, ContentFile(rendered.pdf), save=False)
    document.sha256 = hashlib.sha256(rendered.pdf).hexdigest()
    document.size = len(rendered.pdf)
    document.pages = rendered.pages
    document.template_version = rendered.template_version
    document.rendered_at = timezone.now()
    document.failure = ""
    document.save()


@transaction.atomic
def document_record_failure(*, document_id: int, error: str) -> None:
    """Note that producing a version failed, so that its page says so instead of waiting."""
    document = Document.objects.select_for_update().filter(pk=document_id).first()
    if document is None or document.rendered_at is not None:
        return
    document.failure = error[:2000] or "error"
    document.save(update_fields=["failure"])
    events.record(document, None, DocumentAction.RENDER_FAILED, reason=document.failure)
