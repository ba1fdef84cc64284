"""Who holds which role. Every role check in the project goes through this module.

Roles come from memberships; they are read once per request and cached on the user object.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from .models import (
    ADMINISTRATION_ROLES,
    STAFF_ROLES,
    Absence,
    Board,
    BoardSigningAuthority,
    DelegationHolding,
    Membership,
    Organisation,
    Representation,
    Role,
    User,
)

# Permissions each role grants, in Django's "app_label.codename" form, named once here and used
# by name everywhere else (flows, policies, selectors). viewflow's task queues and our own checks
# use these through organisations.backends.RoleBackend.
HANDLE_CASE = "casework.handle_case"
COORDINATE = "casework.coordinate"
DECIDE_ON_DELEGATION = "casework.decide_on_delegation"
RECORD_BOARD_DECISION = "casework.record_board_decision"
COMMENT_INTERNALLY = "casework.comment_internally"
VIEW_ALL_CASES = "casework.view_all_cases"
# The records manager's: the records schedule, disposal lists, legal holds (records/).
MANAGE_RECORDS = "records.manage_records"

# viewflow's process lists need the view permission of the process model; only roles that see
# every case hold it.
_SEE_ALL = frozenset(
    {
        VIEW_ALL_CASES,
        COMMENT_INTERNALLY,
        "workflows.view_iopprocess",
        "workflows.view_fundingprocess",
    }
)
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.OFFICER: _SEE_ALL | {HANDLE_CASE},
    Role.COORDINATOR: _SEE_ALL | {COORDINATE},
    Role.DELEGATE: _SEE_ALL | {DECIDE_ON_DELEGATION},
    Role.BOARD_SECRETARY: frozenset({COMMENT_INTERNALLY, RECORD_BOARD_DECISION}),
    Role.MEMBER: frozenset(),
    Role.SIGNATORY: frozenset(),
    Role.RECORDS_MANAGER: frozenset({MANAGE_RECORDS}),
}


# Permissions that hold only for one object (the organisation or board a task belongs to).
# They are never granted globally: viewflow also accepts a global permission for an
# object-scoped task, so granting one would open every organisation's tasks.
ACT_FOR_ORGANISATION = "organisations.act_for"
SIGN_FOR_ORGANISATION = "organisations.sign_for"
ACT_FOR_BOARD = "organisations.act_for_board"
# A task offered to one named person: the object is that person (the one a board authorised
# to sign an agreement for the municipality).
ACT_AS_PERSON = "organisations.act_as"


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


# Who acts and signs for an idea-based organisation: a person with a current representation
# (``Representation``: approved by an officer from evidence, or from the e-ID broker's claim);
# acting for it also by a current membership of it.
def _current_representations(day, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}approved_at__isnull": False,
            f"{prefix}revoked_at__isnull": True,
            f"{prefix}valid_from__lte": day,
        }
    ) & (Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": day}))


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
        if role in ADMINISTRATION_ROLES:
            admins.add(organisation_id)
        else:
            orgs.add(organisation_id)
        if board_id:
            boards.add(board_id)
    represented = Representation.objects.filter(
        _current_representations(today), person=user
    ).values_list("role", "organisation_id")
    for role, organisation_id in represented:
        roles.add(role)
        orgs.add(organisation_id)
        if role == Role.SIGNATORY:
            signs.add(organisation_id)
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


def is_staff_member(user) -> bool:
    return user.is_superuser or roles_of(user).is_staff_member


def sees_all_cases(user) -> bool:
    return user.is_superuser or "casework.view_all_cases" in roles_of(user).permissions


def register_scope(user) -> Q | None:
    """The organisations whose register entries and evidence a person sees: ``None`` for the
    whole register (administrators and the roles that see every case). Everyone else sees the
    organisations they act for or work in, and a board secretary also those with a case before
    their board, as the case's organisation or another party (the lookups follow
    ``casework.Case.organisation`` and ``Case.parties`` by their related names; casework is
    above this app and is not imported)."""
    if sees_all_cases(user):
        return None
    roles = roles_of(user)
    scope = Q(pk__in=roles.organisation_ids | roles.administration_ids)
    if roles.board_ids:
        scope |= Q(cases__boards__in=roles.board_ids) | Q(party_cases__boards__in=roles.board_ids)
    return scope


def acts_for(user, organisation_id: int) -> bool:
    return organisation_id in roles_of(user).organisation_ids


def is_signatory_for(user, organisation_id: int) -> bool:
    return organisation_id in roles_of(user).signatory_for


# The basis recorded on a binding action of a person who acts for an organisation by a
# membership of it rather than a representation.
BASIS_MEMBERSHIP = "membership"


def representation_basis(user, organisation_id: int, role: str | None = Role.SIGNATORY) -> str:
    """On what ``user`` acts for the organisation today, for the audit event of a binding
    action (submitting, signing, terminating): the basis of their current representation of
    ``role`` (any role when None; ``Representation.Basis``, evidence before the broker's
    claim when both hold), else ``BASIS_MEMBERSHIP`` for a current membership when acting (not
    signing) is asked; empty when neither holds."""
    if not getattr(user, "is_authenticated", False):
        return ""
    today = timezone.localdate()
    represented = Representation.objects.filter(
        _current_representations(today), person=user, organisation_id=organisation_id
    )
    if role is not None:
        represented = represented.filter(role=role)
    bases = set(represented.values_list("basis", flat=True))
    for basis in Representation.Basis.values:
        if basis in bases:
            return basis
    if role not in (None, Role.MEMBER):  # a membership signs for nobody
        return ""
    member = (
        Membership.objects.filter(user=user, organisation_id=organisation_id, valid_from__lte=today)
        .exclude(valid_until__lt=today)
        .exists()
    )
    return BASIS_MEMBERSHIP if member else ""


def has_role_permission(user, perm: str) -> bool:
    """Holds ``perm`` through a role today; being a superuser gives no role."""
    return perm in roles_of(user).permissions


def holds_delegation(user, *, board_id: int, point: str, day=None) -> bool:
    """Holds ``point`` of the delegation order of the board ``board_id`` today (delegat)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    day = day or timezone.localdate()
    return (
        DelegationHolding.objects.filter(
            user=user, board_id=board_id, point=point.strip(), valid_from__lte=day
        )
        .exclude(valid_until__lt=day)
        .exists()
    )


