"""Who decides an application: the route of the matter under its board's delegation order.

The law (kommunallagen 6 kap. 37–38 §§, 7 kap. 5 §; DOMAIN.md "Case handling law"):

- The size of a matter is the amount applied for, whatever the assessor proposes: rejecting a
  300 000 kr application is as large a matter as granting it.
- A delegation belongs to the board that gave it: a rule is one point of one board's
  delegation order, and only a person who holds that point from that board decides under it
  (``organisations.DelegationHolding``). Administrators and superusers administer the
  delegation order; they never decide by being administrators.
- A repayment claim, its write-off and a special decision rejecting a demand for a decision
  are matters of their own kind: each is decided only by a person who holds a point of the
  board's delegation order for that kind (``DelegationRule.matter``), and the decision names
  the point and the board (``authority_of``).
- A matter of principle (flagged on the programme or on the application) is never delegated:
  the board decides.
- Nobody decides a case in which they have a conflict of interest (FL 16–18 §§): not the
  person who assessed it, not a member of the applying organisation, not someone who declared
  a conflict (``conflicts``).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from documents.templatetags.document_format import sek
from organisations import policy as org_policy

from .models import Decider, DelegationRule, FundingApplication, FundingProgramme, Matter

# What each kind of decider must hold; the board's secretary records the board's decision.
DECIDER_PERMISSIONS = {
    Decider.OFFICER: org_policy.HANDLE_CASE,
    Decider.DELEGATE: org_policy.DECIDE_ON_DELEGATION,
    Decider.BOARD: org_policy.ACT_FOR_BOARD,
}

# The flow's decision nodes and the route each one completes.
DECISION_NODES = {
    "decide_as_officer": Decider.OFFICER,
    "decide_as_delegate": Decider.DELEGATE,
    "record_board_decision": Decider.BOARD,
}


@dataclass(frozen=True)
class Route:
    decider: Decider
    delegation_point: str = ""
    board_id: int | None = None  # the delegating board (for a delegated route)
    up_to_amount: Decimal | None = None  # the limit of the rule; None: no limit

    @property
    def label(self) -> str:
        return str(Decider(self.decider).label)

    @property
    def is_delegated(self) -> bool:
        return self.decider != Decider.BOARD


BOARD = Route(Decider.BOARD)


def route_for(programme: FundingProgramme, amount: Decimal) -> Route:
    """The first of the programme board's rules whose limit covers ``amount``; beyond every
    limit, or for a programme of matters of principle, the board decides. A rule of another
    board than the programme's is no delegation for it."""
    if programme.matter_of_principle:
        return BOARD
    for rule in programme.delegation_rules.all():
        if rule.board_id != programme.board_id or rule.matter != Matter.GRANT:
            continue
        if rule.up_to_amount is None or amount <= rule.up_to_amount:
            if rule.decider == Decider.BOARD:
                return BOARD
            return Route(
                Decider(rule.decider), rule.delegation_point, rule.board_id, rule.up_to_amount
            )
    return BOARD


def amount_to_decide(application: FundingApplication) -> Decimal:
    """The size of the matter: the amount applied for (not the assessor's proposal)."""
    return application.amount_applied or Decimal(0)


def route_of(application: FundingApplication) -> Route:
    if application.matter_of_principle:
        return BOARD
    return route_for(application.programme, amount_to_decide(application))


def size_of_matter(application: FundingApplication) -> str:
    """What puts the application on its route, in words: a matter of principle, or the amount
    applied for."""
    if application.matter_of_principle or application.programme.matter_of_principle:
        return _("a matter of principle")
    return _("%(amount)s applied for") % {"amount": sek(amount_to_decide(application))}


def node_of(route: Route) -> str:
    """The flow's decision node that completes ``route``."""
    return next(node for node, decider in DECISION_NODES.items() if decider == route.decider)


def holds_point(user, route: Route) -> bool:
    """Holds the route's point of the delegation order, from the board that gave it, today."""
    if not route.is_delegated or not route.delegation_point or route.board_id is None:
        return False
    return org_policy.holds_delegation(user, board_id=route.board_id, point=route.delegation_point)


