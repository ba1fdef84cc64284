"""What every letter of a decision says the same way, whichever app decided: who decided under
delegation, and how a decision of the municipality is appealed by laglighetsprövning
(kommunallagen 13 kap.) to the court the municipality configures."""

from datetime import date

from django.conf import settings

from . import contexts


def delegated(user, board_name: str, *, title: str, point: str) -> contexts.DecisionMaker:
    """A decision taken by ``user`` under the delegation of the board ``board_name``, on the
    point of its delegation order ``point`` (in words, "punkt 4.3 i …"; empty when unknown)."""
    return contexts.DecisionMaker(
        name=str(user),
        title=title,
        authority=contexts.Authority.DELEGATION,
        body=board_name,
        delegation_point=point,
    )


def legality_appeal(
    *,
    meeting_date: date | None = None,
    protocol_paragraph: str = "",
    announced_on: date | None = None,
    ends_on: date | None = None,
) -> contexts.Appeal:
    """A laglighetsprövning: to the court at its address, within three weeks of the day the
    approval of the protocol was announced on the notice board (of the meeting that decided, or
    the one a delegated decision was reported to; the dates are ``None`` while not known)."""
    return contexts.Appeal(
        route=contexts.AppealRoute.LEGALITY_REVIEW,
        court=settings.APPEAL_COURT,
        court_address=settings.APPEAL_COURT_ADDRESS,
        notice_board=settings.NOTICE_BOARD,
        # A legality review is lodged with the court, never with the board (KL 13 kap. 4 §).
        send_to=f"{settings.APPEAL_COURT}, {settings.APPEAL_COURT_ADDRESS}",
        meeting_date=meeting_date,
        protocol_paragraph=protocol_paragraph,
        announced_on=announced_on,
        ends_on=ends_on,
    )
