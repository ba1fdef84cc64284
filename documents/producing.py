"""Producing a requested version's PDF, or noting that producing it failed: the background
side of ``documents.services``, run by ``documents.tasks`` once the requesting transaction
has committed. Each runs in one transaction and records an audit event.

A render has ceilings (``common.limits``): its pages, its time and its memory. Beyond one it
stops, and the version records why, in words its page shows the officers."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from casework import events
from common import limits

from . import kinds, rendering
from .actions import DocumentAction
from .language import DOCUMENT_LANGUAGE
from .models import Document, FinalDocumentError


@transaction.atomic
def document_render(*, document_id: int) -> Document | None:
    """Produce and store the PDF of a requested version; nothing happens if it is stored already."""
    document = Document.objects.select_for_update().filter(pk=document_id).first()
    if document is None or document.rendered_at is not None:
        return document  # a draft deleted meanwhile, or the work is done
    context = kinds.load_context(document.kind, document.context)
    rendered = rendering.render(
        document.kind, context, draft=not document.is_final, max_pages=limits.DOCUMENT_PAGES
    )
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


def document_to_sign(document: Document) -> tuple[Document, bytes]:
    """The final ``document``, locked, and its stored PDF, checked against its checksum; a final
    version is produced here and now if the background has not produced it yet, so that what is
    signed is always a stored PDF; one that could not be produced is refused."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not document.is_final:
        raise ValidationError(_("Only a final document is signed."))
    if not document.is_ready and not document.failure:
        document = document_render(document_id=document.pk)
    if not document.is_ready:
        raise ValidationError(
            _("The final document could not be produced, so it cannot be signed yet.")
        )
    with document.file.open("rb") as stored:
        pdf = stored.read()
    if hashlib.sha256(pdf).hexdigest() != document.sha256:
        raise FinalDocumentError("The stored PDF is not the one that was produced.")
    return document, pdf


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
    _record_failure(document, error)


def _record_failure(document: Document, error: str) -> None:
    document.failure = error[:2000] or "error"
    document.save(update_fields=["failure"])
    events.record(document, None, DocumentAction.RENDER_FAILED, reason=document.failure)


@transaction.atomic
def document_render_attempt(*, document_id: int) -> bool:
    """Count one more attempt at producing a version, before it starts; False when there is
    nothing to do, or when ``limits.RENDER_ATTEMPTS`` attempts were made already (recorded as
    a failure then). A render whose worker was killed (beyond its time or memory ceiling)
    records nothing itself, and the broker delivers it again: this is what stops it."""
    document = Document.objects.select_for_update().filter(pk=document_id).first()
    if document is None or document.rendered_at is not None:
        return False
    if document.render_attempts >= limits.RENDER_ATTEMPTS:
        if not document.failure:
            _record_failure(document, stopped_message(document.render_attempts))
        return False
    document.render_attempts += 1
    document.save(update_fields=["render_attempts"])
    return True


def stopped_message(attempts: int) -> str:
    with translation.override(DOCUMENT_LANGUAGE):
        return _(
            "Producing the document was stopped %(attempts)s times, beyond the time "
            "(%(seconds)s seconds) or the memory (%(memory)s MB) a document may take, and is not "
            "tried again by itself. Nothing was stored. Contact the administrator."
        ) % {
            "attempts": attempts,
            "seconds": limits.RENDER_SECONDS,
            "memory": limits.RENDER_MEMORY_MB,
        }


def ceiling_message(error: Exception) -> str:
    """Why a render that reached a ceiling stopped, in the documents' language."""
    with translation.override(DOCUMENT_LANGUAGE):
        if isinstance(error, rendering.TooManyPages):
            return _(
                "The document would have %(pages)s pages; a document may have at most "
                "%(limit)s. Nothing was stored. Shorten the texts it is made from and try again, "
                "or contact the administrator."
            ) % {"pages": error.pages, "limit": error.limit}
        if isinstance(error, MemoryError):
            return _(
                "Producing the document needed more memory than a document may take "
                "(%(memory)s MB) and was stopped. Nothing was stored. Contact the administrator."
            ) % {"memory": limits.RENDER_MEMORY_MB}
        return _(
            "Producing the document took longer than a document may take (%(seconds)s "
            "seconds) and was stopped. Nothing was stored. Try again later; if it stops again, "
            "contact the administrator."
        ) % {"seconds": limits.RENDER_SECONDS}
