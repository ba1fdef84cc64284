"""Business actions on documents. Each runs in one transaction and records an audit event.

The domain apps call ``document_request`` with a context from ``documents.contexts``; the PDF
is produced by a background task once the transaction has committed.
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from casework import events
from casework.models import Case

from . import kinds, rendering, tasks
from .actions import DocumentAction
from .contexts import to_data
from .models import Document, FinalDocumentError


@transaction.atomic
def document_request(
    *, case: Case, kind: str, context, acting_user, final: bool = False
) -> Document:
    """Ask for the next version of a document of ``case``; it is produced in the background.

    A final version is what the parties sign or receive; a draft can be previewed, produced
    again and made final later.
    """
    kinds.check_context(kind, context)
    if context.case_number != case.case_number:
        raise ValueError("The document's case number is not the case's.")
    # The case row lock gives concurrent requests consecutive version numbers.
    Case.objects.select_for_update().filter(pk=case.pk).values_list("pk").get()
    last = Document.objects.filter(case=case, kind=kind).aggregate(last=Max("version"))["last"]
    document = Document(
        case=case,
        kind=kind,
        version=(last or 0) + 1,
        status=Document.Status.FINAL if final else Document.Status.DRAFT,
        context=to_data(context),
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    document.full_clean()
    document.save()
    events.record(
        document,
        acting_user,
        DocumentAction.REQUESTED,
        to_state=document.status,
        data={"kind": kind, "version": document.version},
    )
    _schedule_rendering(document)
    return document


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
def document_render_again(*, document: Document, acting_user) -> Document:
    """Produce a draft again (e.g. after its template was corrected), or retry a failed version.

    A final version that has been produced is never produced again: ask for a new version.
    """
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.is_final and document.is_ready:
        raise FinalDocumentError("A final document is never rendered again; make a new version.")
    _clear_rendering(document)
    document.save()
    events.record(document, acting_user, DocumentAction.RENDER_REQUESTED, to_state=document.status)
    _schedule_rendering(document)
    return document


@transaction.atomic
def document_finalise(*, document: Document, acting_user) -> Document:
    """Make a draft the final version: produced once more without the draft marking, then frozen."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.is_final:
        raise FinalDocumentError("The document is final already.")
    document.status = Document.Status.FINAL
    _clear_rendering(document)
    document.save()
    events.record(
        document,
        acting_user,
        DocumentAction.FINALISED,
        from_state=Document.Status.DRAFT,
        to_state=Document.Status.FINAL,
    )
    _schedule_rendering(document)
    return document


@transaction.atomic
def document_record_failure(*, document_id: int, error: str) -> None:
    """Note that producing a version failed, so that its page says so instead of waiting."""
    document = Document.objects.select_for_update().filter(pk=document_id).first()
    if document is None or document.rendered_at is not None:
        return
    document.failure = error[:2000] or "error"
    document.save(update_fields=["failure"])
    events.record(document, None, DocumentAction.RENDER_FAILED, reason=document.failure)


def _clear_rendering(document: Document) -> None:
    # The stored file stays until the new rendering replaces it under the same name.
    document.rendered_at = None
    document.failure = ""
    document.sha256 = ""
    document.size = document.pages = None
    document.template_version = ""


def _schedule_rendering(document: Document) -> None:
    document_id = document.pk
    transaction.on_commit(lambda: tasks.render_document.delay(document_id))
