"""Funding: programmes and their rules (configuration), the catalogue of funding sources, and
applications with what happens to them (supplements, assessments, decisions, payouts,
report-backs)."""

from .applications import Attachment, FundingApplication, OtherFunding, Status
from .handling import (
    Assessment,
    ConflictDeclaration,
    CriterionScore,
    Decision,
    Payout,
    RepaymentClaim,
    RepaymentReceipt,
    ReportBack,
    SupplementRequest,
)
from .meetings import BoardMeeting
from .programmes import (
    AssessmentCriterion,
    AttachmentKind,
    Decider,
    DelegationRule,
    EvidenceRequirement,
    FundingProgramme,
    Matter,
    RequiredAttachment,
)
from .sources import FundingSource

__all__ = [
    "Assessment",
    "AssessmentCriterion",
    "Attachment",
    "ConflictDeclaration",
    "AttachmentKind",
    "BoardMeeting",
    "CriterionScore",
    "Decider",
    "Decision",
    "DelegationRule",
    "EvidenceRequirement",
    "FundingApplication",
    "FundingProgramme",
    "FundingSource",
    "Matter",
    "OtherFunding",
    "Payout",
    "RepaymentClaim",
    "RepaymentReceipt",
    "ReportBack",
    "RequiredAttachment",
    "Status",
    "SupplementRequest",
]
