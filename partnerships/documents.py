"""The one place the IOP app asks the documents app for a PDF: the memo and the agreement.

Each function builds the document's context from the case data and calls
``documents.services.document_request``; the PDF is produced in the background.
"""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from documents import contexts as doc
from documents.kinds import Kind
from documents.language import in_document_language
from documents.models import Document
from documents.services import document_request

from . import state_aid
from .models import (
    AgreementVersion,
    AidRoute,
    Contribution,
    IOPInquiry,
    LegalAssessment,
    Memo,
    Party,
)


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
        state_aid=state_aid_statement(memo.version),
    )
    return document_request(
        case=inquiry.case, kind=Kind.BOARD_MEMO, context=context, acting_user=acting_user
    )


@in_document_language
def request_final_agreement(version: AgreementVersion, acting_user) -> Document:
    """The final agreement PDF the parties sign: produced once, never changed."""
    inquiry = version.inquiry
    parties = list(inquiry.parties.select_related("organisation", "board"))
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
        state_aid=state_aid_statement(version),
    )
    return document_request(
        case=inquiry.case,
        kind=Kind.IOP_AGREEMENT,
        context=context,
        acting_user=acting_user,
        final=True,
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


def agreement_checksum(inquiry: IOPInquiry) -> str:
    """The SHA-256 of the final agreement PDF, once produced (empty while it is produced)."""
    document = (
        Document.objects.filter(
            case=inquiry.case, kind=Kind.IOP_AGREEMENT, status=Document.Status.FINAL
        )
        .order_by("-version")
        .first()
    )
    return document.sha256 if document else ""


def _party(party: Party) -> doc.AgreementParty:
    return doc.AgreementParty(
        name=party.name,
        org_number=party.organisation.org_number,
        is_public=party.side == Party.Side.PUBLIC,
    )


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
