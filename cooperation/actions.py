"""What the cooperation surface records in the audit log (casework/actions.py says how)."""

from django.utils.translation import gettext_lazy as _

from casework.actions import AuditAction


class DialogueAction(AuditAction):
    EVENT_PLANNED = "event_planned", _("Dialogue or workshop planned")
    EVENT_HELD = "event_held", _("Attendance recorded at a dialogue or workshop")
    EVENT_DOCUMENTED = "event_documented", _("Dialogue or workshop documented")
    INITIATIVE_STARTED = "initiative_started", _("Initiative started from a next step")
    INITIATIVE_BECAME_IOP = "initiative_became_iop", _("Initiative became an IOP proposal")
