"""The one place the IOP app asks the documents app for a PDF: the memo and the agreement.

Each function builds the document's context from the case data and calls
``documents.services.document_request``; the PDF is produced in the background.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import contexts as doc
from documents.kinds import Kind
from documents.language import in_document_language
from documents.models import Document, Signing
from documents.services import document_request, document_sign
from documents.signing.services import document_sign_electronically
from organisations import policy as org_policy
from organisations.models import Role
from organisations.selectors import current_memberships_of

from . import policy, selectors, state_aid
from .models import (
    AgreementVersion,
    AidRoute,
    Contribution,
    IOPInquiry,
    LegalAssessment,
    Memo,
    Party,
    ResponsibleManager,
)


def request_memo(memo: Memo, acting_user, *, planning: list[doc.PlanningStep]) -> Document:
    """The tjänsteskrivelse to the deciding boards, from the memo the officer wrote."""
    return document_request(
        case=memo.inquiry.case,
        kind=Kind.BOARD_MEMO,
        context=memo_context(memo, planning=planning),
        acting_user=acting_user,
    )


@in_document_language
def memo_context(memo: Memo, *, planning: list[doc.PlanningStep]) -> doc.MemoContext:
    """The memo as the boards read it. It is issued by the administration of the first deciding
    board; each board's administration proposes that board's decision. ``planning`` is the
    meetings the matter goes to (the working committee, then the board), read from the boards'
    calendars."""
    inquiry, officer = memo.inquiry, memo.written_by
    boards = selectors.deciding_boards(inquiry)
    contributions = list(memo.version.contributions.select_related("party"))
    return doc.MemoContext(
        case_number=inquiry.case.case_number,
        document_date=timezone.localdate(),
        title=inquiry.case.title,
        administration=boards[0].administration.name if boards else "",
        officer=doc.Person(name=str(officer), email=officer.email),
        summary=memo.summary,
        proposal_intro="",
        proposal_intros=[
            _("%(office)s proposes that %(board)s decide")
            % {"office": board.administration.name, "board": _in_sentence(board.name)}
            for board in boards
        ],
        proposals=[line for line in memo.proposal.splitlines() if line.strip()],
        decision_basis=[f"{inquiry.case.case_number} v{memo.version.number}"],
        planning=planning,
        sections=[
            doc.TextSection(_("Purpose"), inquiry.purpose),
            doc.TextSection(_("Target group"), inquiry.target_group),
            doc.TextSection(_("Common public-benefit goal"), inquiry.public_benefit_goal),
        ],
        responsible=[*_managers(boards), _officer(officer)],
        distribution=[line for line in memo.distribution.splitlines() if line.strip()],
        legal=_legal_summary(inquiry, contributions),
        economy=_economy(inquiry, contributions),
        period_start=memo.version.period_start,
        period_end=memo.version.period_end,
        state_aid=state_aid_statement(memo.version),
    )


def request_final_agreement(version: AgreementVersion, acting_user) -> Document:
    """The final agreement PDF the parties sign: produced once, never changed."""
    return document_request(
        case=version.inquiry.case,
        kind=Kind.IOP_AGREEMENT,
        context=agreement_context(version),
        acting_user=acting_user,
        final=True,
    )


@in_document_language
def agreement_context(version: AgreementVersion) -> doc.AgreementContext:
    """The agreement as the parties sign it: the contributions per year and for their period,
    and the personal-data clause the legal assessment calls for."""
    inquiry = version.inquiry
    parties = selectors.legal_parties(inquiry)
    return doc.AgreementContext(
        case_number=inquiry.case.case_number,
        document_date=timezone.localdate(),
        title=inquiry.case.title,
        parties=[_party(party) for party in parties],
        background=inquiry.purpose,
        values=inquiry.public_benefit_goal,
        purpose=inquiry.purpose,
        goals=[doc.Goal(title=line) for line in version.goals.splitlines() if line.strip()],
        contributions=[
            _contribution(c, parties)
            for c in version.contributions.select_related("party__organisation", "party__board")
        ],
        governance=doc.Governance(responsibilities=version.governance),
        period_start=version.period_start,
        period_end=version.period_end,
        notice_months=version.notice_months,
        finances=version.budget,
        follow_up=version.follow_up,
        **_personal_data(inquiry),
        state_aid=state_aid_statement(version),
    )


def state_aid_statement(version: AgreementVersion) -> doc.StateAid | None:
    """The route the legal assessment chose for the aid; for de minimis aid the amount each
    organisation receives under ``version``, which the memo and the agreement state."""
    assessment = LegalAssessment.objects.filter(inquiry=version.inquiry).first()
    if assessment is None or not assessment.state_aid_route:
        return None
    route = AidRoute(assessment.state_aid_route)
    amounts = []
    if assessment.is_de_minimis:
        amounts = [
            doc.AidAmount(
                organisation=str(organisation), amount_sek=state_aid.aid_to(version, organisation)
            )
            for organisation in state_aid.aid_recipients(version)
        ]
    return doc.StateAid(
        route=route.value,
        regulation=state_aid.REGULATIONS[route].act,
        is_de_minimis=assessment.is_de_minimis,
        amounts=amounts,
        basis=assessment.state_aid_route_basis,
    )


def final_agreement(inquiry: IOPInquiry) -> Document | None:
    """The final agreement PDF the parties sign: the latest final version of the case's
    agreement (a renewal or an amendment is signed as a new version)."""
    return (
        Document.objects.filter(
            case=inquiry.case, kind=Kind.IOP_AGREEMENT, status=Document.Status.FINAL
        )
        .order_by("-version")
        .first()
    )


@in_document_language
def sign_final_agreement(inquiry: IOPInquiry, party: Party, acting_user) -> Signing:
    """Put on record, beside the final PDF, that ``acting_user`` signs it for ``party``."""
    document = final_agreement(inquiry)
    if document is None:
        raise ValidationError(_("The final agreement has not been made yet."))
    signatory = _signatory_now(party, acting_user)
    if not settings.SIGNING_SERVICE:
        # Development without a signing service only: the signing is kept beside the PDF.
        return document_sign(
            document=document,
            acting_user=acting_user,
            party=party.name,
            signer_role=signatory.title,
            authority=signatory.authority,
            method=Signing.Method.PORTAL_CLICK,
        )
    return document_sign_electronically(
        document=document,
        acting_user=acting_user,
        party=_legal_name(party),
        signer_role=signatory.title,
        authority=signatory.authority,
    )


def seal_final_agreement(inquiry: IOPInquiry, acting_user) -> Signing | None:
    """After the last party's signature the municipality seals the signed agreement, with
    validation data for every signature (PAdES B-LT); nothing to seal if it was signed by
    click."""
    document = final_agreement(inquiry)
    if document is None or not settings.SIGNING_SERVICE:
        return None
    return document_sign_electronically(
        document=document, acting_user=acting_user, party=settings.CITY_NAME, seal=True
    )


def _legal_name(party: Party) -> str:
    """The name the party has on the signature page: the municipality for its boards."""
    return settings.CITY_NAME if party.is_municipality else party.name


def _in_running_text(name: str) -> str:
    """A board's name as Swedish writes it inside a sentence: "fritidsnämnden"."""
    return name[:1].lower() + name[1:]


