"""A party's demand for a decision (förvaltningslagen 12 §) on a funding application, answered.

Within four weeks of the demand the board decides the application (the decision answers the
demand; ``casework.services.case_mark_decided`` records that) or rejects the demand by a
special decision, recorded here with its letter, which states the appeal route 12 § gives it.
"""

from django.db import transaction

from casework import services as case_services
from casework.models import DemandRejection

from .. import claim_letters, delegation, policy
from ..models import FundingApplication, Matter


@transaction.atomic
def application_demand_reject(
    *,
    application: FundingApplication,
    acting_user,
    reasons: str,
    decider_title: str = "",
) -> DemandRejection:
    """Reject the organisation's demand for a decision by a special decision, with its letter.

    Only a person who holds the point of the board's delegation order for special decisions
    on a demand decides it; the decision and its letter name that point and board."""
    policy.ensure_handles_cases(acting_user)
    point = delegation.ensure_holds_point(acting_user, application, Matter.DEMAND_REJECTION)
    rejection = case_services.case_decision_demand_reject(
        case=application.case,
        acting_user=acting_user,
        reasons=reasons,
        decider_title=decider_title or claim_letters.DEFAULT_TITLE,
        authority=delegation.authority_of(point),
    )
    transaction.on_commit(lambda: claim_letters.request_demand_rejection_letter(rejection.pk))
    return rejection
