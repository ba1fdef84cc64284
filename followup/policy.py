"""Who may see the follow-up pages: staff who see every case, since the figures span them all.

A board secretary sees only their board's cases, and an association only its own, so neither
may see figures and names drawn from all cases. Everyone else gets 404.
"""

from django.http import Http404

from organisations import policy as org_policy

WRITE_NARRATIVE = frozenset({org_policy.HANDLE_CASE, org_policy.COORDINATE})


def may_follow_up(user) -> bool:
    return org_policy.sees_all_cases(user)


def may_write_narrative(user) -> bool:
    """Officers and coordinators write the report's narrative sections."""
    return user.is_superuser or bool(org_policy.roles_of(user).permissions & WRITE_NARRATIVE)


def ensure_may_follow_up(user) -> None:
    if not may_follow_up(user):
        raise Http404


def ensure_may_write_narrative(user) -> None:
    if not may_write_narrative(user):
        raise Http404
