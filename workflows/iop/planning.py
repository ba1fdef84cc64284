"""The memo's Beslutsplanering: the real meetings a matter goes to, from the boards' calendars.

A board's meetings are ``funding.BoardMeeting`` rows its secretary keeps (the calendar of
issue 18); the IOP memo reads them here, above both apps. For each deciding board the matter
goes first to its working committees, at their next meeting, then to the board at its first
meeting after them. Only meetings after today are planned; a body with no such meeting is
shown without a date, never with one made up. The steps are in the order of their meetings.
"""

from datetime import date

from django.utils import timezone

from documents.contexts import PlanningStep
from funding.models import BoardMeeting


def memo_planning(boards, *, today: date | None = None) -> list[PlanningStep]:
    """The meetings, in order, of each deciding board's working committees and the board."""
    today = today or timezone.localdate()
    steps = []
    for board in boards:
        after = today
        for committee in board.committees.filter(is_active=True).order_by("name"):
            meeting = _next_meeting(committee, after)
            steps.append(PlanningStep(committee.name, meeting))
            after = max(after, meeting or after)
        steps.append(PlanningStep(board.name, _next_meeting(board, after)))
    # In the order the meetings are held; a body without a planned meeting last.
    return sorted(steps, key=lambda step: (step.meeting_date is None, step.meeting_date or today))


def _next_meeting(board, after: date) -> date | None:
    return (
        BoardMeeting.objects.filter(board=board, held_on__gt=after)
        .order_by("held_on")
        .values_list("held_on", flat=True)
        .first()
    )
