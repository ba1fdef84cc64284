"""What follow-up records in the audit log (casework/actions.py says how)."""

from django.utils.translation import gettext_lazy as _

from casework.actions import AuditAction


class FollowupAction(AuditAction):
    NARRATIVE_SECTION_WRITTEN = (
        "narrative_section_written",
        _("Section of the annual report written"),
    )
    NARRATIVE_SECTION_CHANGED = (
        "narrative_section_changed",
        _("Section of the annual report changed"),
    )
    NARRATIVE_SECTION_DELETED = (
        "narrative_section_deleted",
        _("Section of the annual report removed"),
    )
