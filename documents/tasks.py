"""Background work for documents: thin, and safe to run twice."""

from celery import shared_task

from . import producing


@shared_task(acks_late=True)
def render_document(document_id: int) -> None:
    """Produce a requested version. The service returns at once if it is stored already."""
    try:
        producing.document_render(document_id=document_id)
    except Exception as exc:
        producing.document_record_failure(document_id=document_id, error=repr(exc))
        raise
