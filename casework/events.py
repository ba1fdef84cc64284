"""The audit log's one writer. Call it inside the transaction that makes the change."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .actions import AuditAction, declared
from .models import AuditEvent, Case


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
