"""The officers' and coordinators' dashboard: what is open, how old, what is late, what is due.

Every figure is one grouped query; each comes with the list it is drawn from.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from casework.models import Deadline
from funding.models import FundingApplication, FundingProgramme, Payout
from funding.models.applications import Status as FundingStatus
from partnerships.models import IOPInquiry
from partnerships.models.inquiry import OPEN_STATUSES as IOP_OPEN
from partnerships.models.inquiry import Status as IOPStatus
from workflows import queues

# Ages of an open case, in days since registration: the last bucket has no upper bound.
AGE_BUCKETS = (30, 90, 180)
FUNDING_OPEN = (
    FundingStatus.SUBMITTED,
    FundingStatus.SUPPLEMENT_REQUESTED,
    FundingStatus.IN_ASSESSMENT,
    FundingStatus.AWAITING_DECISION,
    FundingStatus.GRANTED,
    FundingStatus.PAID,
    FundingStatus.REPORTED,
    FundingStatus.MORE_REPORT_REQUESTED,
)
UPCOMING_DAYS = 14


@dataclass
class StageRow:
    status: str
    label: str
    total: int
    by_age: list[int]  # one count per age bucket, youngest first


@dataclass
class ProgrammeBudget:
    name: str
    board: str
    series: str
    budget: Decimal
    remaining: Decimal
    paid: Decimal

    @property
    def used(self) -> Decimal:
        return self.budget - self.remaining

    @property
    def used_percent(self) -> int:
        return round(100 * self.used / self.budget) if self.budget else 0


def stages(queryset: QuerySet, statuses, labels, registered: str) -> list[StageRow]:
    """Open cases per status, split by age since ``registered``."""
    today = timezone.now()
    limits = [today - timedelta(days=days) for days in AGE_BUCKETS]
    buckets = {}
    newer = None
    for index, limit in enumerate(limits):
        condition = Q(**{f"{registered}__gt": limit})
        buckets[f"age{index}"] = Count("pk", filter=condition & ~newer if newer else condition)
        newer = condition if newer is None else newer | condition
    buckets[f"age{len(limits)}"] = Count("pk", filter=~newer)
    rows = {
        row["status"]: row
        for row in queryset.filter(status__in=statuses)
        .values("status")
        .annotate(total=Count("pk"), **buckets)
        .order_by()
    }
    return [
        StageRow(
            status=status,
            label=str(labels(status).label),
            total=rows[status]["total"],
            by_age=[rows[status][f"age{i}"] for i in range(len(AGE_BUCKETS) + 1)],
        )
        for status in statuses
        if status in rows
    ]


def iop_stages() -> list[StageRow]:
    return stages(IOPInquiry.objects.all(), IOP_OPEN, IOPStatus, "case__registered_at")


def funding_stages() -> list[StageRow]:
    return stages(FundingApplication.objects.all(), FUNDING_OPEN, FundingStatus, "submitted_at")


def overdue_tasks(user) -> dict[str, int]:
    """Overdue tasks in the person's inbox and in the queues open to them."""
    return {
        "inbox": queues.with_due_dates(queues.inbox(user), overdue_only=True).count(),
        "queue": queues.with_due_dates(queues.queue(user), overdue_only=True).count(),
    }


def programme_budgets() -> list[ProgrammeBudget]:
    paid = dict(
        Payout.objects.values_list("application__programme_id")
        .annotate(paid=Sum("amount"))
        .values_list("application__programme_id", "paid")
    )
    return [
        ProgrammeBudget(
            name=row["name"],
            board=row["board__name"],
            # The board's own series (casework.series.series_for), read in the same query.
            series=row["board__registration_series__prefix"] or row["board__code"].upper(),
            budget=row["budget"],
            remaining=row["budget_remaining"],
            paid=paid.get(row["pk"], Decimal(0)),
        )
        for row in FundingProgramme.objects.filter(is_active=True).values(
            "pk",
            "name",
            "board__name",
            "board__code",
            "board__registration_series__prefix",
            "budget",
            "budget_remaining",
        )
    ]


def open_deadlines() -> QuerySet[Deadline]:
    return Deadline.objects.filter(met_at__isnull=True)


def deadline_counts(today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    return open_deadlines().aggregate(
        overdue=Coalesce(Count("pk", filter=Q(due_on__lt=today)), 0),
        upcoming=Coalesce(
            Count("pk", filter=Q(due_on__gte=today, due_on__lte=today + timedelta(UPCOMING_DAYS))),
            0,
        ),
    )


def upcoming_deadlines(limit: int = 20, today: date | None = None) -> list[Deadline]:
    today = today or timezone.localdate()
    return list(
        open_deadlines()
        .filter(due_on__gte=today, due_on__lte=today + timedelta(UPCOMING_DAYS))
        .select_related("case")
        .order_by("due_on", "pk")[:limit]
    )


def overdue_deadlines(limit: int = 20, today: date | None = None) -> list[Deadline]:
    today = today or timezone.localdate()
    return list(
        open_deadlines()
        .filter(due_on__lt=today)
        .select_related("case")
        .order_by("due_on", "pk")[:limit]
    )
