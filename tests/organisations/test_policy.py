import datetime

import pytest

from organisations import policy
from organisations.models import Role, User
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_officer_holds_the_officer_permissions_through_the_role_backend():
    officer = factories.staff(Role.OFFICER)
    assert officer.has_perm("casework.handle_case")
    assert officer.has_perm("casework.view_all_cases")
    assert not officer.has_perm("casework.record_board_decision")
    assert policy.is_staff_member(officer)


def test_a_member_holds_no_staff_permission(member, organisation):
    assert not member.has_perm("casework.view_all_cases")
    assert not policy.is_staff_member(member)
    assert policy.acts_for(member, organisation.pk)
    assert not policy.is_signatory_for(member, organisation.pk)


def test_a_board_secretary_acts_for_their_board_only():
    board, other = factories.BoardFactory(), factories.BoardFactory()
    secretary = factories.staff(Role.BOARD_SECRETARY, board=board)
    roles = policy.roles_of(secretary)
    assert roles.board_ids == {board.pk}
    assert other.pk not in roles.board_ids
    assert secretary.has_perm("casework.record_board_decision")


def test_an_ended_membership_grants_nothing(organisation):
    user = factories.member(organisation)
    user.memberships.update(valid_until=datetime.date(2020, 1, 1))
    assert not policy.acts_for(User.objects.get(pk=user.pk), organisation.pk)


def test_an_inactive_user_has_no_roles(member, organisation):
    member.is_active = False
    assert policy.roles_of(member).organisation_ids == frozenset()
