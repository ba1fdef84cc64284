"""The audit log's one writer. Call it inside the transaction that makes the change."""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .actions import AuditAction, CaseAction, declared
from .models import AuditEvent, Case

_ADMIN_ACTIONS = {
    ADDITION: CaseAction.ADMIN_ADDED,
    CHANGE: CaseAction.ADMIN_CHANGED,
    DELETION: CaseAction.ADMIN_DELETED,
}


def record(
    target,
    actor,
    action: AuditAction,
    *,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """Append one event about ``target`` (a Case, an object with a ``case``, or any model).

    ``action`` is a member of an app's vocabulary (``<app>/actions.py``); a string no
    vocabulary declares raises ``ValueError``, so every action in the log has a label."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit events are written in the transaction of the change.")
    action = declared(action)
    case = target if isinstance(target, Case) else getattr(target, "case", None)
    return AuditEvent.objects.create(
        case=case if isinstance(case, Case) else None,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data or {},
    )


def record_admin_edit(entry: LogEntry) -> AuditEvent:
    """Append the event of one admin edit (Django's ``LogEntry``), in the admin's transaction.

    The object may be gone (a deletion), so the event keeps its type, id and name as the admin
    logged them."""
    return AuditEvent.objects.create(
        target_type_id=entry.content_type_id,
        target_id=entry.object_id or "",
        target_repr=entry.object_repr[:300],
        actor_id=entry.user_id,
        action=_ADMIN_ACTIONS.get(entry.action_flag, CaseAction.ADMIN_EDITED),
        data={"change": entry.get_change_message()},
    )
