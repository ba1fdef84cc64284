"""What documents record in the audit log (casework/actions.py says how)."""

from django.utils.translation import gettext_lazy as _

from casework.actions import AuditAction


class DocumentAction(AuditAction):
    REQUESTED = "document_requested", _("Document requested")
    RENDERED = "document_rendered", _("Document produced")
    RENDER_REQUESTED = "document_render_requested", _("Document to be produced again")
    FINALISED = "document_finalised", _("Document made final")
    RENDER_FAILED = "document_render_failed", _("Document could not be produced")
    SIGNED = "document_signed", _("Document signed")
