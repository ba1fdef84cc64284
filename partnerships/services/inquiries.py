"""Business actions on IOP inquiries. Each runs in one transaction, checks who may act, and
records what it did in the case's audit log; status changes are django-fsm transitions.

The agreement's own actions (draft versions, memo, board decisions, signatures) are in
``partnerships.services.agreements``.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import events, transitions
from casework.models import Case
from casework.selectors import case_members
from casework.services import case_close, case_mark_decided, case_register
from notifications.models import Kind as NotificationKind
from notifications.services import notify

from .. import conf, policy, state_aid
from ..actions import PartnershipAction
from ..models import (
    SCREENING_CRITERIA,
    AidEntry,
    DeclaredAid,
    DeMinimisDeclaration,
    IOPInquiry,
    LegalAssessment,
    Party,
    Screening,
    Status,
)

CASE_SERIES = "SK"  # kommunstyrelsens diarieserie; IOP inquiries are registered there


@dataclass(frozen=True)
class PartyInput:
    organisation: object
    side: str
    board: object = None
    proposed_contribution: str = ""


def change_status(transition, acting_user, reason: str = "", data: dict | None = None) -> None:
    """Apply one of a locked inquiry's transitions (a bound method, ``inquiry.revise``) and
    record it as a status change: who, from, to, why, and which transition (with ``data``)."""
    transitions.apply(
        transition,
        acting_user=acting_user,
        action=PartnershipAction.STATUS_CHANGED,
        reason=reason,
        data={"transition": transition.__name__, **(data or {})},
    )


def lock(inquiry: IOPInquiry) -> IOPInquiry:
    """The inquiry again, its row locked until the transaction ends."""
    return IOPInquiry.objects.select_for_update().select_related("case").get(pk=inquiry.pk)


def _validate_parties(parties: list[PartyInput]) -> None:
    """Each party a legal person on its lawful side: the municipality through a board that
    decides for it, another public body (a state university, a region) as a public party of
    its own, an idea-based organisation as an idea-based party; a company is neither."""
    sides = {party.side for party in parties}
    if sides != {Party.Side.PUBLIC, Party.Side.IDEA_BASED}:
        raise ValidationError(_("Name at least one public and one idea-based party."))
    for party in parties:
        organisation = party.organisation
        if organisation.is_public and party.board is None:
            raise ValidationError(
                _("%(party)s is a city administration: name the board that decides for it.")
                % {"party": organisation}
            )
        if organisation.kind == organisation.Kind.COMPANY:
            raise ValidationError(
                _("%(party)s is a company: a company is never a public party of an IOP.")
                % {"party": organisation}
            )
        if party.side == Party.Side.PUBLIC and not (
            organisation.is_public or organisation.is_public_body
        ):
            raise ValidationError(
                _("%(party)s is not a public body: it cannot be a public party.")
                % {"party": organisation}
            )
        if party.side == Party.Side.IDEA_BASED and not organisation.is_idea_based:
            raise ValidationError(
                _("%(party)s is not an idea-based organisation: it cannot be an idea-based party.")
                % {"party": organisation}
            )


def _register(
    *, acting_user, lead, title: str, challenge_area, parties, accepting=None, **fields
) -> IOPInquiry:
    """Register the inquiry and its parties; ``accepting`` (the proposing organisation) accepts
    being a party by proposing."""
    _validate_parties(parties)
    case = case_register(
        kind=Case.Kind.IOP_INQUIRY,
        series=CASE_SERIES,
        title=title,
        acting_user=acting_user,
        organisation=lead,
        challenge_area=challenge_area,
        boards=[party.board for party in parties if party.board is not None],
        parties=[party.organisation for party in parties if party.board is None],
        # An assignment from the executive board is the municipality's own case: no 11–12 §§.
        opened_by=(
            Case.OpenedBy.AUTHORITY
            if fields.get("initiator") == IOPInquiry.Initiator.ASSIGNMENT
            else Case.OpenedBy.PARTY
        ),
    )
    inquiry = IOPInquiry(case=case, **fields)
    inquiry.full_clean()
    inquiry.save()
    for party in parties:
        accepts = accepting is not None and party.organisation == accepting and not party.board
        Party.objects.create(
            inquiry=inquiry,
            organisation=party.organisation,
            board=party.board,
            side=party.side,
            proposed_contribution=party.proposed_contribution,
            accepted_at=timezone.now() if accepts else None,
            accepted_by=acting_user if accepts else None,
        )
    events.record(
        inquiry,
        acting_user,
        PartnershipAction.IOP_REGISTERED,
        to_state=inquiry.status,
        data={"initiator": inquiry.initiator, "parties": len(parties)},
    )
    return inquiry


@transaction.atomic
def inquiry_propose(
    *,
    acting_user,
    organisation,
    title: str,
    purpose: str,
    target_group: str,
    public_benefit_goal: str,
    challenge_area=None,
    parties: list[PartyInput],
) -> IOPInquiry:
    """An idea-based organisation proposes a partnership; the case is numbered at once."""
    policy.ensure_acts_for(acting_user, organisation)
    if not any(p.organisation == organisation for p in parties):
        parties = [PartyInput(organisation, Party.Side.IDEA_BASED), *parties]
    return _register(
        acting_user=acting_user,
        lead=organisation,
        title=title,
        challenge_area=challenge_area,
        parties=parties,
        accepting=organisation,
        initiator=IOPInquiry.Initiator.PROPOSAL,
        purpose=purpose,
        target_group=target_group,
        public_benefit_goal=public_benefit_goal,
        submitted_by=acting_user,
    )


@transaction.atomic
def inquiry_register_assignment(
    *,
    acting_user,
    assignment_reference: str,
    lead,
    title: str,
    purpose: str,
    target_group: str,
    public_benefit_goal: str,
    challenge_area=None,
    parties: list[PartyInput],
) -> IOPInquiry:
    """An officer registers an assignment from the executive board to investigate an IOP."""
    policy.ensure_officer(acting_user)
    if not assignment_reference.strip():
        raise ValidationError(_("Give the reference to the executive board's decision."))
    return _register(
        acting_user=acting_user,
        lead=lead,
        title=title,
        challenge_area=challenge_area,
        parties=parties,
        initiator=IOPInquiry.Initiator.ASSIGNMENT,
        assignment_reference=assignment_reference.strip(),
        purpose=purpose,
        target_group=target_group,
        public_benefit_goal=public_benefit_goal,
        submitted_by=acting_user,
    )


@transaction.atomic
def screening_record(
    *,
    inquiry: IOPInquiry,
    acting_user,
    answers: dict,
    decision_reasons: str = "",
    suggestions: str = "",
) -> Screening:
    """Record the screening: an IOP goes on to investigation. If not, the case closes and the
    initiator gets a notice (besked) with the reasons and suggestions, such as funding
    programmes that fit; a decision only where the delegation order makes it one."""
    policy.ensure_officer(acting_user)
    inquiry = lock(inquiry)
    fields = {}
    for name, _question in SCREENING_CRITERIA:
        fields[name] = answers[name]
        fields[f"{name}_reasoning"] = answers[f"{name}_reasoning"]
    screening = Screening(
        inquiry=inquiry,
        screened_by=acting_user,
        decision_reasons=decision_reasons.strip(),
        suggestions=suggestions.strip(),
        **fields,
    )
    if not screening.is_iop and not screening.decision_reasons:
        raise ValidationError(
            {"decision_reasons": _("Give the reasons for the initiator: why it is not an IOP.")}
        )
    screening.full_clean()
    screening.save()
    if screening.is_iop:
        change_status(inquiry.screen_as_iop, acting_user)
    else:
        _screen_out(inquiry, screening, acting_user)
    return screening


def _screen_out(inquiry: IOPInquiry, screening: Screening, acting_user) -> None:
    """Not an IOP: a notice with reasons and suggestions; a decision (and the case decided)
    only under the delegation order's point, by one who holds it from a deciding board."""
    point = conf.screening_delegation_point()
    if point:
        policy.ensure_holds_delegation(acting_user, inquiry, point)
    reasons = screening.decision_reasons
    change_status(inquiry.screen_as_not_iop, acting_user, reason=reasons)
    events.record(
        inquiry,
        acting_user,
        PartnershipAction.NOT_IOP_DECIDED if point else PartnershipAction.NOT_IOP_NOTICE_SENT,
        reason=reasons,
        data={"suggestions": screening.suggestions, "delegation_point": point},
    )
    if point:
        case_mark_decided(case=inquiry.case, acting_user=acting_user)
    case_close(case=inquiry.case, acting_user=acting_user, reason=reasons)
    title = (
        _("Decision in case %(case)s: not an IOP")
        if point
        else _("Notice in case %(case)s: not an IOP")
    )
    body = reasons
    if screening.suggestions:
        body = f"{reasons}\n\n{_('Suggestions')}: {screening.suggestions}"
    notify_organisation(inquiry, title % {"case": inquiry.case.case_number}, body)


