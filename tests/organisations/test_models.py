import pytest
from django.core.exceptions import ValidationError

from organisations.models import Membership, Organisation, Role
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_organisation_number_is_checked_and_normalised():
    organisation = factories.OrganisationFactory.build(org_number="8020049691")
    organisation.full_clean()
    assert organisation.org_number == "802004-9691"


@pytest.mark.parametrize("bad", ["802004-9698", "12345", "abcdef-ghij", "8020049697999"])
def test_a_wrong_organisation_number_is_refused_with_a_clear_message(bad):
    organisation = factories.OrganisationFactory.build(org_number=bad)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "org_number" in error.value.message_dict


@pytest.mark.parametrize(
    ("kind", "number", "valid"),
    [
        (Organisation.GiroKind.BANKGIRO, "5050-1055", True),
        (Organisation.GiroKind.BANKGIRO, "5050-1056", False),
        (Organisation.GiroKind.PLUSGIRO, "90 20 02-5", True),
        (Organisation.GiroKind.PLUSGIRO, "90 20 02-8", False),
    ],
)
def test_giro_numbers_are_checked(kind, number, valid):
    organisation = factories.OrganisationFactory.build(giro_kind=kind, giro_number=number)
    if valid:
        organisation.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            organisation.full_clean()
        assert "giro_number" in error.value.message_dict


def test_a_giro_number_needs_its_kind():
    organisation = factories.OrganisationFactory.build(giro_number="5050-1055")
    with pytest.raises(ValidationError):
        organisation.full_clean()


def test_staff_roles_belong_to_an_administration_and_member_roles_to_idea_based_ones():
    association = factories.OrganisationFactory()
    administration = factories.AdministrationFactory()
    user = factories.UserFactory()
    with pytest.raises(ValidationError):
        Membership(user=user, organisation=association, role=Role.OFFICER).full_clean()
    with pytest.raises(ValidationError):
        Membership(user=user, organisation=administration, role=Role.MEMBER).full_clean()
    Membership(user=user, organisation=administration, role=Role.OFFICER).full_clean()


def test_a_board_secretary_needs_a_board():
    board = factories.BoardFactory()
    user = factories.UserFactory()
    with pytest.raises(ValidationError):
        Membership(
            user=user, organisation=board.administration, role=Role.BOARD_SECRETARY
        ).full_clean()
    Membership(
        user=user, organisation=board.administration, role=Role.BOARD_SECRETARY, board=board
    ).full_clean()


def test_evidence_is_valid_only_between_its_dates():
    evidence = factories.EvidenceFactory()
    assert evidence.is_valid_on(evidence.given_on)
    assert not evidence.is_valid_on(evidence.expires_on)
