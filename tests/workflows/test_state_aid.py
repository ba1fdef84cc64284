"""The procurement and state-aid answers bind the IOP: a procurement stops the inquiry unless a
decision-maker overrides it with reasons, state aid needs a lawful route, and de minimis aid is
counted as Regulation (EU) 2023/2831 counts it."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from organisations.models import Role
from partnerships import selectors, services, state_aid
from partnerships.models import IOPInquiry, Party, Status
from tests import factories
from tests.casework.test_clocks import at
from tests.partnerships.helpers import AGREEMENT, ASSESSMENT, SCREENING, euro_rate
from workflows import ledger

pytestmark = pytest.mark.django_db

PROCUREMENT = {**ASSESSMENT, "counter_performance": True, "direct_economic_interest": True}
STATE_AID = {
    **ASSESSMENT,
    **dict.fromkeys(("advantage", "selectivity", "distorts_competition", "affects_trade"), True),
}
DE_MINIMIS = {**STATE_AID, "state_aid_route": "de_minimis"}


def _investigating(organisation, officer) -> IOPInquiry:
    inquiry = factories.iop_inquiry(organisation)
    services.screening_record(inquiry=inquiry, acting_user=officer, answers=SCREENING)
    return inquiry


def _drafted(organisation, officer, *contributions, assessment=DE_MINIMIS, **period):
    """An inquiry in co-creation whose latest version has ``contributions`` of its public
    party: (kind, amount a year, recipient or None)."""
    inquiry = _investigating(organisation, officer)
    services.legal_assessment_save(inquiry=inquiry, acting_user=officer, data=assessment)
    services.investigation_conclude(inquiry=inquiry, acting_user=officer)
    public = inquiry.parties.get(side=Party.Side.PUBLIC)
    services.agreement_draft_save(
        inquiry=inquiry,
        acting_user=officer,
        data={**AGREEMENT, **period},
        contributions=[
            services.ContributionInput(public, kind, "Insats", Decimal(amount), recipient)
            for kind, amount, recipient in contributions
        ],
    )
    inquiry.refresh_from_db()
    return inquiry


def _declare(inquiry, organisation, member, *aids):
    return services.de_minimis_declaration_submit(
        inquiry=inquiry, organisation=organisation, acting_user=member, aids=list(aids)
    )


def _aid(organisation, officer, granted_on, amount_sek):
    services.aid_entry_record(
        organisation=organisation,
        acting_user=officer,
        granted_on=granted_on,
        amount_sek=Decimal(amount_sek),
        granted_by="Region Skåne",
    )


# Procurement ---------------------------------------------------------------------------------


def test_an_inquiry_whose_answers_say_procurement_cannot_go_on_as_an_iop(organisation, officer):
    inquiry = _investigating(organisation, officer)
    services.legal_assessment_save(inquiry=inquiry, acting_user=officer, data=PROCUREMENT)
    with pytest.raises(ValidationError) as refused:
        services.investigation_conclude(inquiry=inquiry, acting_user=officer)
    assert (
        "det är en upphandling (LOU), inte ett IOP" in refused.value.message_dict["conclusion"][0]
    )
    inquiry.refresh_from_db()
    assert inquiry.status == Status.INVESTIGATION


def test_a_procurement_answer_may_close_the_inquiry_as_procurement(organisation, officer):
    inquiry = _investigating(organisation, officer)
    data = {**PROCUREMENT, "conclusion": "procurement", "conclusion_reasoning": "Upphandlas."}
    services.legal_assessment_save(inquiry=inquiry, acting_user=officer, data=data)
    services.investigation_conclude(inquiry=inquiry, acting_user=officer)
    inquiry.refresh_from_db()
    assert inquiry.status == Status.CLOSED


def test_only_a_decision_maker_overrides_the_procurement_answers_with_reasons(
    organisation, officer
):
    inquiry = _investigating(organisation, officer)
    services.legal_assessment_save(inquiry=inquiry, acting_user=officer, data=PROCUREMENT)
    with pytest.raises(PermissionDenied):
        services.procurement_override_record(inquiry=inquiry, acting_user=officer, reasons="Ok.")
    decision_maker = factories.staff(Role.DELEGATE)
    with pytest.raises(ValidationError) as refused:
        services.procurement_override_record(
            inquiry=inquiry, acting_user=decision_maker, reasons=" "
        )
    assert "reasons" in refused.value.message_dict
    with at("2026-02-03 10:00"):
        assessment = services.procurement_override_record(
            inquiry=inquiry,
            acting_user=decision_maker,
            reasons="Ersättningen täcker bara kostnader; ingen marknad finns för verksamheten.",
        )
    assert assessment.procurement_override_by == decision_maker
    assert assessment.procurement_override_at.date() == date(2026, 2, 3)
    event = inquiry.case.events.get(action="procurement_overridden")
    assert event.actor == decision_maker and "ingen marknad" in event.reason
    services.investigation_conclude(inquiry=inquiry, acting_user=officer)
    inquiry.refresh_from_db()
    assert inquiry.status == Status.CO_CREATION


def test_answers_that_do_not_say_procurement_are_not_overridden(organisation, officer):
    inquiry = _investigating(organisation, officer)
    services.legal_assessment_save(inquiry=inquiry, acting_user=officer, data=ASSESSMENT)
    with pytest.raises(ValidationError):
        services.procurement_override_record(
            inquiry=inquiry, acting_user=factories.staff(Role.DELEGATE), reasons="Ok."
        )


# State aid: a lawful route ---------------------------------------------------------------------


def test_state_aid_needs_a_lawful_route_before_going_on(organisation, officer):
    inquiry = _investigating(organisation, officer)
    services.legal_assessment_save(inquiry=inquiry, acting_user=officer, data=STATE_AID)
    with pytest.raises(ValidationError) as refused:
        services.investigation_conclude(inquiry=inquiry, acting_user=officer)
    assert "state_aid_route" in refused.value.message_dict
    gber = {**STATE_AID, "state_aid_route": "gber"}
    services.legal_assessment_save(inquiry=inquiry, acting_user=officer, data=gber)
    with pytest.raises(ValidationError) as refused:
        services.investigation_conclude(inquiry=inquiry, acting_user=officer)
    assert "state_aid_route_basis" in refused.value.message_dict
    services.legal_assessment_save(inquiry=inquiry, acting_user=officer, data=DE_MINIMIS)
    services.investigation_conclude(inquiry=inquiry, acting_user=officer)
    inquiry.refresh_from_db()
    assert inquiry.status == Status.CO_CREATION


# De minimis: counted as the regulation counts it ------------------------------------------------


def test_the_ceiling_exceeded_with_the_proposed_aid_is_refused(organisation, officer, member):
    euro_rate("10")
    _aid(organisation, officer, date(2025, 6, 1), 2_000_000)  # EUR 200,000
    # 400 000 kr a year for three years (1 096 days): EUR 120,110 more passes EUR 300,000.
    inquiry = _drafted(organisation, officer, ("money", 400_000, organisation))
    _declare(inquiry, organisation, member)
    version = selectors.latest_version(inquiry)
    with pytest.raises(ValidationError) as refused:
        ledger.ensure_within_ceiling(inquiry=inquiry, version=version, on=date(2026, 1, 5))
    assert "Taket för stöd av mindre betydelse skulle överskridas" in refused.value.messages[0]
    assert "det föreslagna stödet är 120\u00a0110 euro" in refused.value.messages[0]
    # Without the proposed aid the organisation is under the ceiling: the proposal decides.
    assert not ledger.de_minimis_position(organisation, on=date(2026, 1, 5)).exceeded


def test_aid_under_the_ceiling_with_the_proposed_aid_passes(organisation, officer, member):
    euro_rate("10")
    _aid(organisation, officer, date(2025, 6, 1), 1_000_000)
    inquiry = _drafted(organisation, officer, ("money", 400_000, organisation))
    _declare(inquiry, organisation, member)
    version = selectors.latest_version(inquiry)
    ledger.ensure_within_ceiling(inquiry=inquiry, version=version, on=date(2026, 1, 5))


def test_the_organisation_declares_its_other_aid_before_the_check(organisation, officer, member):
    euro_rate("10")
    inquiry = _drafted(organisation, officer, ("money", 100_000, organisation))
    version = selectors.latest_version(inquiry)
    with pytest.raises(ValidationError, match="har inte lämnat uppgift"):
        ledger.ensure_within_ceiling(inquiry=inquiry, version=version, on=date(2026, 1, 5))
    # Declared in euro: EUR 280,000 from another member state's authority.
    _declare(
        inquiry,
        organisation,
        member,
        services.DeclaredAidInput("Kommune i Danmark", date(2025, 3, 1), Decimal(280_000), "EUR"),
    )
    with pytest.raises(ValidationError, match="skulle överskridas"):
        ledger.ensure_within_ceiling(inquiry=inquiry, version=version, on=date(2026, 1, 5))
    event = inquiry.case.events.get(action="de_minimis_declared")
    assert event.actor == member


def test_in_kind_aid_counts_at_its_value(organisation, officer, member):
    euro_rate("10")
    # Free premises worth 100 000 kr a year, given to the partnership's one idea-based party.
    inquiry = _drafted(organisation, officer, ("premises", 100_000, None))
    version = selectors.latest_version(inquiry)
    position = ledger.de_minimis_position(organisation, on=date(2026, 1, 5), proposed=version)
    (row,) = position.rows
    assert row.proposed and row.amount_sek == Decimal("300273.97")  # 1 096 days
    assert position.total_eur == Decimal("30027.40")


def test_the_proposed_aid_counts_in_full_on_the_day_of_the_check(organisation, officer):
    euro_rate("10")
    inquiry = _drafted(organisation, officer, ("money", 365_000, organisation))
    position = ledger.de_minimis_position(
        organisation, on=date(2026, 1, 5), proposed=selectors.latest_version(inquiry)
    )
    (row,) = position.rows
    assert (row.on, row.amount_sek) == (date(2026, 1, 5), Decimal(1_096_000))


def test_the_three_year_window_rolls_with_the_day_of_the_check(organisation, officer):
    euro_rate("10")
    _aid(organisation, officer, date(2023, 1, 5), 1_000_000)
    assert ledger.de_minimis_position(organisation, on=date(2026, 1, 4)).total_eur == 100_000
    assert ledger.de_minimis_position(organisation, on=date(2026, 1, 5)).total_eur == 0


def test_each_aid_converts_at_the_rate_of_the_day_it_was_granted(organisation, officer):
    euro_rate("11", date(2025, 1, 1), date(2025, 12, 31))
    euro_rate("10", date(2026, 1, 1), date(2026, 12, 31))
    _aid(organisation, officer, date(2025, 6, 1), 110_000)
    _aid(organisation, officer, date(2026, 2, 1), 100_000)
    position = ledger.de_minimis_position(organisation, on=date(2026, 6, 1))
    assert [row.amount_eur for row in position.rows] == [Decimal(10_000), Decimal(10_000)]
    assert position.total_eur == Decimal(20_000)


def test_a_missing_rate_is_a_clear_error_never_a_guess(organisation, officer, member):
    euro_rate("10", date(2025, 1, 1), date(2025, 12, 31))
    inquiry = _drafted(organisation, officer, ("money", 100_000, organisation))
    _declare(inquiry, organisation, member)
    position = ledger.de_minimis_position(
        organisation, on=date(2026, 1, 5), proposed=selectors.latest_version(inquiry)
    )
    assert position.missing_rates == [date(2026, 1, 5)]
    with pytest.raises(state_aid.MissingRate, match="2026-01-05"):
        ledger.ensure_within_ceiling(
            inquiry=inquiry, version=selectors.latest_version(inquiry), on=date(2026, 1, 5)
        )


def test_the_sgei_route_counts_against_the_sgei_ceiling(organisation, officer, member):
    euro_rate("10")
    _aid(organisation, officer, date(2025, 6, 1), 2_000_000)
    sgei = {**STATE_AID, "state_aid_route": "sgei_de_minimis", "is_sgei": True}
    inquiry = _drafted(organisation, officer, ("money", 400_000, organisation), assessment=sgei)
    _declare(inquiry, organisation, member)
    version = selectors.latest_version(inquiry)
    ledger.ensure_within_ceiling(inquiry=inquiry, version=version, on=date(2026, 1, 5))


def test_aid_under_another_lawful_route_is_not_checked_against_de_minimis(organisation, officer):
    euro_rate("10")
    _aid(organisation, officer, date(2025, 6, 1), 2_900_000)
    gber = {**STATE_AID, "state_aid_route": "gber", "state_aid_route_basis": "Artikel 53"}
    inquiry = _drafted(organisation, officer, ("money", 400_000, organisation), assessment=gber)
    version = selectors.latest_version(inquiry)
    ledger.ensure_within_ceiling(inquiry=inquiry, version=version, on=date(2026, 1, 5))


def test_a_rate_period_may_not_overlap_another(db):
    euro_rate("10", date(2026, 1, 1), date(2026, 1, 31))
    overlapping = state_aid.EuroRate(
        valid_from=date(2026, 1, 15), valid_until=date(2026, 2, 14), sek_per_eur=Decimal("11")
    )
    with pytest.raises(ValidationError):
        overlapping.full_clean()
