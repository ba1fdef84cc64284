"""Who may see which case and comment. Views, querysets and the API all ask here."""

from django.db.models import Q, QuerySet
from django.http import Http404

from organisations import policy as org_policy

from .models import Case, Comment


def visible_cases(user, cases: QuerySet[Case] | None = None) -> QuerySet[Case]:
    cases = Case.objects.all() if cases is None else cases
    if org_policy.sees_all_cases(user):
        return cases
    roles = org_policy.roles_of(user)
    if not (roles.organisation_ids or roles.board_ids):
        return cases.none()
    # The one rule: the case's organisation, any other party to it (an IOP's partners, public
    # and idea-based alike), or a board the case concerns.
    board_cases = Case.boards.through.objects.filter(board_id__in=roles.board_ids)
    party_cases = Case.parties.through.objects.filter(organisation_id__in=roles.organisation_ids)
    return cases.filter(
        Q(organisation_id__in=roles.organisation_ids)
        | Q(pk__in=party_cases.values("case_id"))
        | Q(pk__in=board_cases.values("case_id"))
    )


def get_case_or_404(user, **lookup) -> Case:
    """The case, or 404 for anyone who may not see it (never 403: its existence is not told)."""
    case = visible_cases(user).filter(**lookup).first()
    if case is None:
        raise Http404
    return case


def can_view_case(user, case: Case) -> bool:
    # The same rule as ``visible_cases``, answered from the person's roles where it can be.
    if org_policy.sees_all_cases(user) or org_policy.acts_for(user, case.organisation_id):
        return True
    return visible_cases(user).filter(pk=case.pk).exists()


def may_comment_internally(user) -> bool:
    return user.is_superuser or user.has_perm(org_policy.COMMENT_INTERNALLY)


def may_run_the_clock(user) -> bool:
    """Pausing and resuming a case's statutory clock and telling the party that the decision is
    delayed (FL 11 §) are for the officers handling the case (and administrators). Registering
    a party's demand for a decision (12 §) stays with every staff member who sees the case."""
    return user.has_perm(org_policy.HANDLE_CASE)


def visible_comments(user, case: Case) -> QuerySet[Comment]:
    comments = case.comments.select_related("author")
    if may_comment_internally(user):
        return comments
    return comments.filter(visibility=Comment.Visibility.SHARED)
