"""A party's demand for a decision (förvaltningslagen 12 §) on an IOP inquiry it opened,
rejected by a special decision with its letter (``partnerships.demand_letters``). A decision in
the case answers the demand too (``casework.services.case_mark_decided``)."""

from django.db import transaction

from casework import services as case_services
from casework.models import DemandRejection

from .. import demand_letters, policy
from ..models import IOPInquiry


@transaction.atomic
def inquiry_demand_reject(
    *, inquiry: IOPInquiry, acting_user, reasons: str, decider_title: str = "", authority: str = ""
) -> DemandRejection:
    """Reject the organisation's demand for a decision by a special decision; its letter, with
    the appeal route 12 § gives it, is produced once the decision commits."""
    policy.ensure_officer(acting_user)
    rejection = case_services.case_decision_demand_reject(
        case=inquiry.case,
        acting_user=acting_user,
        reasons=reasons,
        decider_title=decider_title or demand_letters.DEFAULT_TITLE,
        authority=authority,
    )
    rejection_id = rejection.pk
    transaction.on_commit(lambda: demand_letters.request_demand_rejection_letter(rejection_id))
    return rejection
