"""What goes to the board: the officer's memo on an application beyond every delegation, and
the list of delegated decisions reported at the board's next meeting.

Both are documents in Swedish, whatever language the officer uses; the texts built here are
translated with Swedish switched on.
"""

from datetime import date

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from documents import contexts, rendering
from documents.kinds import Kind
from documents.language import in_document_language

from .models import BoardMeeting, Decision, FundingApplication
from .selectors import delegated_decisions, reported_decisions


def _kr(amount) -> str:
    return f"{amount or 0:,.0f}".replace(",", " ") + " kr"


def _person(user):
    return contexts.Person(name=str(user), email=user.email)


def administration_of(user) -> str:
    """The city administration the person works in."""
    membership = (
        user.memberships.filter(organisation__kind="administration")
        .select_related("organisation")
        .first()
    )
    return membership.organisation.name if membership else ""


def proposal_for(application: FundingApplication) -> str:
    """The proposal the memo suggests, from the assessment: one line per point."""
    assessment = getattr(application, "assessment", None)
    board = application.programme.board.name
    with translation.override("sv"):
        if assessment is None or assessment.proposed_outcome == "rejected":
            return _("%(board)s rejects the application from %(organisation)s.") % {
                "board": board,
                "organisation": application.organisation.name,
            }
        return _(
            "%(board)s grants %(organisation)s %(amount)s from %(programme)s for %(title)s."
        ) % {
            "board": board,
            "organisation": application.organisation.name,
            "amount": _kr(assessment.proposed_amount),
            "programme": application.programme.name,
            "title": application.title,
        }


@in_document_language
def memo_context(
    application: FundingApplication, officer, *, summary: str, proposal: str, meeting_date: date
):
    board = application.programme.board
    assessment = getattr(application, "assessment", None)
    with translation.override("sv"):
        sections = [
            contexts.TextSection(_("The application"), application.purpose),
            contexts.TextSection(_("Who the activity is for"), application.target_group),
            contexts.TextSection(_("Assessment"), assessment.summary if assessment else ""),
            contexts.TextSection(
                _("Financial consequences"),
                _("%(applied)s is applied for. %(left)s is left of the programme's budget.")
                % {
                    "applied": _kr(application.amount_applied),
                    "left": _kr(application.programme.budget_remaining),
                },
            ),
        ]
        return contexts.MemoContext(
            case_number=application.case.case_number,
            document_date=timezone.localdate(),
            title=f"{application.programme.name}: {application.title} "
            f"({application.organisation.name})",
            administration=administration_of(officer),
            officer=_person(officer),
            summary=summary,
            proposal_intro=_("%(board)s is proposed to decide") % {"board": board.name},
            proposals=[line.strip() for line in proposal.splitlines() if line.strip()],
            decision_basis=[
                _("Application %(case)s with its attachments")
                % {"case": application.case.case_number},
                _("This memo"),
            ],
            planning=[contexts.PlanningStep(body=board.name, meeting_date=meeting_date)],
            sections=[section for section in sections if section.text],
            responsible=[_person(officer)],
            distribution=[application.organisation.name],
        )


def delegation_list_context(
    board, decisions: list[Decision], *, meeting_date: date | None, acting_user, meeting=None
):
    """The delegated decisions on the board's programmes, for its next meeting or as reported
    at a past ``meeting``. The list is no case of its own: its reference is the board's code
    and the meeting date."""
    day = meeting_date or timezone.localdate()
    with translation.override("sv"):
        rows = [
            contexts.DelegatedDecision(
                case_number=decision.application.case.case_number,
                decided_on=timezone.localdate(decision.decided_at),
                subject=f"{decision.application.programme.name}: {decision.application.title}",
                recipient=decision.application.organisation.name,
                decision=str(decision.get_outcome_display()),
                amount_granted=decision.amount_granted,
                decided_by=f"{decision.decided_by}, {decision.get_authority_display()}",
                delegation_point=decision.delegation_point,
            )
            for decision in decisions
        ]
    return contexts.DelegationListContext(
        case_number=f"{board.code.upper()} {day:%Y-%m-%d}",
        document_date=timezone.localdate(),
        board=board.name,
        administration=administration_of(acting_user),
        meeting_date=meeting_date,
        decisions=rows,
        protocol_paragraph=meeting.delegation_paragraph if meeting else "",
        announced_on=meeting.protocol_announced_on if meeting else None,
        appeal_ends_on=meeting.appeal_ends_on if meeting else None,
    )


def delegation_list_pdf(board, *, meeting_date: date | None, acting_user) -> bytes:
    """The delegated decisions reported at the board's meeting on ``meeting_date``, as they
    were (any past meeting's list is reproduced from the decisions reported to it); for a
    meeting with nothing reported yet, the decisions not yet reported, to put before it."""
    meeting = (
        BoardMeeting.objects.filter(board=board, held_on=meeting_date).first()
        if meeting_date
        else None
    )
    reported = list(reported_decisions(meeting)) if meeting else []
    context = delegation_list_context(
        board,
        reported or list(delegated_decisions(board)),
        meeting_date=meeting_date,
        acting_user=acting_user,
        meeting=meeting,
    )
    return rendering.render_pdf(Kind.DELEGATION_LIST, context)
