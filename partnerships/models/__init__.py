"""IOP inquiries, their assessments, the co-created agreement, decisions and signatures."""

from .agreement import (
    AgreementVersion,
    BoardDecision,
    Contribution,
    DraftReview,
    Memo,
    Signature,
)
from .assessment import SCREENING_CRITERIA, AidEntry, LegalAssessment, Screening
from .followup import FollowUp, FollowUpReport, RenewalDecision, Termination
from .inquiry import OPEN_STATUSES, IOPInquiry, Party, Status
from .responsible import ResponsibleManager
from .state_aid import (
    DE_MINIMIS_ROUTES,
    AidRoute,
    DeclaredAid,
    DeMinimisDeclaration,
    EuroRate,
)

__all__ = [
    "DE_MINIMIS_ROUTES",
    "AidRoute",
    "DeMinimisDeclaration",
    "DeclaredAid",
    "EuroRate",
    "OPEN_STATUSES",
    "SCREENING_CRITERIA",
    "AgreementVersion",
    "AidEntry",
    "BoardDecision",
    "Contribution",
    "DraftReview",
    "FollowUp",
    "FollowUpReport",
    "IOPInquiry",
    "LegalAssessment",
    "Memo",
    "Party",
    "RenewalDecision",
    "ResponsibleManager",
    "Screening",
    "Signature",
    "Status",
    "Termination",
]
