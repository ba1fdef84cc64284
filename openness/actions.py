"""What requests for public records record in the audit log (casework/actions.py says how)."""

from django.utils.translation import gettext_lazy as _

from casework.actions import AuditAction


class DisclosureAction(AuditAction):
    REQUESTED = "disclosure_requested", _("Request for public records registered")
    REVIEWED = "secrecy_reviewed", _("Secrecy review recorded")
    EXPORTED = "disclosure_exported", _("Records for a request produced")
