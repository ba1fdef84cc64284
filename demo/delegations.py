"""Who holds which point of Fritidsnämnden's delegation order in the demo (demo mode only,
after the programmes and the accounts): ``handlaggare`` the officers' points, ``delegat`` the
head of unit's. Only a person who holds a point decides under it; ``admin`` holds none."""

from funding.models import Decider, DelegationRule
from organisations.models import DelegationHolding, User

HOLDERS = {Decider.OFFICER: "handlaggare", Decider.DELEGATE: "delegat"}


def load(out) -> None:
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
