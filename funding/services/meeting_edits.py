"""A board meeting's dates and protocol § changed in the administration, kept in the audit log.

The meeting date, the protocol § of the report of delegated decisions and the day the approval
of the protocol was announced decide what the letters say and when the three weeks to appeal
end (kommunallagen 13 kap. 5 §). An administrator may correct them in the admin; each change
is recorded with who, when, the old and the new value, on the meeting and on the case of every
decision taken or reported there, in the admin's own transaction."""

from django.db import transaction

from casework import events

from ..actions import FundingAction
from ..models import BoardMeeting

AUDITED = ("held_on", "delegation_paragraph", "protocol_announced_on")


def _stored(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value or "")


def meeting_values(meeting: BoardMeeting) -> dict[str, str]:
    """The audited fields of ``meeting`` as stored (dates as ISO days)."""
    return {name: _stored(getattr(meeting, name)) for name in AUDITED}


@transaction.atomic
def meeting_record_admin_change(
    *, meeting: BoardMeeting, acting_user, before: dict[str, str]
) -> int:
    """Record what an administrator changed of the meeting's audited fields (``before`` as
    ``meeting_values`` gave them before the save). Returns the number of events written."""
    after = meeting_values(meeting)
    changes = {name: [before[name], after[name]] for name in AUDITED if before[name] != after[name]}
    if not changes:
        return 0
    data = {"board": meeting.board.code, "meeting_id": meeting.pk, "changes": changes}
    events.record(meeting, acting_user, FundingAction.MEETING_CHANGED_IN_ADMIN, data=data)
    decisions = [*meeting.decisions.all(), *meeting.reported_decisions.all()]
    for decision in decisions:
        events.record(
            decision.application,
            acting_user,
            FundingAction.MEETING_CHANGED_IN_ADMIN,
            data={**data, "decision_id": decision.pk},
        )
    return 1 + len(decisions)
