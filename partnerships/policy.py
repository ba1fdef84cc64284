"""Who may see and act on IOP inquiries. Views, services and the flow's nodes ask here."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from casework import policy as case_policy
from organisations import policy as org_policy

from .models import IOPInquiry, Party, Status


def visible_inquiries(user, inquiries: QuerySet[IOPInquiry] | None = None) -> QuerySet[IOPInquiry]:
    """The inquiries whose case the user may see (casework's one rule for cases)."""
    inquiries = IOPInquiry.objects.all() if inquiries is None else inquiries
    return inquiries.filter(case__in=case_policy.visible_cases(user))


def get_inquiry_or_404(user, **lookup) -> IOPInquiry:
    inquiry = visible_inquiries(user).select_related("case").filter(**lookup).first()
    if inquiry is None:
        raise Http404
    return inquiry


def is_officer(user) -> bool:
    return user.is_superuser or user.has_perm(org_policy.HANDLE_CASE)


def ensure_officer(user) -> None:
    if not is_officer(user):
        raise PermissionDenied("Only an officer handles IOP inquiries.")


def may_override_procurement(user) -> bool:
    """A decision-maker (one who decides under delegation) may let an inquiry go on as an IOP
    although the procurement answers say otherwise; an officer who investigates may not."""
    return org_policy.has_role_permission(user, org_policy.DECIDE_ON_DELEGATION)


def ensure_decision_maker(user) -> None:
    if not may_override_procurement(user):
        raise PermissionDenied("Only a decision-maker overrides the procurement answers.")


def ensure_holds_delegation(user, inquiry: IOPInquiry, point: str) -> None:
    """The person holds ``point`` of the delegation order of one of the deciding boards."""
    boards = inquiry.parties.filter(board__isnull=False).values_list("board_id", flat=True)
    if not any(org_policy.holds_delegation(user, board_id=b, point=point) for b in boards):
        raise PermissionDenied(
            "Screening out is a decision under the delegation order: hold its point."
        )


def declaring_parties(user, inquiry: IOPInquiry) -> list[Party]:
    """The idea-based parties ``user`` acts for, who declare their own de minimis aid."""
    if not inquiry.is_open:
        return []
    parties = inquiry.parties.filter(side=Party.Side.IDEA_BASED).select_related("organisation")
    return [party for party in parties if org_policy.acts_for(user, party.organisation_id)]


def ensure_acts_for(user, organisation) -> None:
    if not org_policy.acts_for(user, organisation.pk):
        raise PermissionDenied("You do not act for this organisation.")


def ensure_reports_for(user, organisation) -> None:
    """A party of the city reports through an officer; any other party through its members."""
    if organisation.is_public:
        ensure_officer(user)
    else:
        ensure_acts_for(user, organisation)


def may_edit_draft(user, inquiry: IOPInquiry) -> bool:
    """Officers, and the members of the inquiry's idea-based parties, co-create the draft."""
    if is_officer(user):
        return True
    idea_based = inquiry.parties.filter(side=Party.Side.IDEA_BASED)
    return any(org_policy.acts_for(user, party.organisation_id) for party in idea_based)


def ensure_may_edit_draft(user, inquiry: IOPInquiry) -> None:
    if not may_edit_draft(user, inquiry):
        raise PermissionDenied("You do not take part in this co-creation.")


def ensure_board_secretary(user, board) -> None:
    if not org_policy.has_object_permission(user, org_policy.ACT_FOR_BOARD, board):
        raise PermissionDenied("Only the board's secretary records its decisions.")


def may_sign_for(user, party: Party) -> bool:
    """A party of the city signs through its board; any other party by its signatory."""
    if party.board_id:
        return org_policy.has_object_permission(user, org_policy.ACT_FOR_BOARD, party.board)
    return org_policy.is_signatory_for(user, party.organisation_id)


def may_withdraw(user, inquiry: IOPInquiry) -> bool:
    organisation_id = inquiry.case.organisation_id
    return organisation_id is not None and org_policy.acts_for(user, organisation_id)


def terminable_parties(user, inquiry: IOPInquiry) -> list[Party]:
    """The parties ``user`` may terminate an active agreement for: an officer for the city's
    parties, a member for their own organisation."""
    if inquiry.status != Status.ACTIVE:
        return []
    parties = inquiry.parties.select_related("organisation", "board")
    return [
        party
        for party in parties
        if (party.side == Party.Side.PUBLIC and is_officer(user))
        or (
            party.side == Party.Side.IDEA_BASED and org_policy.acts_for(user, party.organisation_id)
        )
    ]
