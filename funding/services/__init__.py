"""Business actions on funding applications, one function per action (``<entity>_<action>``).

Each is keyword-only, takes the acting user, runs in one transaction, changes status only by
applying one of the application's transitions with ``casework.transitions.apply`` (which
records it), writes its audit event in the same transaction, and schedules side effects with
``transaction.on_commit``.
"""

from .applying import (
    application_create,
    application_resubmit,
    application_submit,
    application_update,
    attachment_add,
    attachment_remove,
    other_funding_set,
)
from .catalogue import funding_source_save
from .demands import application_demand_reject
from .errors import SubmissionRefused
from .handling import (
    application_mark_complete,
    application_request_supplement,
    application_supplement_overdue,
    assessment_record,
    conflict_declare,
    decision_record,
    payout_record,
    report_back_review,
    report_back_submit,
)
from .repayment import repayment_claim_unreported, repayment_receive, repayment_write_off
from .reporting_to_board import (
    board_memo_request,
    decisions_report_to_board,
    meeting_of,
    meeting_protocol_announce,
)

__all__ = [
    "SubmissionRefused",
    "application_create",
    "application_demand_reject",
    "application_mark_complete",
    "application_request_supplement",
    "application_resubmit",
    "application_submit",
    "application_supplement_overdue",
    "application_update",
    "assessment_record",
    "attachment_add",
    "board_memo_request",
    "conflict_declare",
    "attachment_remove",
    "decision_record",
    "decisions_report_to_board",
    "funding_source_save",
    "meeting_of",
    "meeting_protocol_announce",
    "other_funding_set",
    "payout_record",
    "repayment_claim_unreported",
    "repayment_receive",
    "repayment_write_off",
    "report_back_review",
    "report_back_submit",
]
