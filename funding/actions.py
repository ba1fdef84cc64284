"""What funding records in the audit log (casework/actions.py says how).

A decision on an application is recorded as casework's ``CaseAction.DECIDED``, as on any case."""

from django.utils.translation import gettext_lazy as _

from casework.actions import AuditAction


class FundingAction(AuditAction):
    APPLICATION_STARTED = "application_started", _("Application started")
    APPLICATION_SAVED = "application_saved", _("Application saved")
    OTHER_FUNDING_DECLARED = "other_funding_declared", _("Other funding declared")
    ATTACHMENT_ADDED = "attachment_added", _("Attachment added")
    ATTACHMENT_REMOVED = "attachment_removed", _("Attachment removed")
    APPLICATION_SUBMITTED = "application_submitted", _("Application submitted")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Supplement requested")
    SUPPLEMENT_ANSWERED = "supplement_answered", _("Supplement sent in")
    SUPPLEMENT_OVERDUE = "supplement_overdue", _("No supplement by the deadline")
    APPLICATION_COMPLETE = "application_complete", _("Application found complete")
    ASSESSED = "assessed", _("Assessment recorded")
    BOARD_MEMO_WRITTEN = "board_memo_written", _("Memo to the board written")
    PAYOUT_RECORDED = "payout_recorded", _("Payout recorded")
    PAID_IN_FULL = "paid_in_full", _("Grant paid in full")
    REPORT_BACK_SUBMITTED = "report_back_submitted", _("Report-back submitted")
    REPORT_BACK_APPROVED = "report_back_approved", _("Report-back approved")
    REPORT_BACK_MORE_REQUESTED = "report_back_more_requested", _("More asked of the report-back")
    REPAYMENT_CLAIMED = "repayment_claimed", _("Repayment claimed")
    REPAYMENT_RECEIVED = "repayment_received", _("Repayment received")
    REPAYMENT_PAID = "repayment_paid", _("Repayment claim paid in full")
    REPAYMENT_WRITTEN_OFF = "repayment_written_off", _("Repayment claim written off")
    DECISION_REPORTED_TO_BOARD = "decision_reported_to_board", _("Decision reported to the board")
    PROTOCOL_ANNOUNCED = "protocol_announced", _("Approval of the protocol announced")
    FUNDING_SOURCE_CREATED = "funding_source_created", _("Funding source added")
    FUNDING_SOURCE_CHANGED = "funding_source_changed", _("Funding source changed")
    REGISTER_ROW_ADDED = "register_row_added", _("Added by the register import")
    REGISTER_ROW_CHANGED = "register_row_changed", _("Changed by the register import")
    NO_CONFLICT_DECLARED = "no_conflict_declared", _("Declared no conflict of interest")
    CONFLICT_DECLARED = "conflict_declared", _("Declared a conflict of interest")
    MATTER_OF_PRINCIPLE = "matter_of_principle", _("Marked as a matter of principle")
    MEETING_CHANGED_IN_ADMIN = (
        "meeting_changed_in_admin",
        _("Meeting date, protocol § or announcement changed in the administration"),
    )
