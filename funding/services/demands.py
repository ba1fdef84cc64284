"""A party's demand for a decision (förvaltningslagen 12 §) on a funding application, answered.

Within four weeks of the demand the board decides the application (the decision answers the
demand; ``casework.services.case_mark_decided`` records that) or rejects the demand by a
special decision, recorded here with its letter, which states the appeal route 12 § gives it.
"""

from django.db import transaction

from casework import services as case_services
from casework.models import DemandRejection

from .. import claim_letters, policy
from ..models import FundingApplication


@transaction.atomic
def application_demand_reject(
    *,
    application: FundingApplication,
    acting_user,
    reasons: str,
    decider_title: str = "",
    authority: str = "",
) -> DemandRejection:
    """Reject the organisation's demand for a decision by a special decision, with its letter."""
    policy.ensure_handles_cases(acting_user)
    rejection = case_services.case_decision_demand_reject(
        case=application.case,
        acting_user=acting_user,
        reasons=reasons,
        decider_title=decider_title or claim_letters.DEFAULT_TITLE,
        authority=authority,
    )
    transaction.on_commit(lambda: claim_letters.request_demand_rejection_letter(rejection.pk))
    return rejection
