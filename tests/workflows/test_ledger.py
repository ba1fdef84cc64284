"""The de minimis ledger: agreements in force, the funding app's grants, and aid by hand."""

from datetime import date
from decimal import Decimal

import pytest

from funding import services as funding_services
from partnerships import selectors, services
from partnerships.models import Party
from tests import factories
from tests.casework.test_clocks import at
from tests.partnerships.helpers import euro_rate, signed_inquiry
from workflows import ledger

pytestmark = pytest.mark.django_db


def _grant(organisation, amount: int):
    """A funding application decided through the funding app's own services."""
    organisation = factories.eligible(organisation)
    granted = Decimal(amount)
    application = factories.funding_draft(organisation, amount_applied=amount)
    user, officer = application.created_by, factories.staff()
    application = funding_services.application_submit(application=application, acting_user=user)
    funding_services.application_mark_complete(application=application, acting_user=officer)
    criterion = application.programme.criteria.get()
    funding_services.assessment_record(
        application=application,
        acting_user=officer,
        no_conflict_of_interest=True,
        proposed_outcome="approved",
        proposed_amount=granted,
        summary="Bra idé.",
        scores={criterion.pk: (4, "Rimlig budget")},
    )
    funding_services.decision_record(
        application=application,
        no_conflict_of_interest=True,
        acting_user=factories.delegate(application.programme),
        outcome="approved",
        amount_granted=granted,
        reasons="Beslut enligt delegationsordningen.",
    )
    application.refresh_from_db()
    return application


def test_a_grant_from_the_funding_app_counts_on_the_day_it_was_decided(organisation):
    with at("2026-03-10"):
        application = _grant(organisation, 40_000)
    position = ledger.de_minimis_position(organisation, on=date(2026, 6, 1))
    (row,) = position.rows
    assert (row.on, row.amount_sek) == (date(2026, 3, 10), Decimal(40_000))
    assert application.case.case_number in row.source
    assert str(application.programme.board) in row.source


def test_a_grant_older_than_three_years_does_not_count(organisation):
    with at("2023-03-10"):
        _grant(organisation, 40_000)
    assert ledger.de_minimis_position(organisation, on=date(2026, 6, 1)).rows == []


def test_another_organisations_grant_does_not_count(organisation, other_organisation):
    _grant(other_organisation, 40_000)
    assert ledger.de_minimis_position(organisation).rows == []


def test_grants_agreements_and_manual_aid_add_up_against_the_ceiling(organisation, officer):
    euro_rate("10")
    with at("2026-01-05"):
        signed_inquiry(organisation, money=Decimal(2_920_000))
    with at("2026-03-10"):
        _grant(organisation, 40_000)
    services.aid_entry_record(
        organisation=organisation,
        acting_user=officer,
        granted_on=date(2025, 5, 1),
        amount_sek=Decimal(100_000),
        granted_by="Annan kommun",
    )
    # The agreement (three years at 2 920 000 kr) counts in full on the day it was signed.
    agreement = Decimal(2_920_000) * 1096 / 365
    position = ledger.de_minimis_position(organisation, on=date(2026, 1, 31))
    assert position.total_eur == ((agreement + Decimal(100_000)) / 10).quantize(Decimal("0.01"))
    later = ledger.de_minimis_position(organisation, on=date(2026, 12, 31))
    assert later.total_eur == position.total_eur + Decimal(4_000)
    assert later.exceeded
    before = ledger.de_minimis_position(organisation, on=date(2026, 1, 4))
    assert before.total_eur == Decimal(10_000)


def test_a_terminated_agreement_counts_until_its_notice_ends(organisation):
    euro_rate("10")
    with at("2026-01-05"):
        inquiry = signed_inquiry(organisation, money=Decimal(365_000))
    signatory = organisation.memberships.get(role="signatory").user
    with at("2026-03-01"):
        services.agreement_terminate(
            inquiry=inquiry,
            party=inquiry.parties.get(side=Party.Side.IDEA_BASED),
            acting_user=signatory,
            reason="Föreningen läggs ned.",
            decision_reference="Styrelsens protokoll 2026-02-20 § 3",
        )
    # In force from 1 January until 1 September 2026: 244 days at 1 000 kr a day, counted on
    # the day it was signed.
    position = ledger.de_minimis_position(organisation, on=date(2027, 12, 31))
    (row,) = position.rows
    assert (row.on, row.amount_sek) == (date(2026, 1, 5), Decimal(244_000))


def test_an_unsigned_agreement_does_not_count(organisation):
    euro_rate("10")
    with at("2026-01-05"):
        inquiry = signed_inquiry(organisation)
    # A new version in co-creation is not yet signed: the first version alone counts.
    officer = factories.staff()
    services.agreement_renewal_decide(
        inquiry=inquiry, acting_user=officer, choice="amend", reason="Nya mål."
    )
    services.agreement_draft_save(
        inquiry=inquiry,
        acting_user=officer,
        data={**services_version_data(inquiry), "period_start": date(2027, 1, 1)},
        contributions=services.copy_contributions(selectors.latest_version(inquiry)),
    )
    position = ledger.de_minimis_position(organisation, on=date(2026, 12, 31))
    assert position.total_eur == Decimal(109_600)


def services_version_data(inquiry) -> dict:
    version = selectors.latest_version(inquiry)
    return {name: getattr(version, name) for name in services.agreements.VERSION_FIELDS}
