"""IOP services: registration, access, and the de minimis ledger."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from partnerships import services
from partnerships.models import Party, Status
from tests import factories
from tests.partnerships import helpers
from workflows import ledger

pytestmark = pytest.mark.django_db


def test_a_proposal_gets_its_case_number_and_the_proposer_as_a_party(organisation):
    inquiry = factories.iop_inquiry(organisation)
    assert inquiry.case.case_number.startswith("SK-") and inquiry.status == Status.REGISTERED
    assert inquiry.parties.filter(organisation=organisation, side=Party.Side.IDEA_BASED).exists()
    assert inquiry.case.events.filter(action="iop_registered").exists()


def test_a_member_of_another_association_cannot_propose_for_it(organisation, outsider):
    with pytest.raises(PermissionDenied):
        factories.iop_inquiry(organisation, user=outsider)


def test_a_proposal_needs_a_public_party(organisation):
    with pytest.raises(ValidationError):
        factories.iop_inquiry(organisation, boards=[])


def test_an_assignment_needs_the_decision_reference(officer, organisation):
    board = factories.BoardFactory()
    with pytest.raises(ValidationError):
        services.inquiry_register_assignment(
            acting_user=officer,
            assignment_reference=" ",
            lead=organisation,
            title="Helamalmö",
            purpose="p",
            target_group="t",
            public_benefit_goal="g",
            parties=[
                services.PartyInput(board.administration, Party.Side.PUBLIC, board=board),
                services.PartyInput(organisation, Party.Side.IDEA_BASED),
            ],
        )


def test_only_an_officer_closes_an_inquiry_and_the_case_closes_with_it(organisation, member):
    inquiry = factories.iop_inquiry(organisation, user=member)
    with pytest.raises(PermissionDenied):
        services.inquiry_close(inquiry=inquiry, acting_user=member, reason="Nej")
    inquiry = services.inquiry_close(
        inquiry=inquiry, acting_user=factories.staff(), reason="Ej aktuellt"
    )
    inquiry.case.refresh_from_db()
    assert inquiry.status == Status.CLOSED and inquiry.case.closed_at is not None


def test_the_initiator_can_withdraw(organisation, member):
    inquiry = factories.iop_inquiry(organisation, user=member)
    inquiry = services.inquiry_withdraw(
        inquiry=inquiry, acting_user=member, reason="Vi drar tillbaka"
    )
    event = inquiry.case.events.get(action="status_changed")
    assert (event.from_state, event.to_state, event.actor) == ("registered", "withdrawn", member)


def test_the_de_minimis_ledger_adds_manual_aid_in_the_last_three_years(organisation, officer):
    helpers.euro_rate("10")
    for granted_on, amount in [(date(2026, 1, 10), 1_000_000), (date(2022, 1, 10), 9_000_000)]:
        services.aid_entry_record(
            organisation=organisation,
            acting_user=officer,
            granted_on=granted_on,
            amount_sek=Decimal(amount),
            granted_by="Annan kommun",
        )
    position = ledger.de_minimis_position(organisation, on=date(2026, 6, 1))
    assert position.total_eur == Decimal(100_000)
    assert position.ceiling_eur == Decimal(300_000)
    assert not position.exceeded
    sgei = ledger.de_minimis_position(organisation, on=date(2026, 6, 1), is_sgei=True)
    assert sgei.ceiling_eur == Decimal(750_000)


def test_money_cannot_be_paid_to_an_organisation_outside_the_inquiry(organisation, officer):
    """The form offers only the inquiry's idea-based parties; the service holds the same rule
    for anything that reaches it another way."""
    inquiry = factories.iop_inquiry(organisation, boards=[factories.BoardFactory()])
    services.screening_record(inquiry=inquiry, acting_user=officer, answers=helpers.SCREENING)
    services.legal_assessment_save(inquiry=inquiry, acting_user=officer, data=helpers.ASSESSMENT)
    services.investigation_conclude(inquiry=inquiry, acting_user=officer)
    public = inquiry.parties.get(side=Party.Side.PUBLIC)
    outsider = factories.OrganisationFactory()

    with pytest.raises(ValidationError):
        services.agreement_draft_save(
            inquiry=inquiry,
            acting_user=officer,
            data=helpers.AGREEMENT,
            contributions=[services.ContributionInput(public, "money", "Bidrag", 1000, outsider)],
        )
    assert not inquiry.agreement_versions.exists()
