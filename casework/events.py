"""The audit log's one writer. Call it inside the transaction that makes the change."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, Case

# What each action is called on the case page; apps add their own with ``register_labels``.
ACTION_LABELS = {
    "registered": _("Case registered"),
    "closed": _("Case closed"),
    "decided": _("Decision made"),
    "comment_added": _("Comment written"),
    "clock_paused": _("Clock paused"),
    "clock_resumed": _("Clock resumed"),
    "decision_demanded": _("Decision demanded (12 §)"),
    "delay_notice_sent": _("Delay notice sent (11 §)"),
    "deadline_set": _("Deadline set"),
    "deadline_met": _("Deadline met"),
    "task_completed": _("Task completed"),
    "task_reassigned": _("Task passed on"),
    "job_retried": _("Job retried"),
    "admin_added": _("Added in the administration"),
    "admin_changed": _("Changed in the administration"),
    "admin_deleted": _("Deleted in the administration"),
}


def register_labels(labels: dict) -> None:
    ACTION_LABELS.update(labels)


def label_of(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def record(
    target,
    actor,
    action: str,
    *,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """Append one event about ``target`` (a Case, an object with a ``case``, or any model)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit events are written in the transaction of the change.")
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
