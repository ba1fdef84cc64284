from .applying import (
    AttachmentForm,
    BoardMeetingForm,
    MoneyForm,
    OtherFundingFormSet,
    ProjectForm,
    SourceFinderForm,
    StartApplicationForm,
)
from .handling import (
    AssessmentForm,
    BoardDecisionForm,
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
    "CompletenessForm",
    "DecisionForm",
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