@transaction.atomic
def legal_assessment_save(*, inquiry: IOPInquiry, acting_user, data: dict) -> LegalAssessment:
    """Save the legal assessment; it can be worked on for as long as the investigation runs."""
    policy.ensure_officer(acting_user)
    inquiry = lock(inquiry)
    if inquiry.status != Status.INVESTIGATION:
        raise ValidationError(_("The legal assessment is made during the investigation."))
    assessment = LegalAssessment.objects.filter(inquiry=inquiry).first()
    assessment = assessment or LegalAssessment(inquiry=inquiry)
    for name, value in data.items():
        setattr(assessment, name, value)
    assessment.assessed_by = acting_user
    assessment.full_clean()
    assessment.save()
    events.record(
        inquiry,
        acting_user,
        PartnershipAction.LEGAL_ASSESSMENT_SAVED,
        data={"conclusion": assessment.conclusion},
    )
    return assessment


@transaction.atomic
def investigation_conclude(*, inquiry: IOPInquiry, acting_user) -> IOPInquiry:
    """End the investigation as its legal assessment concludes: co-create, or close."""
    policy.ensure_officer(acting_user)
    inquiry = lock(inquiry)
    assessment = LegalAssessment.objects.filter(inquiry=inquiry).first()
    if assessment is None:
        raise ValidationError(_("Record the legal assessment before ending the investigation."))
    state_aid.ensure_may_continue_as_iop(assessment)
    if assessment.conclusion == LegalAssessment.Conclusion.PROCEED:
        change_status(inquiry.start_co_creation, acting_user)
    else:
        _close(inquiry, acting_user, inquiry.close, assessment.conclusion_reasoning)
    return inquiry