def has_object_permission(user, perm: str, obj) -> bool:
    """Object-scoped permissions: acting for an organisation or a board."""
    roles = roles_of(user)
    if perm == ACT_FOR_ORGANISATION and isinstance(obj, Organisation):
        return obj.pk in roles.organisation_ids
    if perm == SIGN_FOR_ORGANISATION and isinstance(obj, Organisation):
        return obj.pk in roles.signatory_for
    if perm == ACT_FOR_BOARD and isinstance(obj, Board):
        return obj.pk in roles.board_ids
    if perm == ACT_AS_PERSON and isinstance(obj, User):
        return roles is not _NO_ROLES and obj.pk == user.pk
    return False


def object_scopes(user) -> dict[str, tuple[str, frozenset[int]]]:
    """For each object-scoped permission: the model label and the ids the user holds it for."""
    roles = roles_of(user)
    return {
        ACT_FOR_ORGANISATION: ("organisations.organisation", roles.organisation_ids),
        SIGN_FOR_ORGANISATION: ("organisations.organisation", roles.signatory_for),
        ACT_FOR_BOARD: ("organisations.board", roles.board_ids),
        ACT_AS_PERSON: (
            "organisations.user",
            frozenset() if roles is _NO_ROLES else frozenset({user.pk}),
        ),
    }


def holders_of(perm: str, obj=None):
    """The people who hold ``perm`` (for ``obj``, when it is object-scoped) today."""
    today = timezone.localdate()
    current = Q(memberships__valid_from__lte=today) & (
        Q(memberships__valid_until__isnull=True) | Q(memberships__valid_until__gte=today)
    )
    represents = _current_representations(today, prefix="representations__")
    if perm == ACT_FOR_ORGANISATION and isinstance(obj, Organisation):
        match = current & Q(memberships__organisation=obj, memberships__role=Role.MEMBER)
        by_representation = represents & Q(
            representations__organisation=obj, representations__role=Role.MEMBER
        )
        return User.objects.filter(match | by_representation, is_active=True).distinct()
    if perm == SIGN_FOR_ORGANISATION and isinstance(obj, Organisation):
        match = represents & Q(
            representations__organisation=obj, representations__role=Role.SIGNATORY
        )
        return User.objects.filter(match, is_active=True).distinct()
    if perm == ACT_FOR_BOARD and isinstance(obj, Board):
        match = Q(memberships__board=obj, memberships__role=Role.BOARD_SECRETARY)
    elif perm == ACT_AS_PERSON and isinstance(obj, User):
        return User.objects.filter(pk=obj.pk, is_active=True)
    elif obj is None:
        roles = [role for role, perms in ROLE_PERMISSIONS.items() if perm in perms]
        match = Q(memberships__role__in=roles)
    else:
        return User.objects.none()
    return User.objects.filter(current & match, is_active=True).distinct()


def board_signing_authority(board_id: int, day=None) -> BoardSigningAuthority | None:
    """The board's standing decision on who signs for it, in force on ``day`` (today) and
    naming a person who can log in: the latest such, or None."""
    day = day or timezone.localdate()
    return (
        BoardSigningAuthority.objects.filter(
            board_id=board_id, person__isnull=False, person__is_active=True, valid_from__lte=day
        )
        .exclude(valid_until__lt=day)
        .select_related("person")
        .order_by("-valid_from", "-pk")
        .first()
    )


def absent_user_ids(day=None) -> set[int]:
    day = day or timezone.localdate()
    return set(
        Absence.objects.filter(starts_on__lte=day, ends_on__gte=day).values_list(
            "user_id", flat=True
        )
    )


def may_reassign_tasks(user) -> bool:
    """Officers and coordinators move colleagues' tasks (cases never hang on one person)."""
    return user.is_superuser or bool(
        roles_of(user).permissions & {"casework.handle_case", "casework.coordinate"}
    )
