"""The letters of repayment claims and of special decisions on a demand for a decision.

Both are decisions sent to the organisation, in Swedish, produced by the documents app after
the deciding transaction commits. A repayment claim is appealed as the grant is, by
laglighetsprövning (kommunallagen 13 kap.): ``funding.letters.legality_appeal`` says how.
"""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format

from casework.models import DemandRejection
from documents import contexts
from documents import letters as shared
from documents import services as document_services
from documents.kinds import Kind
from documents.models import Document
from documents.templatetags.document_format import sek

from .letters import legality_appeal
from .models import FundingApplication, RepaymentClaim

GROUNDS = {
    RepaymentClaim.Ground.NOT_USED_AS_GRANTED: (
        "Återrapporteringen visar att bidraget inte har använts till det som det beviljades för."
    ),
    RepaymentClaim.Ground.NO_REPORT_BACK: (
        "Föreningen har inte återrapporterat hur bidraget har använts, trots påminnelse, och "
        "tiden för återrapporteringen har gått ut."
    ),
}
DEFAULT_TITLE = "handläggare"


def _swedish_date(day) -> str:
    """5 januari 2027: the letter is Swedish whoever asks for it."""
    with translation.override("sv"):
        return date_format(day, "j F Y")


def appeal_for(application: FundingApplication) -> contexts.Appeal:
    """How a repayment claim is appealed: by laglighetsprövning to the municipality's court,
    from the announcement of the protocol of the meeting it is reported to (not yet known when
    the letter is made)."""
    return legality_appeal(None)


def _officer(user) -> contexts.Person:
    return contexts.Person(name=user.get_full_name() or user.get_username(), email=user.email)


def _recipient(application: FundingApplication) -> contexts.OrganisationRef:
    organisation = application.organisation
    return contexts.OrganisationRef(name=organisation.name, org_number=organisation.org_number)


def claim_context(claim: RepaymentClaim) -> contexts.RepaymentClaimContext:
    application = claim.application
    programme, board = application.programme, application.programme.board
    paid_out = sum((payout.amount for payout in application.payouts.all()), start=0)
    return contexts.RepaymentClaimContext(
        case_number=application.case.case_number,
        document_date=timezone.localdate(),
        subject=f"Återbetalning av {programme.name.lower()}: {application.title}",
        recipient=_recipient(application),
        decision=(
            f"{board.name} beslutar att {application.organisation.name} ska betala tillbaka "
            f"{sek(claim.amount)} av det bidrag ur {programme.name.lower()} som betalades ut "
            f"för {application.title}. Beloppet ska vara betalt senast den "
            f"{_swedish_date(claim.due_on)}."
        ),
        ground=GROUNDS[claim.ground],
        reasons=claim.reason,
        amount=claim.amount,
        amount_paid_out=paid_out,
        payment=contexts.Payment(
            due_on=claim.due_on,
            account=settings.CITY_BANKGIRO,
            reference=application.case.case_number,
        ),
        decided_by=shared.delegated(
            claim.opened_by,
            board.name,
            title=claim.decider_title or DEFAULT_TITLE,
            point=claim.authority,
        ),
        appeal=appeal_for(application),
        legal_basis=[
            f"Villkoren för {programme.name.lower()}: bidraget ska användas till det som det "
            "beviljades för och återrapporteras i tid, annars kan det krävas tillbaka.",
            "Beslutet om bidrag och dess villkor om återrapportering och återbetalning.",
        ],
        officer=_officer(claim.opened_by),
    )


def request_claim_letter(claim_id: int) -> None:
    """Ask the documents app for the claim's letter, once per claim."""
    claim = RepaymentClaim.objects.select_related(
        "application__case",
        "application__programme__board",
        "application__organisation",
        "opened_by",
    ).get(pk=claim_id)
    case = claim.application.case
    # The n-th claim of the application has the n-th letter: asked twice, it is not sent twice.
    nth = RepaymentClaim.objects.filter(application=claim.application, pk__lte=claim.pk).count()
    if Document.objects.filter(case=case, kind=Kind.REPAYMENT_CLAIM).count() >= nth:
        return
    document_services.document_request(
        case=case,
        kind=Kind.REPAYMENT_CLAIM,
        context=claim_context(claim),
        acting_user=claim.opened_by,
        final=True,
    )


def demand_rejection_context(
    rejection: DemandRejection, application: FundingApplication
) -> contexts.DemandRejectionContext:
    board = application.programme.board
    # The court that would hear an appeal of the decision in the case (12 §): the municipality's.
    court = settings.APPEAL_COURT
    return contexts.DemandRejectionContext(
        case_number=rejection.case.case_number,
        document_date=timezone.localdate(),
        subject=f"Er begäran att ärendet ska avgöras: {application.title}",
        recipient=_recipient(application),
        demanded_on=rejection.demanded_on,
        decision=f"{board.name} avslår er begäran att ärendet ska avgöras.",
        reasons=rejection.reasons,
        decided_by=shared.delegated(
            rejection.decided_by,
            board.name,
            title=rejection.decider_title or DEFAULT_TITLE,
            point=rejection.authority,
        ),
        court=court,
        send_to=board.name,
        officer=_officer(rejection.decided_by),
        # A grant is appealed by laglighetsprövning, so the rejection of the demand is too (12 §).
        appeal=appeal_for(application),
    )


def request_demand_rejection_letter(rejection_id: int) -> None:
    rejection = DemandRejection.objects.select_related("case", "decided_by").get(pk=rejection_id)
    application = FundingApplication.objects.select_related("programme__board", "organisation").get(
        case=rejection.case
    )
    document_services.document_request(
        case=rejection.case,
        kind=Kind.DEMAND_REJECTION,
        context=demand_rejection_context(rejection, application),
        acting_user=rejection.decided_by,
        final=True,
    )
