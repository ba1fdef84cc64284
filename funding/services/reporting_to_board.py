"""What goes to the board: the memo on an application beyond every delegation, the report of
delegated decisions (anmälan av delegationsbeslut), and the board's meetings with the day
each protocol's approval was announced (from which the three weeks to appeal run)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from casework import events
from casework import selectors as case_selectors
from documents.kinds import Kind
from documents.services import document_request
from notifications.models import Kind as NotificationKind
from notifications.services import notify
from organisations import policy as org_policy

from .. import delegation, letters, memos, policy, selectors
from ..actions import FundingAction
from ..models import BoardMeeting, Decider, FundingApplication, Status
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


def meeting_of(board, held_on: date) -> BoardMeeting:
    """The board's meeting on that day, recorded the first time it is named."""
    meeting, _created = BoardMeeting.objects.get_or_create(board=board, held_on=held_on)
    return meeting


@transaction.atomic
def decisions_report_to_board(
    *, board, acting_user, meeting_date: date, protocol_paragraph: str = ""
) -> int:
    """Mark every delegated decision not yet reported as reported at the board's meeting on
    ``meeting_date``, under ``protocol_paragraph`` of its protocol.

    The appeal time of a delegated decision runs from the protocol of this meeting.
    """
    _ensure_reports_for(board, acting_user)
    meeting = meeting_of(board, meeting_date)
    if protocol_paragraph.strip():
        meeting.delegation_paragraph = protocol_paragraph.strip()
        meeting.save(update_fields=["delegation_paragraph"])
    decisions = list(selectors.delegated_decisions(board).select_for_update(of=("self",)))
    for decision in decisions:
        decision.reported_to_board_on = meeting_date
        decision.reported_at = meeting
        decision.save(update_fields=["reported_to_board_on", "reported_at"])
        events.record(
            decision.application,
            acting_user,
            FundingAction.DECISION_REPORTED_TO_BOARD,
            data={
                "board": board.code,
                "meeting_date": meeting_date.isoformat(),
                "protocol_paragraph": meeting.delegation_paragraph,
                "decision_id": decision.pk,
            },
        )
    return len(decisions)


@transaction.atomic
def meeting_protocol_announce(*, meeting: BoardMeeting, acting_user, announced_on: date) -> int:
    """Record the day the approval of the meeting's protocol was announced on the notice board.

    The three weeks to appeal every decision taken at the meeting, and every delegated decision
    reported to it, run from this day (kommunallagen 13 kap. 5 §); each such case's log says
    so, and the organisation gets a new version of its decision letter that states the last
    day to appeal. Returns the number of decisions it concerns."""
    _ensure_reports_for(meeting.board, acting_user)
    meeting = BoardMeeting.objects.select_for_update().get(pk=meeting.pk)
    if announced_on < meeting.held_on:
        raise ValidationError(
            {"announced_on": _("The protocol is announced after the meeting, not before.")}
        )
    meeting.protocol_announced_on = announced_on
    meeting.save(update_fields=["protocol_announced_on"])
    decisions = [*meeting.decisions.all(), *meeting.reported_decisions.all()]
    for decision in decisions:
        events.record(
            decision.application,
            acting_user,
            FundingAction.PROTOCOL_ANNOUNCED,
            data={
                "board": meeting.board.code,
                "meeting_date": meeting.held_on.isoformat(),
                "announced_on": announced_on.isoformat(),
                "appeal_ends_on": meeting.appeal_ends_on.isoformat(),
                "decision_id": decision.pk,
            },
        )
        _tell_the_last_day(decision, meeting, acting_user)
    return len(decisions)


def _tell_the_last_day(decision, meeting: BoardMeeting, acting_user) -> None:
    """The decision letter again, now with the last day to appeal; the organisation is told."""
    if letters.reissue_decision_letter(decision, acting_user=acting_user) is None:
        return
    application = decision.application
    notify(
        recipients=case_selectors.case_members(application.case),
        kind=NotificationKind.DECISION,
        title=_("The decision in %(case)s can be appealed until %(date)s: see the new letter")
        % {"case": application.case.case_number, "date": meeting.appeal_ends_on.isoformat()},
        url=reverse("funding:application_detail", kwargs={"pk": application.pk}),
    )
