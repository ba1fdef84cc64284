"""Business actions on documents. Each runs in one transaction and records an audit event.

The domain apps call ``document_request`` with a context from ``documents.contexts``; the PDF
is produced by a background task once the transaction has committed (``documents.producing``).
"""

import hashlib

from django.db import transaction
from django.db.models import Max

from casework import events
from casework.models import Case

from . import kinds, producing, tasks
from .actions import DocumentAction
from .contexts import to_data
from .models import Document, FinalDocumentError, Signing


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
def document_sign(
    *,
    document: Document,
    acting_user,
    party: str,
    signer_role: str = "",
    authority: str = "",
    method: str = Signing.Method.PORTAL_CLICK,
) -> Signing:
    """Put on record that ``acting_user`` signs the final ``document`` for ``party``: the
    signing names the version and the SHA-256 of the very bytes stored, and is kept beside the
    PDF, which itself is never changed.

    A final version is produced here and now if the background has not produced it yet, so
    that what is signed is always a stored PDF; one that could not be produced is refused."""
    document, pdf = producing.document_to_sign(document)
    digest = hashlib.sha256(pdf).hexdigest()
    signing = Signing(
        document=document,
        party=party,
        signer=acting_user,
        signer_name=str(acting_user),
        signer_role=signer_role,
        authority=authority,
        method=method,
        sha256=digest,
    )
    signing.full_clean()
    signing.save()
    events.record(
        document,
        acting_user,
        DocumentAction.SIGNED,
        data={"version": document.version, "sha256": digest, "party": party, "method": method},
    )
    return signing


def _clear_rendering(document: Document) -> None:
    # The stored file stays until the new rendering replaces it under the same name.
    document.rendered_at = None
    document.failure = ""
    document.render_attempts = 0
    document.sha256 = ""
    document.size = document.pages = None
    document.template_version = ""


def _schedule_rendering(document: Document) -> None:
    document_id = document.pk
    transaction.on_commit(lambda: tasks.render_document.delay(document_id))
