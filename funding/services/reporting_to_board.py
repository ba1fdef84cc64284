"""Reporting delegated decisions to the board (anmälan av delegationsbeslut)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction

from casework import events
from organisations import policy as org_policy

from .. import selectors


@transaction.atomic
def decisions_report_to_board(*, board, acting_user, meeting_date: date) -> int:
    """Mark every delegated decision not yet reported as reported at ``meeting_date``.

    The appeal time of a delegated decision runs from the protocol of this meeting.
    """
    if not (
        org_policy.sees_all_cases(acting_user)
        or board.pk in org_policy.roles_of(acting_user).board_ids
    ):
        raise PermissionDenied("Only the board's secretary or an officer reports decisions.")
    decisions = list(selectors.delegated_decisions(board).select_for_update(of=("self",)))
    for decision in decisions:
        decision.reported_to_board_on = meeting_date
        decision.save(update_fields=["reported_to_board_on"])
        events.record(
            decision.application,
            acting_user,
            "decision_reported_to_board",
            data={
                "board": board.code,
                "meeting_date": meeting_date.isoformat(),
                "decision_id": decision.pk,
            },
        )
    return len(decisions)
