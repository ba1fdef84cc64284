"""Statutory clocks of a case (förvaltningslagen 11 and 12 §§), read from its records.

Two measures are kept apart: the *handling time* leaves out the periods when the case was
paused (waiting for a supplement, say); the *six months* of 12 § run from registration
whatever happens, because the party's right to demand a decision does not pause.

Both paragraphs speak of "ett ärende som har inletts av en enskild part": a case the
municipality opened itself (an IOP assignment from the executive board) has no such clock,
no six-month warning, no delay notice and no demand for a decision.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from .models import Case, ClockPause

SIX_MONTHS = relativedelta(months=6)
WARN_BEFORE_SIX_MONTHS = timedelta(days=30)
DECISION_AFTER_DEMAND = timedelta(weeks=4)


@dataclass(frozen=True)
class ClockState:
    registered_on: date
    today: date
    days_elapsed: int
    days_paused: int
    paused_since: date | None
    pause_reason: str
    six_months_on: date
    decision_due_on: date | None
    decided: bool
    # False for a case the municipality opened itself: 11–12 §§ do not apply.
    applies: bool = True

    @property
    def handling_days(self) -> int:
        return self.days_elapsed - self.days_paused

    @property
    def is_paused(self) -> bool:
        return self.paused_since is not None

    @property
    def six_month_warning(self) -> bool:
        """The officer should act: six months are near or past and no decision is made."""
        return (
            self.applies
            and not self.decided
            and self.today >= self.six_months_on - WARN_BEFORE_SIX_MONTHS
        )

    @property
    def past_six_months(self) -> bool:
        return self.applies and not self.decided and self.today >= self.six_months_on


def statutory_clock_applies(case: Case) -> bool:
    """Förvaltningslagen 11–12 §§ apply to a case a private party opened, and only to it."""
    return case.opened_by == Case.OpenedBy.PARTY


def _day(moment) -> date:
    return timezone.localtime(moment).date()


def clock_of(case: Case, pauses: list[ClockPause] | None = None) -> ClockState:
    today = timezone.localdate()
    end = _day(case.decided_at) if case.decided_at else today
    registered_on = _day(case.registered_at)
    pauses = list(case.clock_pauses.all()) if pauses is None else pauses
    paused_days, open_pause = 0, None
    for pause in pauses:
        pause_end = _day(pause.ended_at) if pause.ended_at else end
        paused_days += max(0, (min(pause_end, end) - _day(pause.started_at)).days)
        if pause.ended_at is None:
            open_pause = pause
    return ClockState(
        registered_on=registered_on,
        today=today,
        days_elapsed=(end - registered_on).days,
        days_paused=paused_days,
        paused_since=_day(open_pause.started_at) if open_pause else None,
        pause_reason=open_pause.reason if open_pause else "",
        six_months_on=registered_on + SIX_MONTHS,
        decision_due_on=(
            case.decision_demanded_on + DECISION_AFTER_DEMAND if case.decision_demanded_on else None
        ),
        decided=case.decided_at is not None,
        applies=statutory_clock_applies(case),
    )
