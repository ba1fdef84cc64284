"""The city's actions on a submitted application, from completeness check to report-back."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import events, transitions
from casework import selectors as case_selectors
from casework import services as case_services
from casework.actions import CaseAction
from casework.models import Deadline
from notifications.models import Kind
from notifications.services import notify

from .. import delegation, eligibility, letters, policy
from ..actions import FundingAction
from ..models import (
    Assessment,
    ConflictDeclaration,
    CriterionScore,
    Decider,
    Decision,
    FundingApplication,
    FundingProgramme,
    Status,
    SupplementRequest,
)
from ..models.handling import Outcome
from .applying import _locked
from .reporting import payout_record, report_back_review, report_back_submit
from .reporting_to_board import meeting_of

__all__ = ["payout_record", "report_back_review", "report_back_submit"]

# How far ahead an officer may set a supplement's deadline (later dates are typing errors).
SUPPLEMENT_DAYS_AT_MOST = 365


@transaction.atomic
def application_request_supplement(
    *, application: FundingApplication, acting_user, message: str, due_on
) -> SupplementRequest:
    """Ask the organisation to complete the application by ``due_on``."""
    policy.ensure_handles_cases(acting_user)
    application = _locked(application)
    if due_on <= timezone.localdate():
        raise ValidationError({"due_on": _("Give the organisation at least until tomorrow.")})
    if due_on > timezone.localdate() + timedelta(days=SUPPLEMENT_DAYS_AT_MOST):
        raise ValidationError({"due_on": _("Give a date within a year.")})
    request = SupplementRequest(
        application=application, message=message.strip(), due_on=due_on, requested_by=acting_user
    )
    request.full_clean()
    deadline = case_services.deadline_set(
        case=application.case,
        kind=Deadline.Kind.SUPPLEMENT,
        audience=Deadline.Audience.ORGANISATION,
        due_on=due_on,
        acting_user=acting_user,
        description=request.message[:300],
    )
    request.deadline_id = deadline.pk
    request.save()
    transitions.apply(
        application.request_supplement,
        acting_user=acting_user,
        action=FundingAction.SUPPLEMENT_REQUESTED,
        reason=request.message,
        data={"due_on": due_on.isoformat()},
    )
    return request


@transaction.atomic
def application_mark_complete(
    *, application: FundingApplication, acting_user
) -> FundingApplication:
    policy.ensure_handles_cases(acting_user)
    application = _locked(application)
    transitions.apply(
        application.mark_complete,
        acting_user=acting_user,
        action=FundingAction.APPLICATION_COMPLETE,
    )
    return application


@transaction.atomic
def application_supplement_overdue(*, application: FundingApplication) -> FundingApplication:
    """No supplement came by its deadline: the application goes on to assessment on what is
    there, and the officer who asked is told. Done by the workflow's timer, not by a person."""
    application = _locked(application)
    request = application.supplement_requests.filter(answered_at__isnull=True).last()
    transitions.apply(
        application.mark_complete,
        acting_user=None,
        action=FundingAction.SUPPLEMENT_OVERDUE,
        data={"supplement_request_id": request.pk if request else None},
    )
    notify(
        recipients=[request.requested_by] if request else [],
        kind=Kind.DEADLINE_WARNING,
        title=_("No supplement came by the deadline for %(case)s: assess it on what is there")
        % {"case": application.case.case_number},
        url=reverse("funding:application_detail", kwargs={"pk": application.pk}),
    )
    return application


def _check_assessment(application, outcome: str, amount: Decimal) -> None:
    if amount < 0:
        raise ValidationError({"proposed_amount": _("An amount is never negative.")})
    if outcome == Outcome.REJECTED and amount:
        raise ValidationError({"proposed_amount": _("A rejection proposes 0 kr.")})
    if outcome != Outcome.REJECTED and not amount:
        raise ValidationError({"proposed_amount": _("Propose the amount to grant.")})
    if amount > (application.amount_applied or 0):
        raise ValidationError(
            {"proposed_amount": _("The proposal cannot exceed the amount applied for.")}
        )


