"""What goes to the board: the memo on an application beyond every delegation, and the
report of delegated decisions (anmälan av delegationsbeslut)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from casework import events
from documents.kinds import Kind
from documents.services import document_request
from organisations import policy as org_policy

from .. import delegation, memos, policy, selectors
from ..actions import FundingAction
from ..models import Decider, FundingApplication, Status
from .applying import _locked


@transaction.atomic
def board_memo_request(
    *,
    application: FundingApplication,
    acting_user,
    summary: str,
    proposal: str,
    meeting_date: date,
):
    """The officer's memo (tjänsteskrivelse) that puts the application before the board; the
    final PDF is produced in the background and the board's secretary sees it on the case."""

    policy.ensure_handles_cases(acting_user)
    application = _locked(application)
    if (
        application.status != Status.AWAITING_DECISION
        or delegation.route_of(application).decider != Decider.BOARD
    ):
        raise ValidationError(_("Only an application the board decides gets a memo."))
    if not [line for line in proposal.splitlines() if line.strip()]:
        raise ValidationError({"proposal": _("Write the proposed decision.")})
    context = memos.memo_context(
        application,
        acting_user,
        summary=summary.strip(),
        proposal=proposal,
        meeting_date=meeting_date,
    )
    document = document_request(
        case=application.case,
        kind=Kind.BOARD_MEMO,
        context=context,
        acting_user=acting_user,
        final=True,
    )
    events.record(
        application,
        acting_user,
        FundingAction.BOARD_MEMO_WRITTEN,
        data={"document_id": document.pk, "meeting_date": meeting_date.isoformat()},
    )
    return document


def _ensure_reports_for(board, acting_user) -> None:
    if not (
        org_policy.sees_all_cases(acting_user)
        or board.pk in org_policy.roles_of(acting_user).board_ids
    ):
        raise PermissionDenied("Only the board's secretary or an officer reports decisions.")


@transaction.atomic
def decisions_report_to_board(*, board, acting_user, meeting_date: date) -> int:
    """Mark every delegated decision not yet reported as reported at ``meeting_date``.

    The appeal time of a delegated decision runs from the protocol of this meeting.
    """
    _ensure_reports_for(board, acting_user)
    decisions = list(selectors.delegated_decisions(board).select_for_update(of=("self",)))
    for decision in decisions:
        decision.reported_to_board_on = meeting_date
        decision.save(update_fields=["reported_to_board_on"])
        events.record(
            decision.application,
            acting_user,
            FundingAction.DECISION_REPORTED_TO_BOARD,
            data={
                "board": board.code,
                "meeting_date": meeting_date.isoformat(),
                "decision_id": decision.pk,
            },
        )
    return len(decisions)
