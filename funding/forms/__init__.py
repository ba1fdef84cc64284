from .applying import (
    AttachmentForm,
    BoardMeetingForm,
    DelegationListForm,
    MoneyForm,
    OtherFundingFormSet,
    ProjectForm,
    SourceFinderForm,
    StartApplicationForm,
)
from .catalogue import FundingSourceForm
from .handling import (
    AssessmentForm,
    BoardDecisionForm,
    BoardMemoForm,
    CompletenessForm,
    DecisionForm,
    PayoutForm,
    ReportBackForm,
    ReportReviewForm,
    SupplementAnswerForm,
)

__all__ = [
    "AssessmentForm",
    "AttachmentForm",
    "BoardMeetingForm",
    "BoardDecisionForm",
    "BoardMemoForm",
    "CompletenessForm",
    "DecisionForm",
    "DelegationListForm",
    "FundingSourceForm",
    "MoneyForm",
    "OtherFundingFormSet",
    "PayoutForm",
    "ProjectForm",
    "ReportBackForm",
    "ReportReviewForm",
    "SourceFinderForm",
    "StartApplicationForm",
    "SupplementAnswerForm",
]
