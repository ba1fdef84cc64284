"""What the records manager's pages read."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from casework.models import Case

from .kinds import Outcome
from .models import DisposalItem, DisposalList, LegalHold, Retention, RetentionRule

OPEN_LIST_STATUSES = (DisposalList.Status.IN_REVIEW, DisposalList.Status.APPROVED)


def _held(case_ref="case") -> Exists:
    return Exists(LegalHold.objects.filter(case=OuterRef(case_ref), lifted_at__isnull=True))


def is_held(case: Case) -> bool:
    return LegalHold.objects.filter(case=case, lifted_at__isnull=True).exists()


def due_retentions(day=None) -> QuerySet[Retention]:
    """Records whose disposal day has come, not yet disposed of and on no open list, with
    ``held`` saying whether a legal hold stands on their case."""
    day = day or timezone.localdate()
    listed = DisposalItem.objects.filter(
        retention=OuterRef("pk"),
        status=DisposalItem.Status.LISTED,
        disposal_list__status__in=OPEN_LIST_STATUSES,
    )
    return (
        Retention.objects.filter(
            outcome=Outcome.DISPOSE, disposed_at__isnull=True, dispose_on__lte=day
        )
        .exclude(Exists(listed))
        .annotate(held=_held())
        .select_related("case", "rule__board")
        .order_by("dispose_on", "case__case_number", "pk")
    )


def schedule() -> QuerySet[RetentionRule]:
    return RetentionRule.objects.select_related("board").order_by(
        "board__name", "case_kind", "record_kind", "-applies_from"
    )


def disposal_lists() -> QuerySet[DisposalList]:
    return DisposalList.objects.select_related("built_by", "reviewed_by").annotate(
        item_count=Count("items")
    )


def items_of(disposal_list: DisposalList) -> QuerySet[DisposalItem]:
    return (
        disposal_list.items.select_related("retention__case")
        .annotate(held=_held("retention__case"))
        .order_by("retention__case__case_number", "pk")
    )


def progress(disposal_list: DisposalList) -> dict:
    counts = disposal_list.items.aggregate(
        total=Count("pk"),
        disposed=Count("pk", filter=Q(status=DisposalItem.Status.DISPOSED)),
        blocked=Count("pk", filter=Q(status=DisposalItem.Status.BLOCKED)),
    )
    counts["waiting"] = counts["total"] - counts["disposed"] - counts["blocked"]
    return counts


def active_holds() -> QuerySet[LegalHold]:
    return LegalHold.objects.filter(lifted_at__isnull=True).select_related("case", "placed_by")
