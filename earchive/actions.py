"""What the e-archive export records in the audit log (casework/actions.py says how)."""

from django.utils.translation import gettext_lazy as _

from casework.actions import AuditAction


class ArchiveAction(AuditAction):
    EXPORTED = "earchive_exported", _("Exported to the e-archive")
