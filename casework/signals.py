"""Admin edits go into the audit log, in the admin's own transaction."""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db.models.signals import post_save
from django.dispatch import receiver

from .actions import CaseAction
from .models import AuditEvent

_ACTIONS = {
    ADDITION: CaseAction.ADMIN_ADDED,
    CHANGE: CaseAction.ADMIN_CHANGED,
    DELETION: CaseAction.ADMIN_DELETED,
}


@receiver(post_save, sender=LogEntry, dispatch_uid="casework_admin_audit")
def record_admin_edit(sender, instance: LogEntry, created: bool, **kwargs):
    if not created:
        return
    AuditEvent.objects.create(
        target_type_id=instance.content_type_id,
        target_id=instance.object_id or "",
        target_repr=instance.object_repr[:300],
        actor_id=instance.user_id,
        action=_ACTIONS.get(instance.action_flag, CaseAction.ADMIN_EDITED),
        data={"change": instance.get_change_message()},
    )
