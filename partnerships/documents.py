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

from . import selectors
from .models import AgreementVersion, Contribution, IOPInquiry, Memo


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
    parties = selectors.legal_parties(inquiry)
    context = doc.AgreementContext(
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
    )
    return document_request(
        case=inquiry.case,
        kind=Kind.IOP_AGREEMENT,
        context=context,
        acting_user=acting_user,
        final=True,
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
    )


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
    )


def _administration(user) -> str:
    """The administration the memo's officer works in."""
    membership = user.memberships.filter(organisation__kind="administration").first()
    return membership.organisation.name if membership else ""


def _no_date() -> date:
    # The boards' meeting dates are set by their secretaries; the memo shows today's date
    # until the planning is known.
    return timezone.localdate()
