"""The letter of a special decision rejecting a demand for a decision (förvaltningslagen 12 §)
on an IOP inquiry that an idea-based organisation opened.

The decision in an IOP inquiry is the boards' decision on the partnership, a decision of the
municipality appealed by laglighetsprövning (kommunallagen 13 kap.) to the administrative
court. Under 12 § a rejection of the demand is appealed to the court that would hear an appeal
of that decision, and so the same way: the letter says so, with the court, the three weeks from
the announcement on the notice board and where the notice board is found.
"""

from django.conf import settings
from django.utils import timezone

from casework.models import DemandRejection
from documents import contexts as doc
from documents import letters
from documents.kinds import Kind
from documents.language import in_document_language
from documents.models import Document
from documents.services import document_request

from .models import IOPInquiry, Party

DEFAULT_TITLE = "handläggare"


def _deciding_board(inquiry: IOPInquiry):
    """The board that handles the inquiry for the city: the first public party's."""
    party = inquiry.parties.filter(side=Party.Side.PUBLIC, board__isnull=False).first()
    return party.board if party else None


def _recipient(organisation) -> doc.OrganisationRef:
    lines = [organisation.street_address, f"{organisation.postal_code} {organisation.city}"]
    return doc.OrganisationRef(
        name=organisation.name,
        org_number=organisation.org_number,
        address="\n".join(line.strip() for line in lines if line.strip()),
    )


@in_document_language
def demand_rejection_context(
    rejection: DemandRejection, inquiry: IOPInquiry
) -> doc.DemandRejectionContext:
    board = _deciding_board(inquiry)
    body = board.name if board else settings.CITY_NAME
    user = rejection.decided_by
    return doc.DemandRejectionContext(
        case_number=inquiry.case.case_number,
        document_date=timezone.localdate(),
        subject=f"Er begäran att ärendet ska avgöras: {inquiry.case.title}",
        recipient=_recipient(inquiry.case.organisation),
        demanded_on=rejection.demanded_on,
        decision=f"{body} avslår er begäran att ärendet ska avgöras.",
        reasons=rejection.reasons,
        decided_by=letters.delegated(
            user, body, title=rejection.decider_title or DEFAULT_TITLE, point=rejection.authority
        ),
        court=settings.APPEAL_COURT,
        # A laglighetsprövning is lodged with the court itself (kommunallagen 13 kap. 4 §).
        send_to=settings.APPEAL_COURT,
        officer=doc.Person(name=str(user), email=user.email),
        appeal=letters.legality_appeal(),
    )


def request_demand_rejection_letter(rejection_id: int) -> Document:
    rejection = DemandRejection.objects.select_related("case", "decided_by").get(pk=rejection_id)
    inquiry = IOPInquiry.objects.select_related("case__organisation").get(case=rejection.case)
    return document_request(
        case=rejection.case,
        kind=Kind.DEMAND_REJECTION,
        context=demand_rejection_context(rejection, inquiry),
        acting_user=rejection.decided_by,
        final=True,
    )
