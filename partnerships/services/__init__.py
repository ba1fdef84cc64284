"""Business actions of the IOP app (see ``inquiries`` and ``agreements``)."""

from .agreements import (
    ContributionInput,
    agreement_draft_save,
    agreement_sign,
    board_decision_record,
    co_creation_finish,
    copy_contributions,
    draft_review_answer,
    draft_send_for_review,
    inquiry_revise,
    memo_write,
)
from .inquiries import (
    CASE_SERIES,
    PartyInput,
    aid_entry_record,
    inquiry_close,
    inquiry_propose,
    inquiry_register_assignment,
    inquiry_withdraw,
    investigation_conclude,
    legal_assessment_save,
    screening_record,
)

__all__ = [
    "CASE_SERIES",
    "ContributionInput",
    "PartyInput",
    "agreement_draft_save",
    "agreement_sign",
    "aid_entry_record",
    "board_decision_record",
    "co_creation_finish",
    "copy_contributions",
    "draft_review_answer",
    "draft_send_for_review",
    "inquiry_close",
    "inquiry_propose",
    "inquiry_register_assignment",
    "inquiry_revise",
    "inquiry_withdraw",
    "investigation_conclude",
    "legal_assessment_save",
    "memo_write",
    "screening_record",
]
