"""Carrying out an approved disposal list: one transaction per case.

Each case's items are disposed of together or not at all: the records and their files go, a
disposal record is written for each, and the case's audit log gets one event naming the list
and the count. An item is blocked, and nothing of it removed, when a legal hold stands on its
case, when it is no longer due (its retention changed), or when it cannot go with the list (a
signed document). Running it again carries on with what is left, so a broken-off run is
finished by running it once more."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import events, transitions
from casework.models import Case

from . import policy, selectors
from .actions import RecordsAction
from .case_records import checksum_of, remove, why_kept
from .kinds import Outcome
from .models import DisposalItem, DisposalList, DisposalRecord


def disposal_list_execute(*, disposal_list: DisposalList, acting_user) -> DisposalList:
    """Dispose of every item of an approved list, case by case; the list is carried out once
    no item is left waiting."""
    policy.ensure_may_manage_records(acting_user)
    transitions.check(disposal_list.complete)
    case_ids = (
        disposal_list.items.filter(status=DisposalItem.Status.LISTED)
        .values_list("retention__case_id", flat=True)
        .distinct()
    )
    for case_id in sorted(set(case_ids)):
        case_dispose(disposal_list=disposal_list, case_id=case_id, acting_user=acting_user)
    return _complete(disposal_list, acting_user)


@transaction.atomic
def case_dispose(*, disposal_list: DisposalList, case_id: int, acting_user) -> int:
    """Dispose of the list's items of one case, in one transaction; the number disposed of."""
    disposal_list = DisposalList.objects.select_for_update().get(pk=disposal_list.pk)
    case = Case.objects.select_for_update().get(pk=case_id)
    transitions.check(disposal_list.complete)
    items = list(
        disposal_list.items.select_for_update(of=("self",))
        .filter(status=DisposalItem.Status.LISTED, retention__case=case)
        .select_related("retention")
    )
    held = selectors.is_held(case)
    disposed = 0
    for item in items:
        blocked = _why_blocked(item, held)
        if blocked:
            item.status, item.blocked_because = DisposalItem.Status.BLOCKED, blocked
        else:
            _dispose(item, disposal_list, acting_user)
            item.status = DisposalItem.Status.DISPOSED
            disposed += 1
        item.save(update_fields=["status", "blocked_because"])
    events.record(
        case,
        acting_user,
        RecordsAction.RECORDS_DISPOSED,
        data={
            "disposal_list": disposal_list.pk,
            "disposed": disposed,
            "blocked": len(items) - disposed,
        },
    )
    return disposed


def _why_blocked(item: DisposalItem, held: bool) -> str:
    retention = item.retention
    if held:
        return _("A legal hold stands on the case.")
    if (
        retention.outcome != Outcome.DISPOSE
        or retention.dispose_on is None
        or retention.dispose_on > timezone.localdate()
        or retention.disposed_at is not None
    ):
        return _("The record is no longer due for disposal.")
    target = retention.target_type.get_object_for_this_type(pk=retention.target_id)
    return why_kept(target)


def _dispose(item: DisposalItem, disposal_list: DisposalList, acting_user) -> None:
    retention = item.retention
    target = retention.target_type.get_object_for_this_type(pk=retention.target_id)
    DisposalRecord.objects.create(
        disposal_list=disposal_list,
        case_id=retention.case_id,
        record_kind=retention.record_kind,
        target_type_id=retention.target_type_id,
        target_id=retention.target_id,
        description=retention.description,
        sha256=checksum_of(target),
        decision_reference=retention.decision_reference,
        disposed_by=acting_user,
    )
    remove(target)
    retention.disposed_at = timezone.now()
    retention.save(update_fields=["disposed_at"])


@transaction.atomic
def _complete(disposal_list: DisposalList, acting_user) -> DisposalList:
    disposal_list = DisposalList.objects.select_for_update().get(pk=disposal_list.pk)
    if disposal_list.items.filter(status=DisposalItem.Status.LISTED).exists():
        return disposal_list
    disposal_list.executed_by = acting_user
    disposal_list.executed_at = timezone.now()
    return transitions.apply(
        disposal_list.complete,
        acting_user=acting_user,
        action=RecordsAction.DISPOSAL_LIST_EXECUTED,
        data=selectors.progress(disposal_list),
    )
