"""Who may see and change which application. Views, querysets and services all ask here.

Drafts have no case yet, so ``casework.policy`` cannot answer for them: an organisation's
members see all of its applications, drafts included; staff who see all cases and the
secretaries of the programme's board see submitted applications only. Everyone else gets 404.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from organisations import policy as org_policy
from organisations.models import Board, Organisation

from .models import FundingApplication, Status


def visible_applications(user, applications: QuerySet | None = None) -> QuerySet:
    applications = FundingApplication.objects.all() if applications is None else applications
    roles = org_policy.roles_of(user)
    mine = Q(organisation_id__in=roles.organisation_ids)
    if org_policy.sees_all_cases(user):
        return applications.filter(mine | ~Q(status=Status.DRAFT))
    boards = Q(programme__board_id__in=roles.board_ids) & ~Q(status=Status.DRAFT)
    if not (roles.organisation_ids or roles.board_ids):
        return applications.none()
    return applications.filter(mine | boards)


def get_application_or_404(user, pk: int) -> FundingApplication:
    """The application, or 404 for anyone who may not see it (its existence is not told)."""
    applications = visible_applications(user).select_related("programme__board", "organisation")
    application = applications.filter(pk=pk).first()
    if application is None:
        raise Http404
    return application


def get_editable_application_or_404(user, pk: int) -> FundingApplication:
    """For the applicant's members while the application may be changed; 404 otherwise."""
    return editable_or_404(user, get_application_or_404(user, pk))


def editable_or_404(user, application: FundingApplication) -> FundingApplication:
    """``application``, fetched already, if this person may change it now; 404 otherwise."""
    if not (application.is_editable and acts_for_applicant(user, application)):
        raise Http404
    return application


def acts_for_applicant(user, application: FundingApplication) -> bool:
    return org_policy.acts_for(user, application.organisation_id)


def can_apply_for(user, organisation) -> bool:
    return organisation is not None and org_policy.acts_for(user, organisation.pk)


def ensure_can_edit(user, application: FundingApplication) -> None:
    """Members of the applicant edit a draft, or an application waiting for a supplement."""
    if not acts_for_applicant(user, application):
        raise PermissionDenied("Only the applicant's members change an application.")
    if not application.is_editable:
        raise PermissionDenied("The application cannot be changed in its current state.")


def ensure_handles_cases(user) -> None:
    if not (user.is_superuser or user.has_perm(org_policy.HANDLE_CASE)):
        raise PermissionDenied("Only officers handle applications.")


def applicant_organisations(user):
    """The organisations this person may apply for."""
    return Organisation.objects.filter(
        pk__in=org_policy.roles_of(user).organisation_ids, is_active=True
    ).order_by("name")


def ensure_sees_all_or_404(user) -> None:
    """Pages across every organisation's cases are for staff who see all cases."""
    if not org_policy.sees_all_cases(user):
        raise Http404


def get_board_for_reporting_or_404(user, code: str):
    """The board, for its secretaries and for staff who see all cases; 404 for everyone else."""
    board = Board.objects.filter(code=code).first()
    if board is None or not (
        org_policy.sees_all_cases(user) or board.pk in org_policy.roles_of(user).board_ids
    ):
        raise Http404
    return board


def maintains_catalogue(user) -> bool:
    """Coordinators keep the catalogue of funding sources."""
    return user.is_superuser or user.has_perm(org_policy.COORDINATE)


def ensure_maintains_catalogue(user) -> None:
    if not maintains_catalogue(user):
        raise PermissionDenied("Only coordinators maintain the catalogue.")


def ensure_maintains_catalogue_or_404(user) -> None:
    if not maintains_catalogue(user):
        raise Http404