def _close(inquiry: IOPInquiry, acting_user, transition, reason: str) -> None:
    change_status(transition, acting_user, reason=reason)
    case_close(case=inquiry.case, acting_user=acting_user, reason=reason)
    notify_organisation(
        inquiry, _("Case %(case)s is closed") % {"case": inquiry.case.case_number}, reason
    )


@transaction.atomic
def inquiry_close(*, inquiry: IOPInquiry, acting_user, reason: str) -> IOPInquiry:
    """The officer closes the inquiry without an agreement; the organisation is told why."""
    policy.ensure_officer(acting_user)
    if not reason.strip():
        raise ValidationError(_("Give the reason for closing the inquiry."))
    inquiry = lock(inquiry)
    _close(inquiry, acting_user, inquiry.close, reason.strip())
    return inquiry


@transaction.atomic
def inquiry_withdraw(*, inquiry: IOPInquiry, acting_user, reason: str) -> IOPInquiry:
    """The initiating organisation withdraws its inquiry before the agreement is signed."""
    if not policy.may_withdraw(acting_user, inquiry):
        raise PermissionDenied(
            _("Only the organisation whose proposal began the inquiry withdraws it.")
        )
    inquiry = lock(inquiry)
    _close(inquiry, acting_user, inquiry.withdraw, reason.strip())
    return inquiry


@transaction.atomic
def party_accept(*, inquiry: IOPInquiry, party: Party, acting_user) -> Party:
    """A member of a party's organisation accepts, for it, being a party to the partnership;
    until every party has, the draft goes no further (``ensure_parties_accepted``)."""
    if party.inquiry_id != inquiry.pk or party.is_municipality:
        raise PermissionDenied("This party does not accept here.")
    policy.ensure_acts_for(acting_user, party.organisation)
    inquiry = lock(inquiry)
    party = Party.objects.select_for_update().select_related("organisation").get(pk=party.pk)
    if not inquiry.is_open:
        raise ValidationError(_("The inquiry is no longer open."))
    if party.accepted_at is not None:
        raise ValidationError(
            _("%(party)s has already accepted being a party.") % {"party": party.organisation}
        )
    party.accepted_at, party.accepted_by = timezone.now(), acting_user
    party.save(update_fields=["accepted_at", "accepted_by"])
    events.record(
        inquiry,
        acting_user,
        PartnershipAction.PARTY_ACCEPTED,
        data={"party": party.pk, "organisation": party.organisation_id},
    )
    return party


def ensure_parties_accepted(inquiry: IOPInquiry) -> None:
    """Refuse to take the draft further while a party named has not accepted being one."""
    waiting = [
        party.name
        for party in inquiry.parties.filter(board__isnull=True, accepted_at__isnull=True)
        .select_related("organisation")
        .order_by("pk")
    ]
    if waiting:
        raise ValidationError(
            _("%(parties)s must accept being a party before the draft goes further.")
            % {"parties": ", ".join(waiting)}
        )


