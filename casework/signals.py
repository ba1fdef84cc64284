"""Admin edits go into the audit log, in the admin's own transaction; a closed case is told to
the apps above, in the closing transaction, and so is a request for public records."""

from django.contrib.admin.models import LogEntry
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from . import events

# Sent by ``services.case_close`` inside its transaction, with ``case`` and ``acting_user``:
# the records schedule gives each record of the case its disposal date (records/signals.py).
case_closed = Signal()

# Sent by ``openness.disclosure`` inside its transaction, with ``case``, ``reference`` and
# ``acting_user``, when a request for public records is registered and when it is settled: the
# case's records are held from disposal meanwhile (records/signals.py).
public_records_requested = Signal()
public_records_request_settled = Signal()


@receiver(post_save, sender=LogEntry, dispatch_uid="casework_admin_audit")
def record_admin_edit(sender, instance: LogEntry, created: bool, **kwargs):
    if created:
        events.record_admin_edit(instance)
