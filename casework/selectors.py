"""Reads for the start page and case pages."""

from django.db.models import Q, QuerySet
from django.http import Http404

from organisations import policy as org_policy
from organisations.models import STAFF_ROLES, User

from . import policy
from .models import AuditEvent, Case


def recent_cases_of(user, limit: int = 20) -> list[Case]:
    return list(
        policy.visible_cases(user)
        .select_related("organisation", "challenge_area")
        .order_by("-registered_at")[:limit]
    )


def case_list(user, *, query: str = "", kind: str = "", open_only: bool = False) -> QuerySet[Case]:
    cases = policy.visible_cases(user).select_related("organisation", "challenge_area")
    if query:
        cases = cases.filter(
            Q(case_number__icontains=query)
            | Q(title__icontains=query)
            | Q(organisation__name__icontains=query)
        )
    if kind:
        cases = cases.filter(kind=kind)
    if open_only:
        cases = cases.filter(closed_at__isnull=True)
    return cases.order_by("-registered_at")


def case_for_page_or_404(user, case_number: str) -> Case:
    """The case with what its page shows beside it (organisation, challenge area), or 404 for
    anyone who may not see it."""
    case = (
        policy.visible_cases(user)
        .select_related("organisation", "challenge_area")
        .filter(case_number=case_number)
        .first()
    )
    if case is None:
        raise Http404
    return case


def case_history(case: Case) -> QuerySet[AuditEvent]:
    return case.events.select_related("actor").order_by("at", "pk")


def case_staff(case: Case):
    """The city's people who have worked on the case; all officers when nobody has yet."""
    actors = User.objects.filter(
        pk__in=case.events.exclude(actor=None).values("actor_id"),
        memberships__role__in=STAFF_ROLES,
        is_active=True,
    ).distinct()
    if actors.exists():
        return actors
    return org_policy.holders_of(org_policy.HANDLE_CASE)


def case_members(case: Case):
    """The members of the organisation that follows the case."""
    if case.organisation_id is None:
        return User.objects.none()
    return org_policy.holders_of(org_policy.ACT_FOR_ORGANISATION, case.organisation)