def procurement_override_record(
    *, inquiry: IOPInquiry, acting_user, reasons: str
) -> LegalAssessment:
    """A decision-maker lets the inquiry go on as an IOP although the answers on procurement
    law say procurement; who, when and why are kept with the assessment and in the audit log."""
    policy.ensure_decision_maker(acting_user)
    inquiry = lock(inquiry)
    if inquiry.status != Status.INVESTIGATION:
        raise ValidationError(_("The procurement answers are overridden during the investigation."))
    assessment = LegalAssessment.objects.select_for_update().filter(inquiry=inquiry).first()
    if assessment is None or not assessment.is_procurement:
        raise ValidationError(_("The legal assessment's answers do not say procurement."))
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons for going on as an IOP.")})
    assessment.procurement_override_reasons = reasons.strip()
    assessment.procurement_override_by = acting_user
    assessment.procurement_override_at = timezone.now()
    assessment.save(
        update_fields=[
            "procurement_override_reasons",
            "procurement_override_by",
            "procurement_override_at",
        ]
    )
    events.record(
        inquiry, acting_user, PartnershipAction.PROCUREMENT_OVERRIDDEN, reason=reasons.strip()
    )
    return assessment


@dataclass(frozen=True)
class DeclaredAidInput:
    granted_by: str
    granted_on: object
    amount: object
    currency: str = "SEK"
    is_sgei: bool = False


@transaction.atomic
def de_minimis_declaration_submit(
    *, inquiry: IOPInquiry, organisation, acting_user, aids: list[DeclaredAidInput]
) -> DeMinimisDeclaration:
    """An idea-based party's member declares, with the case, the other de minimis aid the
    organisation received in the last three years (none is a declaration too). A new
    declaration replaces the earlier one in the ledger; both are kept."""
    policy.ensure_acts_for(acting_user, organisation)
    if not inquiry.parties.filter(organisation=organisation, side=Party.Side.IDEA_BASED).exists():
        raise PermissionDenied("Only an idea-based party declares its de minimis aid.")
    if not inquiry.is_open:
        raise ValidationError(_("The inquiry is no longer open."))
    declaration = DeMinimisDeclaration.objects.create(
        inquiry=inquiry, organisation=organisation, declared_by=acting_user
    )
    for aid in aids:
        row = DeclaredAid(declaration=declaration, **vars(aid))
        row.full_clean()
        row.save()
    events.record(
        inquiry,
        acting_user,
        PartnershipAction.DE_MINIMIS_DECLARED,
        data={"organisation": organisation.pk, "aids": len(aids)},
    )
    return declaration


def inquiry_leave(*, inquiry: IOPInquiry, party: Party, acting_user, reason: str) -> Party:
    """A party leaves the inquiry, which goes on without it: it takes no further part, signs
    nothing and is not named in the agreement. Only a person with the right to sign for it,
    and never the party whose case it is (that one withdraws, or asks the officers to end it)."""
    if party not in policy.leavable_parties(acting_user, inquiry):
        raise PermissionDenied(
            _("Only a person with the right to sign for %(party)s takes it out of the inquiry.")
            % {"party": party}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the party leaves the inquiry.")})
    inquiry = lock(inquiry)
    party = Party.objects.select_for_update().get(pk=party.pk)
    party.left_at, party.left_by, party.left_reason = timezone.now(), acting_user, reason.strip()
    party.save(update_fields=["left_at", "left_by", "left_reason"])
    events.record(
        inquiry,
        acting_user,
        PartnershipAction.PARTY_LEFT,
        reason=party.left_reason,
        data={"party": party.pk, "organisation": party.organisation_id},
    )
    notify_organisation(
        inquiry,
        _("%(party)s has left case %(case)s") % {"party": party, "case": inquiry.case.case_number},
        party.left_reason,
    )
    return party


@transaction.atomic
def aid_entry_record(
    *, organisation, acting_user, granted_on, amount_sek, granted_by: str, description: str = ""
) -> AidEntry:
    """Record aid the organisation received outside this system, for its de minimis ledger."""
    policy.ensure_officer(acting_user)
    entry = AidEntry(
        organisation=organisation,
        granted_on=granted_on,
        amount_sek=amount_sek,
        granted_by=granted_by,
        description=description,
        recorded_by=acting_user,
    )
    entry.full_clean()
    entry.save()
    events.record(
        entry,
        acting_user,
        PartnershipAction.AID_ENTRY_RECORDED,
        data={"amount_sek": str(amount_sek)},
    )
    return entry


def notify_organisation(inquiry: IOPInquiry, title: str, body: str = "") -> None:
    """Tell the members of the organisation that follows the case."""
    notify(
        recipients=case_members(inquiry.case),
        kind=NotificationKind.DECISION,
        url=inquiry.case.get_absolute_url(),
        title=title,
        body=body,
    )
