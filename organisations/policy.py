"""Who holds which role. Every role check in the project goes through this module.

Roles come from memberships; they are read once per request and cached on the user object.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from .models import STAFF_ROLES, Membership, Role

# Permissions each role grants, in Django's "app_label.codename" form. viewflow's task
# queues and our own checks use these through organisations.backends.RoleBackend.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.OFFICER: frozenset(
        {"casework.view_all_cases", "casework.handle_case", "casework.comment_internally"}
    ),
    Role.COORDINATOR: frozenset(
        {"casework.view_all_cases", "casework.comment_internally", "casework.coordinate"}
    ),
    Role.DELEGATE: frozenset(
        {"casework.view_all_cases", "casework.comment_internally", "casework.decide_on_delegation"}
    ),
    Role.BOARD_SECRETARY: frozenset(
        {"casework.comment_internally", "casework.record_board_decision"}
    ),
    Role.MEMBER: frozenset(),
    Role.SIGNATORY: frozenset(),
}


@dataclass(frozen=True)
class Roles:
    """The roles one person holds today."""

    roles: frozenset[str] = frozenset()
    organisation_ids: frozenset[int] = frozenset()  # idea-based organisations they act for
    signatory_for: frozenset[int] = frozenset()
    administration_ids: frozenset[int] = frozenset()  # where they hold a staff role
    board_ids: frozenset[int] = frozenset()  # boards they are secretary of
    permissions: frozenset[str] = field(default=frozenset())

    @property
    def is_staff_member(self) -> bool:
        return bool(self.roles & set(STAFF_ROLES))


_CACHE_ATTR = "_samverkan_roles"
_NO_ROLES = Roles()


def roles_of(user) -> Roles:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return _NO_ROLES
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    today = timezone.localdate()
    rows = (
        Membership.objects.filter(user=user, valid_from__lte=today)
        .exclude(valid_until__lt=today)
        .values_list("role", "organisation_id", "board_id")
    )
    roles, orgs, signs, admins, boards, perms = set(), set(), set(), set(), set(), set()
    for role, organisation_id, board_id in rows:
        roles.add(role)
        perms |= ROLE_PERMISSIONS.get(role, frozenset())
        if role in STAFF_ROLES:
            admins.add(organisation_id)
        else:
            orgs.add(organisation_id)
        if role == Role.SIGNATORY:
            signs.add(organisation_id)
        if board_id:
            boards.add(board_id)
    result = Roles(
        frozenset(roles),
        frozenset(orgs),
        frozenset(signs),
        frozenset(admins),
        frozenset(boards),
        frozenset(perms),
    )
    setattr(user, _CACHE_ATTR, result)
    return result


def forget_roles(user) -> None:
    """Drop the cached roles, after memberships changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_staff_member(user) -> bool:
    return user.is_superuser or roles_of(user).is_staff_member


def sees_all_cases(user) -> bool:
    return user.is_superuser or "casework.view_all_cases" in roles_of(user).permissions


def acts_for(user, organisation_id: int) -> bool:
    return organisation_id in roles_of(user).organisation_ids


def is_signatory_for(user, organisation_id: int) -> bool:
    return organisation_id in roles_of(user).signatory_for


def can_view_organisation(user, organisation) -> bool:
    return is_staff_member(user) or acts_for(user, organisation.pk)
