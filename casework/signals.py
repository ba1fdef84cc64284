"""Admin edits go into the audit log, in the admin's own transaction; a closed case is told to
the apps above, in the closing transaction."""

from django.contrib.admin.models import LogEntry
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from . import events

# Sent by ``services.case_close`` inside its transaction, with ``case`` and ``acting_user``:
# the records schedule gives each record of the case its disposal date (records/signals.py).
case_closed = Signal()


@receiver(post_save, sender=LogEntry, dispatch_uid="casework_admin_audit")
def record_admin_edit(sender, instance: LogEntry, created: bool, **kwargs):
    if created:
        events.record_admin_edit(instance)
