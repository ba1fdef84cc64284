"""An audit event the registry hears of becomes an outbox event, in the same transaction."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from casework.models import AuditEvent

from . import services


@receiver(post_save, sender=AuditEvent, dispatch_uid="registry_outbox")
def enqueue_registry_event(sender, instance: AuditEvent, created: bool, **kwargs):
    if created:
        services.event_enqueue(audit_event=instance)
