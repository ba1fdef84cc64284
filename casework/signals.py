"""Admin edits go into the audit log, in the admin's own transaction."""

from django.contrib.admin.models import LogEntry
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import events


@receiver(post_save, sender=LogEntry, dispatch_uid="casework_admin_audit")
def record_admin_edit(sender, instance: LogEntry, created: bool, **kwargs):
    if created:
        events.record_admin_edit(instance)
