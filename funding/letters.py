"""The decision letter: built from the decision, produced by the documents app after commit.

Grants are decisions under kommunallagen, appealed by laglighetsprövning (13 kap.); a
delegated decision's appeal time runs from the protocol where it was reported to the board.
"""

from django.utils import timezone

from documents import contexts
from documents import services as document_services
from documents.kinds import Kind
from documents.language import in_document_language
from documents.models import Document

from .models import Decider, Decision


@in_document_language
def decision_context(decision: Decision):
    application = decision.application
    board = application.programme.board
    delegated = decision.authority != Decider.BOARD
    return contexts.DecisionContext(
        case_number=application.case.case_number,
        document_date=timezone.localdate(),
        subject=f"{application.programme.name}: {application.title}",
        recipient=contexts.OrganisationRef(
            name=application.organisation.name, org_number=application.organisation.org_number
        ),
        outcome=contexts.Outcome(decision.outcome),
        decision=decision.get_outcome_display(),
        reasons=decision.reasons,
        decided_by=contexts.DecisionMaker(
            name=str(decision.decided_by),
            title=decision.get_authority_display(),
            authority=contexts.Authority.DELEGATION if delegated else contexts.Authority.BOARD,
            body=board.name,
            delegation_point=decision.delegation_point,
            meeting_date=decision.meeting_date,
            protocol_paragraph=decision.protocol_paragraph,
        ),
        appeal=contexts.Appeal(
            route=contexts.AppealRoute.LEGALITY_REVIEW,
            court=application.programme.appeal_court,
            send_to=board.name,
        ),
        amount_applied=application.amount_applied,
        amount_granted=decision.amount_granted,
    )


def request_decision_letter(decision_id: int) -> None:
    """Ask the documents app for the final decision letter, once per decision."""
    decision = Decision.objects.select_related(
        "application__case",
        "application__programme__board",
        "application__organisation",
        "decided_by",
    ).get(pk=decision_id)
    case = decision.application.case
    if Document.objects.filter(case=case, kind=Kind.DECISION_LETTER).exists():
        return
    document_services.document_request(
        case=case,
        kind=Kind.DECISION_LETTER,
        context=decision_context(decision),
        acting_user=decision.decided_by,
        final=True,
    )
