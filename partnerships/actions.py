"""What IOP partnerships record in the audit log (casework/actions.py says how)."""

from django.utils.translation import gettext_lazy as _

from casework.actions import AuditAction


class PartnershipAction(AuditAction):
    IOP_REGISTERED = "iop_registered", _("IOP inquiry registered")
    STATUS_CHANGED = "status_changed", _("Status changed")
    LEGAL_ASSESSMENT_SAVED = "legal_assessment_saved", _("Legal assessment saved")
    AGREEMENT_VERSION_SAVED = "agreement_version_saved", _("New version of the draft agreement")
    DRAFT_SENT_FOR_REVIEW = "draft_sent_for_review", _("Draft sent to the organisation")
    DRAFT_REVIEWED = "draft_reviewed", _("The organisation answered the draft")
    MEMO_WRITTEN = "memo_written", _("Memo to the boards written")
    BOARD_DECISION_RECORDED = "board_decision_recorded", _("Board decision recorded")
    AGREEMENT_SIGNED = "agreement_signed", _("Agreement signed")
    AID_ENTRY_RECORDED = "aid_entry_recorded", _("Aid recorded in the de minimis ledger")
    FOLLOW_UP_OPENED = "follow_up_opened", _("Yearly follow-up opened")
    FOLLOW_UP_REPORTED = "follow_up_reported", _("Follow-up report sent")
    FOLLOW_UP_APPROVED = "follow_up_approved", _("Follow-up approved")
    RENEWAL_DECIDED = "renewal_decided", _("Decided: renew, amend or end")
    PARTY_ACCEPTED = "party_accepted", _("Accepted being a party to the partnership")
    # Screening a proposal out is a notice (besked), unless the delegation order makes it a
    # decision; procurement overrides and de minimis declarations are in the log too.
    NOT_IOP_NOTICE_SENT = "not_iop_notice_sent", _("Notice sent: not an IOP")
    NOT_IOP_DECIDED = "not_iop_decided", _("Decided under delegation: not an IOP")
    PROCUREMENT_OVERRIDDEN = (
        "procurement_overridden",
        _("Procurement answers overridden by a decision-maker"),
    )
    DE_MINIMIS_DECLARED = "de_minimis_declared", _("De minimis aid declared by the organisation")
    PARTY_LEFT = "party_left", _("A party left the inquiry")