def refusal(user, application: FundingApplication, node: str) -> str:
    """Why ``user`` may not take or do the decision task ``node`` of this application, in
    words for them; empty when they may."""
    if user.is_superuser:
        return _("An administrator administers the system and does not decide cases.")
    conflict = conflict_refusal(user, application)
    if conflict:
        return conflict
    route = route_of(application)
    if DECISION_NODES.get(node) != route.decider:
        return " ".join(
            (
                _("The delegation order does not give this task this case (%(route)s decides).")
                % {"route": route.label},
                _(
                    "An officer or coordinator sends the decision to its route from the "
                    "application's page “Who decides the application”."
                ),
            )
        )
    if route.decider == Decider.BOARD:
        if application.programme.board_id not in org_policy.roles_of(user).board_ids:
            return _("Only the secretary of %(board)s records its decisions.") % {
                "board": application.programme.board
            }
        return ""
    if not org_policy.has_role_permission(user, DECIDER_PERMISSIONS[route.decider]):
        return _("Only a %(role)s decides under this point.") % {"role": route.label.lower()}
    if not holds_point(user, route):
        return _("You do not hold point %(point)s of %(board)s's delegation order.") % {
            "point": route.delegation_point or "–",
            "board": application.programme.board,
        }
    return ""


def conflict_refusal(user, application: FundingApplication) -> str:
    """Why ``user`` has a conflict of interest in this case (FL 16 §), or empty."""
    if was_assessed_by(application, user):
        return _("You assessed this application; someone else decides it.")
    if org_policy.acts_for(user, application.organisation_id):
        return _(
            "You are a member of %(organisation)s, which applies: you are disqualified (jäv)."
        ) % {"organisation": application.organisation}
    if application.conflict_declarations.filter(person_id=user.pk, has_conflict=True).exists():
        return _("You have declared a conflict of interest (jäv) in this case.")
    return ""


def was_assessed_by(application: FundingApplication, user) -> bool:
    assessment = getattr(application, "assessment", None)
    return assessment is not None and assessment.assessor_id == user.pk


def points_for(
    application: FundingApplication, matter: Matter, amount: Decimal | None = None
) -> list[DelegationRule]:
    """The delegated points of the programme board's delegation order for ``matter`` whose
    limit covers ``amount`` (no amount: any limit)."""
    programme = application.programme
    return [
        rule
        for rule in programme.delegation_rules.all()
        if rule.matter == matter
        and rule.board_id == programme.board_id
        and rule.decider != Decider.BOARD
        and (amount is None or rule.up_to_amount is None or amount <= rule.up_to_amount)
    ]


def point_held(
    user, application: FundingApplication, matter: Matter, amount: Decimal | None = None
) -> DelegationRule | None:
    """The point for ``matter`` that ``user`` holds today, with the role it is given to."""
    for rule in points_for(application, matter, amount):
        route = Route(Decider(rule.decider), rule.delegation_point, rule.board_id)
        if org_policy.has_role_permission(user, DECIDER_PERMISSIONS[route.decider]) and holds_point(
            user, route
        ):
            return rule
    return None


def matter_refusal(
    user, application: FundingApplication, matter: Matter, amount: Decimal | None = None
) -> str:
    """Why ``user`` may not decide ``matter`` in this case, in words for them; empty if they
    may. Administrators never decide."""
    if user.is_superuser:
        return _("An administrator administers the system and does not decide cases.")
    board = application.programme.board
    kind = Matter(matter).label
    rules = points_for(application, matter, amount)
    if not rules:
        return _(
            "The delegation order of %(board)s delegates no “%(matter)s” here: the board decides."
        ) % {"board": board, "matter": kind}
    if point_held(user, application, matter, amount) is None:
        return _(
            "You do not hold the point of the delegation order of %(board)s for “%(matter)s” "
            "(point %(points)s)."
        ) % {
            "board": board,
            "matter": kind,
            "points": ", ".join(sorted({rule.delegation_point for rule in rules})),
        }
    return ""


def ensure_holds_point(
    user, application: FundingApplication, matter: Matter, amount: Decimal | None = None
) -> DelegationRule:
    """The point ``user`` decides ``matter`` under; refused (``ValidationError``) else."""
    refusal = matter_refusal(user, application, matter, amount)
    if refusal:
        raise ValidationError(refusal)
    return point_held(user, application, matter, amount)


def authority_of(rule: DelegationRule) -> str:
    """On what authority, as the decision and its letter say it (in Swedish, as the letter):
    "punkt 5.1 i fritidsnämndens delegationsordning"."""
    return f"punkt {rule.delegation_point} i {rule.board.name.lower()}s delegationsordning"
