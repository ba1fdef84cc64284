"""Background work for documents: thin, and safe to run twice."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from common import limits

from . import producing, rendering
from .signing import services as signing

# What stops a render at one of its ceilings: recorded as the reason, and not raised again.
CEILINGS = (rendering.TooManyPages, SoftTimeLimitExceeded, MemoryError)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=limits.RENDER_SECONDS,
    # The worker child is killed if the render ignores the soft limit (stuck in C code); the
    # broker then delivers it again, and ``document_render_attempt`` ends that in time.
    time_limit=limits.RENDER_SECONDS + 30,
)
def render_document(document_id: int) -> None:
    """Produce a requested version. The service returns at once if it is stored already."""
    if not producing.document_render_attempt(document_id=document_id):
        return
    try:
        producing.document_render(document_id=document_id)
    except CEILINGS as exc:
        producing.document_record_failure(
            document_id=document_id, error=producing.ceiling_message(exc)
        )
    except Exception as exc:
        producing.document_record_failure(document_id=document_id, error=repr(exc))
        raise
    signing.document_seal(document_id=document_id)
