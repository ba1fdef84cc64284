"""The records schedule applied to a case: which rule holds for a kind of record, the day its
period is counted from, and the day it may be disposed of."""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Max, Q
from django.utils import timezone

from casework.models import Case
from funding.models import Payout
from partnerships.models import AgreementVersion, Termination

from .kinds import CountedFrom, Outcome
from .models import RetentionRule


@dataclass(frozen=True)
class Appraisal:
    """What the schedule says of one record: its rule (none: kept), and when it may go."""

    rule: RetentionRule | None
    outcome: str
    decision_reference: str = ""
    counted_from_date: date | None = None
    dispose_on: date | None = None


KEEP_WITHOUT_RULE = Appraisal(rule=None, outcome=Outcome.KEEP)


def rules_for(case: Case, record_kind: str, *, closed_on: date) -> list[RetentionRule]:
    """The rules in force on ``closed_on`` for the record kind, one per board of the case: the
    latest that applies from that day or before, or a later one whose decision covers records
    closed before it."""
    found = {}
    candidates = RetentionRule.objects.filter(
        Q(applies_from__lte=closed_on) | Q(covers_earlier_records=True),
        board__in=case.boards.all(),
        case_kind=case.kind,
        record_kind=record_kind,
    ).order_by("board_id", "-applies_from")
    for rule in candidates:
        found.setdefault(rule.board_id, rule)
    return list(found.values())


def appraise(case: Case, record_kind: str, *, rule: RetentionRule | None = None) -> Appraisal:
    """The record's retention under ``rule``, or under the rules in force when the case closed.

    Where several boards' schedules name the kind, the longest retention holds: keeping beats
    disposing, and a later day beats an earlier one (nothing goes that one board must keep)."""
    closed_on = timezone.localdate(case.closed_at)
    rules = [rule] if rule else rules_for(case, record_kind, closed_on=closed_on)
    appraisals = [_under(rule, case, closed_on) for rule in rules]
    if not appraisals:
        return KEEP_WITHOUT_RULE
    kept = [a for a in appraisals if a.outcome == Outcome.KEEP]
    if kept:
        return kept[0]
    return max(appraisals, key=lambda appraisal: appraisal.dispose_on)


def _under(rule: RetentionRule, case: Case, closed_on: date) -> Appraisal:
    if rule.outcome == Outcome.KEEP:
        return Appraisal(rule, Outcome.KEEP, rule.decision_reference)
    counted_from = event_date(case, rule.counted_from) or closed_on
    return Appraisal(
        rule,
        Outcome.DISPOSE,
        rule.decision_reference,
        counted_from,
        counted_from + relativedelta(years=rule.period_years),
    )


def event_date(case: Case, event: str) -> date | None:
    """The day of ``event`` for the case; ``None`` when it has none (then the closing day)."""
    if event == CountedFrom.AGREEMENT_ENDED:
        return _agreement_ended(case)
    if event == CountedFrom.PAYOUT_SETTLED:
        return Payout.objects.filter(application__case=case).aggregate(last=Max("paid_on"))["last"]
    return timezone.localdate(case.closed_at)


def _agreement_ended(case: Case) -> date | None:
    """The end of the agreement's last version, or the end of the notice if that is earlier."""
    period_end = AgreementVersion.objects.filter(inquiry__case=case).aggregate(
        last=Max("period_end")
    )["last"]
    termination = Termination.objects.filter(inquiry__case=case).first()
    ends = [day for day in (period_end, termination and termination.ends_on) if day]
    return min(ends) if ends else None
