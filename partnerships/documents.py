"""The one place the IOP app asks the documents app for a PDF: the memo and the agreement.

Each function builds the document's context from the case data and calls
``documents.services.document_request``; the PDF is produced in the background.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import contexts as doc
from documents.kinds import Kind
from documents.language import in_document_language
from documents.models import Document, Signing
from documents.services import document_request, document_sign
from organisations.models import Role
from organisations.selectors import current_memberships_of

from . import policy
from .models import AgreementVersion, Contribution, IOPInquiry, Memo, Party


def _person(user) -> doc.Person:
    return doc.Person(name=str(user), email=user.email)


@in_document_language
def request_memo(memo: Memo, acting_user) -> Document:
    """The tjänsteskrivelse to the deciding boards, from the memo the officer wrote."""
    inquiry = memo.inquiry
    boards = [board.name for board in memo.boards.all()]
    context = doc.MemoContext(
        case_number=inquiry.case.case_number,
        document_date=timezone.localdate(),
        title=inquiry.case.title,
        administration=_administration(acting_user),
        officer=_person(acting_user),
        summary=memo.summary,
        proposal_intro="",
        proposals=[line for line in memo.proposal.splitlines() if line.strip()],
        decision_basis=[f"{inquiry.case.case_number} v{memo.version.number}"],
        planning=[doc.PlanningStep(body=name, meeting_date=_no_date()) for name in boards],
        sections=[
            doc.TextSection(_("Purpose"), inquiry.purpose),
            doc.TextSection(_("Target group"), inquiry.target_group),
            doc.TextSection(_("Common public-benefit goal"), inquiry.public_benefit_goal),
        ],
        responsible=[_person(acting_user)],
        distribution=[line for line in memo.distribution.splitlines() if line.strip()],
    )
    return document_request(
        case=inquiry.case, kind=Kind.BOARD_MEMO, context=context, acting_user=acting_user
    )


@in_document_language
def request_final_agreement(version: AgreementVersion, acting_user) -> Document:
    """The final agreement PDF the parties sign: produced once, never changed."""
    inquiry = version.inquiry
    parties = list(
        inquiry.parties.filter(left_at__isnull=True).select_related("organisation", "board")
    )
    context = doc.AgreementContext(
        case_number=inquiry.case.case_number,
        document_date=timezone.localdate(),
        title=inquiry.case.title,
        parties=[_party(party) for party in parties],
        background=inquiry.purpose,
        values=inquiry.public_benefit_goal,
        purpose=inquiry.purpose,
        goals=[doc.Goal(title=line) for line in version.goals.splitlines() if line.strip()],
        contributions=[_contribution(c) for c in version.contributions.select_related("party")],
        governance=doc.Governance(responsibilities=version.governance),
        period_start=version.period_start,
        period_end=version.period_end,
        notice_months=version.notice_months,
        finances=version.budget,
        follow_up=version.follow_up,
    )
    return document_request(
        case=inquiry.case,
        kind=Kind.IOP_AGREEMENT,
        context=context,
        acting_user=acting_user,
        final=True,
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
    return document_sign(
        document=document,
        acting_user=acting_user,
        party=party.name,
        signer_role=signatory.title,
        authority=signatory.authority,
        method=Signing.Method.PORTAL_CLICK,
    )


def _party(party: Party) -> doc.AgreementParty:
    return doc.AgreementParty(
        name=party.name,
        org_number=party.organisation.org_number,
        is_public=party.side == Party.Side.PUBLIC,
        signatories=_signatories(party),
    )


def _signatories(party: Party) -> list[doc.Signatory]:
    """The places on the signature page: the person each deciding board authorised, or the
    organisation's signatories whose right an officer approved (one empty place if none)."""
    if party.board_id:
        return [
            _authorised(decision.signatory, decision)
            for decision in policy.authorising_decisions(party)
            if decision.signatory_id
        ] or [doc.Signatory(name="")]
    return [_organisation_signatory(membership) for membership in _approved_signatories(party)] or [
        doc.Signatory(name="", title=str(Role.SIGNATORY.label))
    ]


def _signatory_now(party: Party, user) -> doc.Signatory:
    """Who signs, in which role and by what right, as the signing record keeps it."""
    if party.board_id:
        for decision in policy.authorising_decisions(party):
            if decision.signatory_id == user.pk:
                return _authorised(user, decision)
            if decision.signatory_id is None:
                return doc.Signatory(
                    name=str(user),
                    title=str(Role.BOARD_SECRETARY.label),
                    authority=_("For %(reference)s; the decision named no one to sign")
                    % {"reference": decision.reference},
                )
    for membership in _approved_signatories(party):
        if membership.user_id == user.pk:
            return _organisation_signatory(membership)
    return doc.Signatory(name=str(user))


def _authorised(user, decision) -> doc.Signatory:
    return doc.Signatory(
        name=str(user),
        title=decision.signatory_title,
        authority=_("Authorised by the decision of %(reference)s")
        % {"reference": decision.reference},
    )


def _organisation_signatory(membership) -> doc.Signatory:
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


def _contribution(contribution: Contribution) -> doc.Contribution:
    return doc.Contribution(
        party=contribution.party.name,
        kind=doc.ContributionKind(contribution.kind),
        description=contribution.description,
        value=contribution.amount_sek,
    )


def _administration(user) -> str:
    """The administration the memo's officer works in."""
    membership = user.memberships.filter(organisation__kind="administration").first()
    return membership.organisation.name if membership else ""


def _no_date() -> date:
    # The boards' meeting dates are set by their secretaries; the memo shows today's date
    # until the planning is known.
    return timezone.localdate()
