"""The decision letter: built from the decision, produced by the documents app after commit.

What a letter must hold is förvaltningslagen 32–33 §§: the decision as a sentence, the reasons
with the rules applied, the conditions, who decided and on what authority, whom to ask, and how
to appeal. Grants are decisions under kommunallagen, appealed by laglighetsprövning (13 kap.)
to the administrative court the municipality configures (``settings.APPEAL_COURT``), within
three weeks of the day the approval of the protocol was announced on the notice board; for a
delegated decision, the protocol of the meeting where it was reported to the board.
"""

from datetime import timedelta

from django.utils import timezone, translation

from documents import contexts
from documents import letters as shared
from documents import services as document_services
from documents.kinds import Kind, load_context
from documents.language import in_document_language
from documents.models import Document
from documents.templatetags.document_format import sek
from organisations.models import Role

from .models import BoardMeeting, Decider, Decision, FundingApplication, FundingProgramme
from .models.handling import Outcome

# The delegate's title as the letter names it, by the step of the delegation order.
TITLES = {Decider.OFFICER: "handläggare", Decider.DELEGATE: "enhetschef"}


def _lower_first(text: str) -> str:
    """ "Lovaktivitetsbidrag" → "lovaktivitetsbidrag"; an acronym ("IOP-bidrag") stays."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def decision_sentence(decision: Decision) -> str:
    """The decision as the board states it: who grants whom how much, for what, or rejects."""
    application = decision.application
    board = application.programme.board.name
    programme = _lower_first(application.programme.name)
    organisation = application.organisation.name
    if decision.outcome == Outcome.REJECTED:
        return f"{board} avslår ansökan från {organisation} om {programme} för {application.title}."
    granted = sek(decision.amount_granted)
    sentence = f"{board} beviljar {organisation} {granted} i {programme} för {application.title}."
    if decision.outcome == Outcome.PARTLY_APPROVED:
        sentence += f" Ansökan gällde {sek(application.amount_applied)}; i övrigt avslås ansökan."
    return sentence


def programme_rules(programme: FundingProgramme) -> list[str]:
    """The programme's conditions, numbered as the letter cites them ("punkt 1", ...)."""
    rules = [
        f"Bidraget kan sökas av idéburna organisationer; högst {sek(programme.max_amount)} "
        "per ansökan och inom programmets budget."
    ]
    if programme.min_members:
        rules.append(f"Organisationen ska ha minst {programme.min_members} medlemmar.")
    evidence = [str(requirement) for requirement in programme.evidence_requirements.all()]
    if evidence:
        rules.append("Organisationen ska visa: " + "; ".join(evidence).lower() + ".")
    attachments = [str(required) for required in programme.required_attachments.all()]
    if attachments:
        rules.append("Till ansökan ska bifogas: " + "; ".join(attachments).lower() + ".")
    rules.append(f"Ansökan ska ha kommit in senast {programme.closes_on:%Y-%m-%d}.")
    rules.append(
        f"Bidraget redovisas senast {programme.report_back_days} dagar efter att aktiviteten "
        "har avslutats; bidrag som inte används som det har beviljats betalas tillbaka."
    )
    return rules


def _report_back_due(application: FundingApplication) -> str:
    days = application.programme.report_back_days
    if application.activity_end:
        return f"senast den {application.activity_end + timedelta(days=days):%Y-%m-%d}"
    return f"senast {days} dagar efter att aktiviteten har avslutats"


def grant_conditions(application: FundingApplication) -> list[str]:
    """What the grant is conditional on: the report-back, where it is paid, repayment."""
    organisation = application.organisation
    if organisation.giro_number:
        account = f"{organisation.get_giro_kind_display().lower()} {organisation.giro_number}"
        paid_to = f"föreningens kontrollerade {account}, som ska stå i föreningens namn"
    else:
        paid_to = (
            "ett bankgiro eller plusgiro i föreningens namn som förvaltningen har kontrollerat"
        )
    return [
        f"Bidraget får bara användas till {application.title} så som det har beviljats.",
        f"Föreningen redovisar {_report_back_due(application)} vad som har gjorts och hur "
        "bidraget har använts: en beskrivning av aktiviteten, det använda beloppet och "
        "underlag för kostnaderna.",
        f"Bidraget betalas bara ut till {paid_to}.",
        "Om bidraget inte används som det har beviljats, eller om redovisningen inte kommer "
        "in, kan nämnden besluta att bidraget helt eller delvis ska betalas tillbaka "
        "(återkrav).",
    ]


def legality_appeal(meeting: BoardMeeting | None, paragraph: str = "") -> contexts.Appeal:
    """How a decision of the municipality is appealed by laglighetsprövning, from the day the
    approval of ``meeting``'s protocol was announced on the notice board (the meeting that
    decided, or the one a delegated decision was reported to; ``None`` while it is not known).
    Any letter of a decision appealed this way (a grant, a repayment claim) uses it."""
    if meeting is None:
        return shared.legality_appeal()
    return shared.legality_appeal(
        meeting_date=meeting.held_on,
        protocol_paragraph=paragraph,
        announced_on=meeting.protocol_announced_on,
        ends_on=meeting.appeal_ends_on,
    )


