"""Who decides an application under its programme's delegation order."""

from dataclasses import dataclass
from decimal import Decimal

from organisations import policy as org_policy

from .models import Decider, FundingApplication, FundingProgramme

# What each kind of decider must hold; the board's secretary records the board's decision.
DECIDER_PERMISSIONS = {
    Decider.OFFICER: org_policy.HANDLE_CASE,
    Decider.DELEGATE: org_policy.DECIDE_ON_DELEGATION,
    Decider.BOARD: org_policy.ACT_FOR_BOARD,
}


@dataclass(frozen=True)
class Route:
    decider: str
    delegation_point: str = ""

    @property
    def label(self) -> str:
        return str(Decider(self.decider).label)


def route_for(programme: FundingProgramme, amount: Decimal) -> Route:
    """The first rule whose limit covers ``amount``; beyond every limit, the board decides."""
    for rule in programme.delegation_rules.all():
        if rule.up_to_amount is None or amount <= rule.up_to_amount:
            return Route(rule.decider, rule.delegation_point)
    return Route(Decider.BOARD)


def amount_to_decide(application: FundingApplication) -> Decimal:
    """The amount the decision is about: the assessor's proposal, else the amount applied."""
    assessment = getattr(application, "assessment", None)
    if assessment is not None:
        return assessment.proposed_amount
    return application.amount_applied or Decimal(0)


def route_of(application: FundingApplication) -> Route:
    return route_for(application.programme, amount_to_decide(application))


def may_decide(user, application: FundingApplication) -> bool:
    """Holds the decider's role for this application, and did not assess it."""
    if was_assessed_by(application, user):
        return False
    permission = DECIDER_PERMISSIONS[route_of(application).decider]
    if permission == org_policy.ACT_FOR_BOARD:
        return user.has_perm(permission, obj=application.programme.board)
    return user.is_superuser or user.has_perm(permission)


def was_assessed_by(application: FundingApplication, user) -> bool:
    assessment = getattr(application, "assessment", None)
    return assessment is not None and assessment.assessor_id == user.pk