@transaction.atomic
def assessment_record(
    *,
    application: FundingApplication,
    acting_user,
    no_conflict_of_interest: bool,
    proposed_outcome: str,
    proposed_amount: Decimal,
    summary: str,
    scores: dict,
    matter_of_principle: bool = False,
) -> Assessment:
    """Score the application per criterion and propose a decision; the assessor is recorded,
    with their declaration on conflict of interest. A matter of principle (kommunallagen
    6 kap. 38 §) flagged here goes to the board, whatever its amount."""
    policy.ensure_handles_cases(acting_user)
    application = _locked(application)
    conflict = delegation.conflict_refusal(acting_user, application)
    if conflict:
        raise PermissionDenied(conflict)
    _check_assessment(application, proposed_outcome, proposed_amount)
    _declare(application, acting_user, "assess", no_conflict_of_interest, "no_conflict_of_interest")
    if matter_of_principle and not application.matter_of_principle:
        application.matter_of_principle = True
        application.save(update_fields=["matter_of_principle"])
        events.record(
            application.case,
            acting_user,
            FundingAction.MATTER_OF_PRINCIPLE,
            data={"application_id": application.pk},
        )
    criteria = list(application.programme.criteria.all())
    if {c.pk for c in criteria} != set(scores):
        raise ValidationError(_("Score every criterion of the programme."))
    assessment = Assessment.objects.create(
        application=application,
        assessor=acting_user,
        no_conflict_of_interest=True,
        proposed_outcome=proposed_outcome,
        proposed_amount=proposed_amount,
        summary=summary.strip(),
    )
    for criterion in criteria:
        score, comment = scores[criterion.pk]
        row = CriterionScore(
            assessment=assessment, criterion=criterion, score=score, comment=comment
        )
        row.full_clean()
        row.save()
    transitions.apply(
        application.record_assessment,
        acting_user=acting_user,
        action=FundingAction.ASSESSED,
        data={
            "scores": {str(pk): value[0] for pk, value in scores.items()},
            "weighted": str(assessment.weighted_score),
            "proposed_outcome": proposed_outcome,
            "proposed_amount": str(proposed_amount),
            "no_conflict_of_interest": True,
        },
    )
    return assessment


def _reserve_budget(programme_id: int, amount: Decimal) -> None:
    # The row lock serialises decisions on one programme: two grants landing at once are
    # checked one after the other against what is really left.
    programme = FundingProgramme.objects.select_for_update().get(pk=programme_id)
    if amount > programme.budget_remaining:
        raise ValidationError(
            {
                "amount_granted": _("Only %(left)s kr is left of the programme's budget.")
                % {"left": programme.budget_remaining}
            }
        )
    programme.budget_remaining -= amount
    programme.save(update_fields=["budget_remaining"])


def _refuse_if_outside_the_route(application, acting_user, task: str | None) -> None:
    """The task must be the route's, and the person must be allowed to complete it."""
    route = delegation.route_of(application)
    task = task or delegation.node_of(route)
    reason = delegation.refusal(acting_user, application, task)
    if not reason:
        return
    if delegation.conflict_refusal(acting_user, application) or acting_user.is_superuser:
        raise PermissionDenied(reason)
    if delegation.DECISION_NODES.get(task) != route.decider:
        raise ValidationError(
            _(
                "This matter is of %(amount)s kr applied for: under the delegation order "
                "%(route)s decides it, not this task. The assessor's proposal does not "
                "change the size of the matter."
            )
            % {"amount": _kr(delegation.amount_to_decide(application)), "route": route.label}
        )
    raise PermissionDenied(reason)


def _kr(amount) -> str:
    return f"{amount:,.0f}".replace(",", " ")


def _check_decision(application, acting_user, outcome, amount, task) -> None:
    if application.status != Status.AWAITING_DECISION:
        raise ValidationError(_("The application is not waiting for a decision."))
    _refuse_if_outside_the_route(application, acting_user, task)
    problems = eligibility.standing_problems(application)
    if problems:
        raise ValidationError([problem.message for problem in problems])
    if outcome == Outcome.REJECTED and amount:
        raise ValidationError({"amount_granted": _("A rejection grants 0 kr.")})
    if outcome != Outcome.REJECTED and not 0 < amount <= application.amount_applied:
        raise ValidationError(
            {"amount_granted": _("Grant more than 0 kr and at most the amount applied for.")}
        )
    if amount > application.programme.max_amount:
        raise ValidationError(
            {
                "amount_granted": _("The programme grants at most %(max)s kr.")
                % {"max": _kr(application.programme.max_amount)}
            }
        )
    route = delegation.route_of(application)
    if route.up_to_amount is not None and amount > route.up_to_amount:
        raise ValidationError(
            {
                "amount_granted": _("This delegation covers at most %(limit)s kr.")
                % {"limit": _kr(route.up_to_amount)}
            }
        )


