"""Business actions on the records: retention set at closing, legal holds, disposal lists.

Each runs in one transaction and records its event in the audit log by ids and counts only
(docs/records.md); carrying out a list runs one transaction per case (``disposal.py``)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import events, transitions
from casework.models import Case

from . import policy, schedule, selectors
from .actions import RecordsAction
from .case_records import records_of
from .kinds import HoldReason
from .models import DisposalItem, DisposalList, LegalHold, Retention, RetentionRule


@transaction.atomic
def case_appraise(*, case: Case, acting_user) -> list[Retention]:
    """Give each record of a closed case its retention under the schedule in force when it
    closed: kept, or the day from which it may be disposed of. Records that have one keep it,
    so that running it again sets only what came since."""
    ensure_closed(case)
    made = []
    for record in records_of(case):
        retention, created = Retention.objects.get_or_create(
            target_type=ContentType.objects.get_for_model(record.obj),
            target_id=str(record.obj.pk),
            defaults={"case": case, "record_kind": record.kind, "description": record.description},
        )
        if created:
            _set(retention, schedule.appraise(case, record.kind))
            made.append(retention)
    if made:
        events.record(
            case,
            acting_user,
            RecordsAction.RECORDS_APPRAISED,
            data={
                "records": len(made),
                "to_dispose": sum(1 for r in made if r.dispose_on is not None),
            },
        )
    return made


def ensure_closed(case: Case) -> None:
    if case.closed_at is None:
        raise ValidationError(_("Only a closed case's records are given their retention."))


@transaction.atomic
def rule_reappraise(*, rule: RetentionRule, acting_user) -> int:
    """A new decision that also covers records closed before its day: give those not yet
    disposed of (and on no open list) the retention the schedule now gives them."""
    if not rule.covers_earlier_records:
        return 0
    retentions = (
        Retention.objects.select_for_update()
        .filter(
            record_kind=rule.record_kind,
            case__kind=rule.case_kind,
            case__boards=rule.board,
            case__closed_at__isnull=False,
            disposed_at__isnull=True,
        )
        .exclude(
            Q(items__status=DisposalItem.Status.LISTED)
            & Q(items__disposal_list__status__in=selectors.OPEN_LIST_STATUSES)
        )
        .select_related("case")
    )
    changed = 0
    for retention in retentions:
        appraisal = schedule.appraise(retention.case, retention.record_kind)
        if appraisal.rule != retention.rule:
            _set(retention, appraisal)
            events.record(
                retention.case,
                acting_user,
                RecordsAction.RETENTION_REAPPRAISED,
                data={"retention": retention.pk, "rule": rule.pk},
            )
            changed += 1
    return changed


def _set(retention: Retention, appraisal: schedule.Appraisal) -> None:
    retention.rule = appraisal.rule
    retention.outcome = appraisal.outcome
    retention.decision_reference = appraisal.decision_reference
    retention.counted_from_date = appraisal.counted_from_date
    retention.dispose_on = appraisal.dispose_on
    retention.full_clean()
    retention.save()


@transaction.atomic
def legal_hold_place(*, case: Case, reason: str, reference: str, acting_user) -> LegalHold:
    """Stop every record of the case from being disposed of until the hold is lifted."""
    policy.ensure_may_manage_records(acting_user)
    return _hold(case=case, reason=reason, reference=reference, acting_user=acting_user)


def legal_hold_for_request(*, case: Case, reference: str, acting_user) -> LegalHold:
    """A request for public records holds the case's records while it is open: the one who
    registers it places the hold, whatever their role (records/signals.py)."""
    return _hold(
        case=case,
        reason=HoldReason.PUBLIC_RECORDS_REQUEST,
        reference=reference,
        acting_user=acting_user,
    )


def legal_hold_for_request_lift(*, case: Case, reference: str, acting_user) -> None:
    """The request is settled: its hold goes (a records manager lifts any other)."""
    holds = LegalHold.objects.select_for_update().filter(
        case=case,
        reason=HoldReason.PUBLIC_RECORDS_REQUEST,
        reference=reference,
        lifted_at__isnull=True,
    )
    for hold in holds:
        _lift(hold, acting_user)


def _hold(*, case: Case, reason: str, reference: str, acting_user) -> LegalHold:
    hold = LegalHold(case=case, reason=reason, reference=reference.strip(), placed_by=acting_user)
    hold.full_clean()
    hold.save()
    events.record(
        case, acting_user, RecordsAction.LEGAL_HOLD_PLACED, data={"hold": hold.pk, "reason": reason}
    )
    return hold


@transaction.atomic
def legal_hold_lift(*, hold: LegalHold, acting_user) -> LegalHold:
    policy.ensure_may_manage_records(acting_user)
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if hold.lifted_at is None:
        _lift(hold, acting_user)
    return hold


def _lift(hold: LegalHold, acting_user) -> None:
    hold.lifted_at = timezone.now()
    hold.lifted_by = acting_user
    hold.save(update_fields=["lifted_at", "lifted_by"])
    events.record(hold.case, acting_user, RecordsAction.LEGAL_HOLD_LIFTED, data={"hold": hold.pk})


@transaction.atomic
def disposal_list_build(*, name: str, retentions, acting_user) -> DisposalList:
    """A list of records due, sent for review at once. Every record must be due, on no other
    open list, and of a case without a legal hold."""
    policy.ensure_may_manage_records(acting_user)
    wanted = {retention.pk for retention in retentions}
    if not wanted:
        raise ValidationError({"retentions": _("Choose at least one record that is due.")})
    due = selectors.due_retentions().select_for_update(of=("self",)).filter(pk__in=wanted)
    found = {retention.pk: retention for retention in due}
    if set(found) != wanted:
        raise ValidationError(
            {"retentions": _("Some of the records are no longer due or are on another list.")}
        )
    if any(retention.held for retention in found.values()):
        raise ValidationError(
            {"retentions": _("A legal hold stands on some of the records' cases.")}
        )
    disposal_list = DisposalList(name=name.strip(), built_by=acting_user)
    disposal_list.full_clean()
    disposal_list.save()
    DisposalItem.objects.bulk_create(
        DisposalItem(disposal_list=disposal_list, retention=retention)
        for retention in found.values()
    )
    events.record(
        disposal_list,
        acting_user,
        RecordsAction.DISPOSAL_LIST_BUILT,
        to_state=disposal_list.status,
        data={"records": len(found)},
    )
    return disposal_list


@transaction.atomic
def disposal_list_approve(*, disposal_list: DisposalList, acting_user, comment: str = ""):
    """The reviewer agrees: the list may be carried out."""
    disposal_list = DisposalList.objects.select_for_update().get(pk=disposal_list.pk)
    policy.ensure_may_review(acting_user, disposal_list)
    _reviewed(disposal_list, acting_user, comment)
    return transitions.apply(
        disposal_list.approve, acting_user=acting_user, action=RecordsAction.DISPOSAL_LIST_APPROVED
    )


@transaction.atomic
def disposal_list_return(*, disposal_list: DisposalList, acting_user, comment: str):
    """The reviewer does not agree, and says why; the records are free for another list."""
    disposal_list = DisposalList.objects.select_for_update().get(pk=disposal_list.pk)
    policy.ensure_may_review(acting_user, disposal_list)
    if not comment.strip():
        raise ValidationError({"comment": _("Say why the list is returned.")})
    _reviewed(disposal_list, acting_user, comment)
    return transitions.apply(
        disposal_list.send_back,
        acting_user=acting_user,
        action=RecordsAction.DISPOSAL_LIST_RETURNED,
    )


def _reviewed(disposal_list: DisposalList, acting_user, comment: str) -> None:
    disposal_list.reviewed_by = acting_user
    disposal_list.reviewed_at = timezone.now()
    disposal_list.review_comment = comment.strip()