def _appeal(decision: Decision) -> contexts.Appeal:
    meeting = decision.appeal_meeting
    if decision.authority == Decider.BOARD:
        return legality_appeal(meeting, decision.protocol_paragraph)
    return legality_appeal(meeting, meeting.delegation_paragraph if meeting else "")


def _decision_maker(decision: Decision, board) -> contexts.DecisionMaker:
    if decision.authority == Decider.BOARD:
        # The board decides; its secretary records the decision and signs the letter for it.
        return contexts.DecisionMaker(
            name="",
            title="",
            authority=contexts.Authority.BOARD,
            body=board.name,
            meeting_date=decision.meeting_date,
            protocol_paragraph=decision.protocol_paragraph,
            signed_by=contexts.Person(
                name=str(decision.decided_by),
                title=str(Role.BOARD_SECRETARY.label).lower(),
                email=decision.decided_by.email,
            ),
        )
    point = decision.delegation_point
    return shared.delegated(
        decision.decided_by,
        board.name,
        title=TITLES.get(decision.authority, str(decision.get_authority_display()).lower()),
        point=f"punkt {point} i {board.name.lower()}s delegationsordning" if point else "",
    )


def _office(board) -> contexts.OrganisationRef:
    administration = board.administration
    lines = [administration.street_address, f"{administration.postal_code} {administration.city}"]
    if administration.email:
        lines.append(administration.email)
    return contexts.OrganisationRef(
        name=administration.name,
        org_number=administration.org_number,
        address="\n".join(line.strip() for line in lines if line.strip()),
    )


def _officer(application: FundingApplication, decision: Decision) -> contexts.Person:
    """The handling officer: who assessed the application, else who decided it."""
    assessment = getattr(application, "assessment", None)
    user = assessment.assessor if assessment else decision.decided_by
    return contexts.Person(name=str(user), title="handläggare", email=user.email)


@in_document_language
def decision_context(decision: Decision) -> contexts.DecisionContext:
    application = decision.application
    programme = application.programme
    board = programme.board
    # The letter leaves the municipality: Swedish, whoever asked for it (språklagen 10 §).
    with translation.override("sv"):
        legal_basis = []
        if decision.authority != Decider.BOARD and decision.delegation_point:
            legal_basis.append(
                f"{board.name}s delegationsordning, punkt {decision.delegation_point}."
            )
        return contexts.DecisionContext(
            case_number=application.case.case_number,
            document_date=timezone.localdate(),
            subject=f"Beslut om {_lower_first(programme.name)} till {application.organisation}",
            recipient=contexts.OrganisationRef(
                name=application.organisation.name,
                org_number=application.organisation.org_number,
                address=_recipient_address(application.organisation),
            ),
            outcome=contexts.Outcome(decision.outcome),
            decision=decision_sentence(decision),
            reasons=decision.reasons,
            decided_by=_decision_maker(decision, board),
            appeal=_appeal(decision),
            amount_applied=application.amount_applied,
            amount_granted=decision.amount_granted,
            conditions=[]
            if decision.outcome == Outcome.REJECTED
            else grant_conditions(application),
            legal_basis=legal_basis,
            officer=_officer(application, decision),
            office=_office(board),
            rules_title=f"villkoren för {programme.name}, fastställda av {board.name}",
            rules=programme_rules(programme),
        )


def _recipient_address(organisation) -> str:
    lines = [organisation.street_address, f"{organisation.postal_code} {organisation.city}"]
    return "\n".join(line.strip() for line in lines if line.strip())


def request_decision_letter(decision_id: int) -> None:
    """Ask the documents app for the final decision letter, once per decision."""
    decision = Decision.objects.select_related(
        "application__case",
        "application__programme__board__administration",
        "application__organisation",
        "application__assessment__assessor",
        "decided_by",
        "meeting",
        "reported_at",
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


def reissue_decision_letter(decision: Decision, *, acting_user) -> Document | None:
    """A new version of the decision letter once the protocol that starts the time to appeal
    has been announced: it states the day of the announcement and the last day to appeal.
    Earlier versions stay as they were sent. Nothing is made when the newest version already
    states this announcement, so asking twice makes one version."""
    case = decision.application.case
    context = decision_context(decision)
    latest = (
        Document.objects.filter(case=case, kind=Kind.DECISION_LETTER).order_by("-version").first()
    )
    if latest is not None:
        stated = load_context(Kind.DECISION_LETTER, latest.context).appeal
        if (stated.announced_on, stated.ends_on) == (
            context.appeal.announced_on,
            context.appeal.ends_on,
        ):
            return None
    return document_services.document_request(
        case=case,
        kind=Kind.DECISION_LETTER,
        context=context,
        acting_user=acting_user,
        final=True,
    )