def _declare(application, acting_user, task: str, no_conflict: bool, field: str) -> None:
    """Record the declaration on conflict of interest (FL 16–18 §§) made on a task's form;
    without one the task is refused."""
    if not no_conflict:
        raise ValidationError(
            {
                field: _(
                    "Declare that you have no conflict of interest (jäv), or pass the task "
                    "to a colleague giving the conflict as the reason."
                )
            }
        )
    ConflictDeclaration.objects.create(
        application=application, person=acting_user, task=task, has_conflict=False
    )
    events.record(
        application,
        acting_user,
        FundingAction.NO_CONFLICT_DECLARED,
        data={"task": task, "application_id": application.pk},
    )


@transaction.atomic
def decision_record(
    *,
    application: FundingApplication,
    acting_user,
    no_conflict_of_interest: bool,
    outcome: str,
    amount_granted: Decimal,
    reasons: str,
    meeting_date=None,
    protocol_paragraph: str = "",
    task: str | None = None,
) -> Decision:
    """Decide under the delegation order (or record the board's decision), with reasons.

    ``task`` is the flow's decision node being completed (``decide_as_officer``,
    ``decide_as_delegate``, ``record_board_decision``); it must be the route of the matter,
    which the amount applied for sets (``delegation.route_of``), whatever was proposed.
    """
    application = _locked(application)
    _check_decision(application, acting_user, outcome, amount_granted, task)
    route = delegation.route_of(application)
    _declare(
        application,
        acting_user,
        task or delegation.node_of(route),
        no_conflict_of_interest,
        "no_conflict_of_interest",
    )
    if route.decider == Decider.BOARD and not (meeting_date and protocol_paragraph):
        raise ValidationError(_("Give the board meeting's date and the protocol paragraph."))
    if outcome != Outcome.REJECTED:
        _reserve_budget(application.programme_id, amount_granted)
    decision = Decision(
        application=application,
        outcome=outcome,
        amount_granted=amount_granted,
        reasons=reasons.strip(),
        authority=route.decider,
        delegation_point=route.delegation_point,
        delegating_board_id=route.board_id,
        decided_by=acting_user,
        meeting_date=meeting_date,
        protocol_paragraph=protocol_paragraph,
        # A board decision names its meeting, whose protocol starts the time to appeal.
        meeting=meeting_of(application.programme.board, meeting_date)
        if route.decider == Decider.BOARD
        else None,
    )
    decision.full_clean()
    decision.save()
    transitions.apply(
        application.reject if outcome == Outcome.REJECTED else application.grant,
        acting_user=acting_user,
        action=CaseAction.DECIDED,
        reason=decision.reasons,
        data={
            "outcome": outcome,
            "amount_granted": str(amount_granted),
            "amount_applied": str(application.amount_applied),
            "authority": route.decider,
            "delegation_point": route.delegation_point,
            "delegating_board_id": route.board_id,
        },
    )
    case_services.case_mark_decided(case=application.case, acting_user=acting_user)
    _tell_the_organisation(application)
    decision_id = decision.pk
    transaction.on_commit(lambda: letters.request_decision_letter(decision_id))
    return decision


@transaction.atomic
def conflict_declare(
    *, application: FundingApplication, acting_user, task: str, reason: str
) -> ConflictDeclaration:
    """``acting_user`` declares a conflict of interest (jäv, FL 16–18 §§) in this case, with
    the reason: from now on they can neither take nor do its assessment or decision."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say what the conflict of interest is.")})
    declaration = ConflictDeclaration.objects.create(
        application=application, person=acting_user, task=task, has_conflict=True, reason=reason
    )
    events.record(
        application,
        acting_user,
        FundingAction.CONFLICT_DECLARED,
        reason=reason,
        data={"task": task, "application_id": application.pk},
    )
    return declaration


def _tell_the_organisation(application: FundingApplication) -> None:
    notify(
        recipients=case_selectors.case_members(application.case),
        kind=Kind.DECISION,
        title=_("A decision has been made on your application %(case)s")
        % {"case": application.case.case_number},
        url=reverse("funding:application_detail", kwargs={"pk": application.pk}),
    )