def _party(party: selectors.LegalParty) -> doc.AgreementParty:
    """A party as the legal person it is: the municipality once, through its boards."""
    return doc.AgreementParty(
        name=party.name,
        org_number=party.org_number,
        is_public=party.is_public,
        acting_through=[_in_running_text(board.name) for board in party.boards],
        signatories=_places(party),
    )


def _places(party: selectors.LegalParty) -> list[doc.Signatory]:
    """The legal person's places on the signature page: every person a row of it may sign
    through (each deciding board's authorised person), or one empty place."""
    places = [place for row in party.parties for place in _signatories(row)]
    return [place for place in places if place.name] or places[:1]


def _signatories(party: Party) -> list[doc.Signatory]:
    """The places on the signature page: the person each deciding board authorised, or the
    organisation's signatories whose right an officer approved (one empty place if none)."""
    if party.board_id:
        return [
            _authorised(decision.signatory, decision)
            for decision in policy.authorising_decisions(party)
            if decision.signatory_id
        ] or [doc.Signatory(name="")]
    return [organisation_signatory(membership) for membership in _approved_signatories(party)] or [
        doc.Signatory(name="", title=str(Role.SIGNATORY.label))
    ]


def _signatory_now(party: Party, user) -> doc.Signatory:
    """Who signs, in which role and by what right, as the signing record keeps it."""
    if party.board_id:
        for decision in policy.authorising_decisions(party):
            if decision.signatory_id == user.pk:
                return _authorised(user, decision)
            standing = org_policy.board_signing_authority(party.board_id)
            if decision.signatory_id is None and standing and standing.person_id == user.pk:
                return doc.Signatory(
                    name=str(user),
                    title=standing.office,
                    authority=_("Authorised by the decision of %(reference)s")
                    % {"reference": standing.protocol_reference},
                )
            if decision.signatory_id is None:
                return doc.Signatory(
                    name=str(user),
                    title=str(Role.BOARD_SECRETARY.label),
                    authority=_("For %(reference)s; the decision named no one to sign")
                    % {"reference": decision.reference},
                )
    for membership in _approved_signatories(party):
        if membership.user_id == user.pk:
            return organisation_signatory(membership)
    return doc.Signatory(name=str(user))


def _authorised(user, decision) -> doc.Signatory:
    return doc.Signatory(
        name=str(user),
        title=decision.signatory_title,
        authority=_("Authorised by the decision of %(reference)s")
        % {"reference": decision.reference},
    )


