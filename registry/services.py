"""The registry hand-off: events written to the outbox in the transaction of the change, one
row per configured connector, and delivered once that transaction has committed."""

from django.db import transaction

from casework.actions import CaseAction
from casework.models import AuditEvent, Case
from documents.actions import DocumentAction
from documents.models import Document

from . import connectors, payloads, tasks
from .models import OutboxEvent


def _event_of(audit_event: AuditEvent) -> tuple[str, Case, dict] | None:
    """The registry event an audit event is, if any: a case registered or closed, or a final
    document produced."""
    if audit_event.action == CaseAction.REGISTERED:
        case = Case.objects.get(pk=audit_event.case_id)
        return OutboxEvent.Kind.CASE_REGISTERED, case, payloads.case_payload(case)
    if audit_event.action == CaseAction.CLOSED:
        case = Case.objects.get(pk=audit_event.case_id)
        return OutboxEvent.Kind.CASE_CLOSED, case, payloads.case_payload(case)
    if audit_event.action == DocumentAction.RENDERED:
        document = Document.objects.select_related("case").get(pk=audit_event.target_id)
        if document.is_final:
            return (
                OutboxEvent.Kind.DOCUMENT_FINALISED,
                document.case,
                payloads.document_payload(document),
            )
    return None


def event_enqueue(*, audit_event: AuditEvent) -> list[OutboxEvent]:
    """Write the outbox rows for an audit event, in its transaction; nothing when no connector
    is configured or the audit event is none the registry hears of."""
    names = list(connectors.configured())
    found = _event_of(audit_event) if names else None
    if found is None:
        return []
    kind, case, payload = found
    events = [
        OutboxEvent.objects.create(
            connector=name,
            kind=kind,
            case=case,
            payload=payload,
            occurred_at=audit_event.at,
        )
        for name in names
    ]
    for event in events:
        transaction.on_commit(lambda pk=event.pk: tasks.deliver_event.delay(pk))
    return events


@transaction.atomic
def event_retry(*, event: OutboxEvent) -> bool:
    """Try a failed event again (an administrator's action), from its first back-off."""
    updated = OutboxEvent.objects.filter(pk=event.pk, state=OutboxEvent.State.FAILED).update(
        state=OutboxEvent.State.PENDING, attempts=0, next_attempt_at=None
    )
    if updated:
        transaction.on_commit(lambda: tasks.deliver_event.delay(event.pk))
    return bool(updated)
