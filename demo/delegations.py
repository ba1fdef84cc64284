"""Who holds which point of Fritidsnämnden's delegation order in the demo (demo mode only,
after the programmes and the accounts): ``handlaggare`` the officers' points, ``delegat`` the
head of unit's. Only a person who holds a point decides under it; ``admin`` holds none."""

from funding.models import Decider, DelegationRule, FundingProgramme, Matter
from organisations.models import DelegationHolding, User

HOLDERS = {Decider.OFFICER: "handlaggare", Decider.DELEGATE: "delegat"}
# Fritidsnämnden's points for what follows a grant, which the demo's officer holds.
CLAIM_POINTS = {
    Matter.REPAYMENT_CLAIM: "FRN 4.7",
    Matter.WRITE_OFF: "FRN 4.8",
    Matter.DEMAND_REJECTION: "FRN 1.4",
}


def _claim_points() -> None:
    """Each demo programme's points for repayment claims, write-offs and special decisions on
    a demand for a decision, decided by an officer (``load`` gives them to their holder)."""
    for programme in FundingProgramme.objects.all():
        for matter, point in CLAIM_POINTS.items():
            DelegationRule.objects.get_or_create(
                programme=programme,
                matter=matter,
                defaults={"decider": Decider.OFFICER, "delegation_point": point},
            )


def load(out) -> None:
    _claim_points()
    made = 0
    for rule in DelegationRule.objects.exclude(decider=Decider.BOARD).select_related("board"):
        user = User.objects.filter(username=HOLDERS[rule.decider]).first()
        if user is None:
            continue
        _holding, created = DelegationHolding.objects.get_or_create(
            user=user, board=rule.board, point=rule.delegation_point
        )
        made += created
    out.write(f"{made} points of the delegation order given to their holders.")