def organisation_signatory(membership) -> doc.Signatory:
    """An association's signatory on a signature page: by the evidence an officer approved."""
    evidence = membership.signing_evidence
    return doc.Signatory(
        name=str(membership.user),
        title=str(Role.SIGNATORY.label),
        authority=_("Right to sign shown by %(evidence)s of %(date)s, approved %(approved)s")
        % {
            "evidence": evidence.get_kind_display().lower(),
            "date": evidence.given_on.isoformat(),
            "approved": timezone.localtime(membership.signing_approved_at).date().isoformat(),
        },
    )


def _approved_signatories(party: Party) -> list:
    memberships = current_memberships_of(party.organisation, Role.SIGNATORY).select_related(
        "user", "signing_evidence"
    )
    return [membership for membership in memberships if membership.may_sign]


def _contribution(contribution: Contribution, parties) -> doc.Contribution:
    """A contribution of its legal person; the municipality's says which board's it is when
    more than one board acts for it."""
    legal = next(p for p in parties if contribution.party in p.parties)
    description = contribution.description
    if len(legal.boards) > 1:
        description = _("%(description)s (through %(board)s)") % {
            "description": description,
            "board": _in_running_text(contribution.party.board.name),
        }
    return doc.Contribution(
        party=legal.name,
        kind=doc.ContributionKind(contribution.kind),
        description=description,
        value=contribution.amount_sek,
        period_start=contribution.period_start,
        period_end=contribution.period_end,
    )


def _personal_data(inquiry: IOPInquiry) -> dict:
    """The personal-data clause as the legal assessment found it; a processor agreement is an
    appendix. Without an assessment nothing is said to be processed or not: each party is its
    own controller."""
    assessment = LegalAssessment.objects.filter(inquiry=inquiry).first()
    if assessment is None:
        return {"personal_data_role": doc.PersonalDataRole.SEPARATE_CONTROLLERS}
    role = doc.PersonalDataRole(assessment.gdpr_role)
    attachments = []
    if role == doc.PersonalDataRole.PROCESSOR:
        attachments.append(_("Processor agreement under Article 28 of the GDPR"))
    return {
        "personal_data_role": role,
        "personal_data_terms": assessment.gdpr_arrangement,
        "attachments": attachments,
    }


def _legal_summary(
    inquiry: IOPInquiry, contributions: list[Contribution]
) -> doc.LegalSummary | None:
    assessment = LegalAssessment.objects.filter(inquiry=inquiry).first()
    if assessment is None:
        return None
    aid = [c for c in contributions if c.party.side == Party.Side.PUBLIC and c.recipient_id]
    return doc.LegalSummary(
        procurement=assessment.is_procurement,
        procurement_reasoning=assessment.procurement_reasoning,
        state_aid=assessment.is_state_aid,
        state_aid_reasoning=assessment.state_aid_reasoning,
        is_sgei=assessment.is_sgei,
        personal_data=assessment.get_gdpr_role_display(),
        conclusion_reasoning=assessment.conclusion_reasoning,
        aid_per_year=sum((c.amount_sek for c in aid), Decimal(0)),
        aid_total=sum((c.total_sek for c in aid), Decimal(0)),
    )


def _economy(inquiry: IOPInquiry, contributions: list[Contribution]) -> list[doc.EconomyRow]:
    """Each party's contributions, per year and over the period, in the parties' order."""
    rows = []
    for party in inquiry.parties.select_related("organisation", "board"):
        own = [c for c in contributions if c.party_id == party.pk]
        if own:
            rows.append(
                doc.EconomyRow(
                    party=party.name,
                    per_year=sum((c.amount_sek for c in own), Decimal(0)),
                    total=sum((c.total_sek for c in own), Decimal(0)),
                    is_city=party.board_id is not None,
                    is_idea_based=party.side == Party.Side.IDEA_BASED,
                )
            )
    return rows


def _officer(user) -> doc.Person:
    """The officer who wrote the memo, as the memo's Ansvariga name them."""
    return doc.Person(name=str(user), title=_("case officer"))


def _managers(boards) -> list[doc.Person]:
    """The manager each deciding board's administration named (for the board, or for all its
    boards), each once."""
    people = []
    for board in boards:
        manager = (
            ResponsibleManager.objects.filter(administration=board.administration_id)
            .filter(Q(board=board) | Q(board__isnull=True))
            .order_by(F("board").asc(nulls_last=True))
            .first()
        )
        person = doc.Person(name=manager.name, title=manager.title) if manager else None
        if person and person not in people:
            people.append(person)
    return people


def _in_sentence(name: str) -> str:
    """A board's name inside a sentence: "Fritidsnämnden" becomes "fritidsnämnden"."""
    return name[:1].lower() + name[1:]
