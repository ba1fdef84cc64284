"""The records vocabulary of the audit log. Stored values never change (casework/actions.py).

Records events carry ids and counts, never a person's data or a record's content, so that
disposing of a record never needs to change the log (docs/records.md)."""

from django.utils.translation import gettext_lazy as _

from casework.actions import AuditAction


class RecordsAction(AuditAction):
    RECORDS_APPRAISED = "records_appraised", _("Records given their retention")
    RETENTION_REAPPRAISED = "retention_reappraised", _("Retention changed by a new decision")
    DISPOSAL_LIST_BUILT = "disposal_list_built", _("Disposal list built and sent for review")
    DISPOSAL_LIST_APPROVED = "disposal_list_approved", _("Disposal list approved")
    DISPOSAL_LIST_RETURNED = "disposal_list_returned", _("Disposal list returned")
    DISPOSAL_LIST_EXECUTED = "disposal_list_executed", _("Disposal list carried out")
    RECORDS_DISPOSED = "records_disposed", _("Records disposed of under a disposal decision")
    LEGAL_HOLD_PLACED = "legal_hold_placed", _("Legal hold placed")
    LEGAL_HOLD_LIFTED = "legal_hold_lifted", _("Legal hold lifted")
