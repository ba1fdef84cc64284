"""Who may see and act on IOP inquiries. Views, services and the flow's nodes ask here."""

from django.core.exceptions import PermissionDenied
from django.db.models import F, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from casework import policy as case_policy
from casework.models import Case
from organisations import policy as org_policy

from .models import BoardDecision, IOPInquiry, Party, Status


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
    idea_based = inquiry.parties.filter(side=Party.Side.IDEA_BASED, left_at__isnull=True)
    return any(org_policy.acts_for(user, party.organisation_id) for party in idea_based)


def ensure_may_edit_draft(user, inquiry: IOPInquiry) -> None:
    if not may_edit_draft(user, inquiry):
        raise PermissionDenied("You do not take part in this co-creation.")


def ensure_board_secretary(user, board) -> None:
    if not org_policy.has_object_permission(user, org_policy.ACT_FOR_BOARD, board):
        raise PermissionDenied("Only the board's secretary records its decisions.")


# Who may sign, terminate, withdraw, end and leave: one rule each (docs/iop.md defines them).


def _party_boards(party: Party) -> list:
    """The boards that decide and act for a party of the city."""
    return [party.board] if party.board_id else []


def authorising_decisions(party: Party) -> list[BoardDecision]:
    """The approving decisions, in the inquiry's current round, of the boards of ``party``:
    each names the person the board authorised to sign for it."""
    return list(
        BoardDecision.objects.filter(
            inquiry_id=party.inquiry_id,
            round=F("inquiry__board_round"),  # read fresh: the party's inquiry may be stale
            board__in=_party_boards(party),
            outcome=BoardDecision.Outcome.APPROVED,
        ).select_related("board", "signatory")
    )


def may_sign_for(user, party: Party) -> bool:
    """The right to sign for ``party``: for the city, the person its deciding board authorised
    in the decision, else the person its standing decision on signing authorises
    (``BoardSigningAuthority``), else (as before either was recorded) the board's secretary;
    for any other party, a person with a current signatory representation (approved by an
    officer on evidence, or from the e-ID broker's claim)."""
    if party.has_left or not getattr(user, "is_authenticated", False):
        return False
    if not party.board_id:
        return org_policy.is_signatory_for(user, party.organisation_id)
    decisions = authorising_decisions(party)
    named = {decision.signatory_id for decision in decisions if decision.signatory_id}
    if named:
        return user.pk in named
    standing = org_policy.board_signing_authority(party.board_id)
    if standing is not None:
        return user.pk == standing.person_id
    return any(
        org_policy.has_object_permission(user, org_policy.ACT_FOR_BOARD, decision.board)
        for decision in decisions
    )


def signing_basis(user, party: Party) -> str:
    """On what ``user`` binds ``party`` (signs, terminates), for the action's audit event: for
    the city, its board's decision; for another party, the basis of the signatory's current
    representation (evidence an officer approved, or the e-ID broker's claim)."""
    if party.board_id:
        return "board_decision"
    return org_policy.representation_basis(user, party.organisation_id)


def signing_offer(party: Party) -> tuple[str, object]:
    """The permission and object a party's signing task is offered with, so that only those
    who may sign for it (``may_sign_for``) see it and can take it."""
    if not party.board_id:
        return org_policy.SIGN_FOR_ORGANISATION, party.organisation
    decisions = authorising_decisions(party)
    named = [decision.signatory for decision in decisions if decision.signatory_id]
    if named:
        return org_policy.ACT_AS_PERSON, named[0]
    standing = org_policy.board_signing_authority(party.board_id)
    if standing is not None:
        return org_policy.ACT_AS_PERSON, standing.person
    return org_policy.ACT_FOR_BOARD, party.board


def signing_refusal(user, party: Party) -> str:
    """Why ``user`` may not sign for ``party``, in words for them; empty if they may."""
    if may_sign_for(user, party):
        return ""
    if party.board_id:
        return _(
            "Only the person %(board)s authorised in its decision signs the agreement for it."
        ) % {"board": party.board}
    return _(
        "Only a signatory of %(organisation)s whose right to sign an officer has approved, on "
        "evidence such as a register extract or the board's minutes, signs for it."
    ) % {"organisation": party.organisation}


def terminable_parties(user, inquiry: IOPInquiry) -> list[Party]:
    """The parties ``user`` may terminate an active agreement for: those they have the right to
    sign for (the party's decision to terminate is recorded with it)."""
    if inquiry.status != Status.ACTIVE:
        return []
    parties = inquiry.parties.select_related("organisation", "board", "inquiry")
    return [party for party in parties if may_sign_for(user, party)]


def may_withdraw(user, inquiry: IOPInquiry) -> bool:
    """Withdrawing is for the organisation that initiated the inquiry with its proposal; a case
    the executive board commissioned is the municipality's, and only its officers end it."""
    case = inquiry.case
    return (
        inquiry.is_open
        and case.opened_by == Case.OpenedBy.PARTY
        and case.organisation_id is not None
        and org_policy.acts_for(user, case.organisation_id)
    )


def may_close(user, inquiry: IOPInquiry) -> bool:
    """An officer ends (closes) an open inquiry, with a reason, however it began."""
    return inquiry.is_open and is_officer(user)


# Stages at which a party may still leave: before the memo names the parties to the boards.
LEAVE_STATUSES = (Status.REGISTERED, Status.INVESTIGATION, Status.CO_CREATION, Status.REVISION)


def leavable_parties(user, inquiry: IOPInquiry) -> list[Party]:
    """The parties ``user`` may take out of the inquiry (leave it, not end it): an organisation
    other than the one whose case it is, by a person with the right to sign for it, before the
    memo goes to the boards."""
    if inquiry.status not in LEAVE_STATUSES:
        return []
    parties = inquiry.parties.filter(board__isnull=True, left_at__isnull=True).exclude(
        organisation_id=inquiry.case.organisation_id
    )
    return [
        party
        for party in parties.select_related("organisation", "inquiry")
        if may_sign_for(user, party)
    ]
