"""The law of delegation and conflict of interest in the decision service (docs/legal.md,
"Delegation, the route of a matter and conflict of interest"): every refusal has its test."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import override

from casework.models import AuditEvent
from funding import delegation, services
from funding.actions import FundingAction
from funding.models import ConflictDeclaration, Decider, DelegationRule, Status
from funding.services import SubmissionRefused
from organisations.models import DelegationHolding, EligibilityEvidence, Role
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def complete(draft, member, officer):
    submitted = services.application_submit(application=draft, acting_user=member)
    return services.application_mark_complete(application=submitted, acting_user=officer)


def _assess(application, assessor, amount, outcome="approved", **extra):
    criterion = application.programme.criteria.get()
    return services.assessment_record(
        application=application,
        acting_user=assessor,
        no_conflict_of_interest=True,
        proposed_outcome=outcome,
        proposed_amount=Decimal(amount),
        summary="Bedömt.",
        scores={criterion.pk: (3, "")},
        **extra,
    )


def _decide(application, user, amount, outcome="approved", task=None, **extra):
    values = {
        "no_conflict_of_interest": True,
        "outcome": outcome,
        "amount_granted": Decimal(amount),
        "reasons": "Skäl.",
        **extra,
    }
    return services.decision_record(application=application, acting_user=user, task=task, **values)


def _applied(application, amount):
    """The amount applied for, as the organisation left it (the test's starting point)."""
    type(application).objects.filter(pk=application.pk).update(amount_applied=Decimal(amount))
    application.refresh_from_db()
    return application


# The route follows the matter -------------------------------------------------------------


def test_the_size_of_the_matter_is_the_amount_applied_for_not_the_proposal(complete, officer):
    _applied(complete, "80000")
    _assess(complete, officer, "15000")  # a proposal within an officer's limit
    complete.refresh_from_db()
    assert delegation.amount_to_decide(complete) == Decimal("80000")
    assert delegation.route_of(complete).decider == Decider.BOARD


def test_the_officer_task_cannot_decide_a_matter_above_the_officers_limit(complete, officer):
    _applied(complete, "80000")
    _assess(complete, officer, "15000")
    holder = factories.delegate(complete.programme, Role.OFFICER)
    with pytest.raises(ValidationError) as refused, override("sv"):
        _decide(complete, holder, "15000", task="decide_as_officer")
    assert "80 000 kr" in " ".join(refused.value.messages)
    complete.refresh_from_db()
    assert complete.status == Status.AWAITING_DECISION
    assert not hasattr(complete, "decision")


def test_a_rejection_follows_the_same_route_as_a_grant(complete, officer):
    _applied(complete, "80000")
    _assess(complete, officer, "0", outcome="rejected")
    delegate = factories.delegate(complete.programme)
    with pytest.raises(ValidationError):
        _decide(complete, delegate, "0", outcome="rejected", task="decide_as_delegate")
    secretary = factories.staff(Role.BOARD_SECRETARY, board=complete.programme.board)
    decision = _decide(
        complete,
        secretary,
        "0",
        outcome="rejected",
        task="record_board_decision",
        meeting_date=timezone.localdate(),
        protocol_paragraph="§ 7",
    )
    assert decision.authority == Decider.BOARD


def test_the_amount_granted_never_exceeds_the_delegations_limit(complete, officer):
    _assess(complete, officer, "30000")
    rule = complete.programme.delegation_rules.get(decider=Decider.DELEGATE)
    delegate = factories.delegate(complete.programme)
    _applied(complete, "30000")
    DelegationRule.objects.filter(pk=rule.pk).update(up_to_amount=Decimal("30000"))
    with pytest.raises(ValidationError) as refused:
        _decide(complete, delegate, "30000.50", task="decide_as_delegate")
    assert "amount_granted" in refused.value.message_dict


# Bound to the board and the point ----------------------------------------------------------


def test_only_a_person_who_holds_the_point_decides(complete, officer):
    _assess(complete, officer, "30000")
    with pytest.raises(PermissionDenied):
        _decide(complete, factories.staff(Role.DELEGATE), "30000")
    decision = _decide(complete, factories.delegate(complete.programme), "30000")
    assert (decision.authority, decision.delegation_point) == (Decider.DELEGATE, "4.2")
    assert decision.delegating_board == complete.programme.board


def test_a_point_held_from_another_board_gives_no_right_to_decide(complete, officer):
    _assess(complete, officer, "30000")
    delegate = factories.staff(Role.DELEGATE)
    DelegationHolding.objects.create(user=delegate, board=factories.BoardFactory(), point="4.2")
    with pytest.raises(PermissionDenied):
        _decide(complete, delegate, "30000")


def test_a_delegation_that_has_ended_gives_no_right_to_decide(complete, officer):
    _assess(complete, officer, "30000")
    delegate = factories.delegate(complete.programme)
    DelegationHolding.objects.filter(user=delegate).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(PermissionDenied):
        _decide(complete, delegate, "30000")


def test_a_rule_belongs_to_the_programmes_board(programme):
    rule = DelegationRule(
        programme=programme,
        board=factories.BoardFactory(),
        up_to_amount=Decimal("10000"),
        decider=Decider.OFFICER,
        delegation_point="9.9",
    )
    with pytest.raises(ValidationError) as refused:
        rule.full_clean()
    assert "board" in refused.value.message_dict
    rule = DelegationRule(programme=programme, up_to_amount=1, decider=Decider.OFFICER)
    with pytest.raises(ValidationError) as refused:
        rule.full_clean()
    assert "delegation_point" in refused.value.message_dict


def test_a_rule_of_another_board_is_no_delegation_for_the_programme(programme):
    officer_rule = programme.delegation_rules.get(decider=Decider.OFFICER, matter="grant")
    DelegationRule.objects.filter(pk=officer_rule.pk).update(board=factories.BoardFactory())
    assert delegation.route_for(programme, Decimal("10000")).decider == Decider.DELEGATE


def test_an_administrator_administers_and_never_decides(complete, officer):
    _applied(complete, "10000")
    _assess(complete, officer, "10000")
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    with pytest.raises(PermissionDenied):
        _decide(complete, admin, "10000")
    # not even an administrator who also holds the officer's point
    factories.delegate(complete.programme, Role.OFFICER, user=admin)
    with pytest.raises(PermissionDenied):
        _decide(complete, admin, "10000")


# Matters of principle ----------------------------------------------------------------------


def test_a_programme_of_matters_of_principle_sends_every_application_to_the_board(programme):
    programme.matter_of_principle = True
    programme.save()
    assert delegation.route_for(programme, Decimal("1000")).decider == Decider.BOARD


def test_a_matter_of_principle_flagged_at_assessment_goes_to_the_board(complete, officer):
    _applied(complete, "10000")
    _assess(complete, officer, "10000", matter_of_principle=True)
    complete.refresh_from_db()
    assert complete.matter_of_principle
    assert delegation.route_of(complete).decider == Decider.BOARD
    assert AuditEvent.objects.filter(action=FundingAction.MATTER_OF_PRINCIPLE).exists()
    with pytest.raises(ValidationError):
        _decide(
            complete,
            factories.delegate(complete.programme, Role.OFFICER),
            "10000",
            task="decide_as_officer",
        )


# Programme rules at every step -------------------------------------------------------------


def test_a_resubmission_raised_above_the_maximum_is_refused(draft, officer, member):
    submitted = services.application_submit(application=draft, acting_user=member)
    services.application_request_supplement(
        application=submitted,
        acting_user=officer,
        message="Bifoga budget.",
        due_on=timezone.localdate() + timedelta(days=7),
    )
    application = services.application_update(
        application=submitted, acting_user=member, amount_applied=Decimal("5000000")
    )
    with pytest.raises(SubmissionRefused) as refused, override("sv"):
        services.application_resubmit(application=application, acting_user=member, answer="Klart.")
    assert "100 000 kr" in " ".join(refused.value.messages)
    application.refresh_from_db()
    assert application.status == Status.SUPPLEMENT_REQUESTED


def test_the_decision_checks_the_programmes_maximum_again(complete, officer, programme):
    _assess(complete, officer, "30000")
    programme.max_amount = Decimal("25000")
    programme.save()
    with pytest.raises(ValidationError) as refused:
        _decide(complete, factories.delegate(programme), "30000")
    assert "25" in " ".join(refused.value.messages)


def test_the_decision_checks_eligibility_again(complete, officer):
    _assess(complete, officer, "30000")
    EligibilityEvidence.objects.filter(
        organisation=complete.organisation, kind=EligibilityEvidence.Kind.STATUTES
    ).update(expires_on=timezone.localdate() - timedelta(days=1))
    with pytest.raises(ValidationError):
        _decide(complete, factories.delegate(complete.programme), "30000")


def test_the_decision_checks_the_application_was_sent_within_the_period(complete, officer):
    _assess(complete, officer, "30000")
    programme = complete.programme
    programme.opens_on = timezone.localdate() + timedelta(days=1)
    programme.closes_on = timezone.localdate() + timedelta(days=10)
    programme.save()
    with pytest.raises(ValidationError):
        _decide(complete, factories.delegate(programme), "30000")


def test_a_grant_never_exceeds_the_amount_applied(complete, officer):
    _assess(complete, officer, "30000")
    with pytest.raises(ValidationError) as refused:
        _decide(complete, factories.delegate(complete.programme), "30001")
    assert "amount_granted" in refused.value.message_dict


# Conflict of interest ----------------------------------------------------------------------


def test_the_decider_declares_on_conflict_of_interest(complete, officer):
    _assess(complete, officer, "30000")
    delegate = factories.delegate(complete.programme)
    with pytest.raises(ValidationError) as refused:
        _decide(complete, delegate, "30000", no_conflict_of_interest=False)
    assert "no_conflict_of_interest" in refused.value.message_dict
    _decide(complete, delegate, "30000")
    declared = ConflictDeclaration.objects.filter(application=complete)
    assert {(d.person_id, d.task, d.has_conflict) for d in declared} == {
        (officer.pk, "assess", False),
        (delegate.pk, "decide_as_delegate", False),
    }
    actions = AuditEvent.objects.filter(action=FundingAction.NO_CONFLICT_DECLARED)
    assert {event.actor_id for event in actions} == {officer.pk, delegate.pk}


def test_the_board_secretary_declares_too(complete, officer):
    _applied(complete, "80000")
    _assess(complete, officer, "80000")
    secretary = factories.staff(Role.BOARD_SECRETARY, board=complete.programme.board)
    board = {"meeting_date": timezone.localdate(), "protocol_paragraph": "§ 3"}
    with pytest.raises(ValidationError):
        _decide(complete, secretary, "80000", no_conflict_of_interest=False, **board)
    _decide(complete, secretary, "80000", **board)
    assert ConflictDeclaration.objects.filter(person=secretary, has_conflict=False).exists()


def test_a_member_of_the_applying_organisation_neither_assesses_nor_decides(complete, officer):
    insider = factories.delegate(complete.programme)
    factories.MembershipFactory(user=insider, organisation=complete.organisation)
    with pytest.raises(PermissionDenied):
        _assess(complete, insider, "30000")
    _assess(complete, officer, "30000")
    with pytest.raises(PermissionDenied):
        _decide(complete, insider, "30000")


def test_a_declared_conflict_keeps_the_person_from_the_decision(complete, officer):
    _assess(complete, officer, "30000")
    delegate = factories.delegate(complete.programme)
    services.conflict_declare(
        application=complete, acting_user=delegate, task="decide_as_delegate", reason="Min bror."
    )
    event = AuditEvent.objects.get(action=FundingAction.CONFLICT_DECLARED)
    assert (event.actor, event.reason) == (delegate, "Min bror.")
    with pytest.raises(PermissionDenied):
        _decide(complete, delegate, "30000")


def test_a_conflict_is_declared_with_its_reason(complete):
    with pytest.raises(ValidationError):
        services.conflict_declare(
            application=complete, acting_user=factories.staff(), task="assess", reason=" "
        )
