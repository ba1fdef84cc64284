"""The figures of the annual report, each from one aggregate query over the year's rows.

Nothing here loads cases as objects: counts and sums come from ``aggregate``/``annotate``;
medians and percentiles from the database on PostgreSQL, or from a list of durations.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Count, F, Max, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import Case, Deadline, PriorityTheme
from cooperation.selectors.yearly_report import cooperation_figures
from documents import contexts as doc
from followup.models import NarrativeSection
from followup.stats import spread_of
from funding.models import FundingApplication, Payout, RepaymentClaim
from funding.models.handling import Outcome
from partnerships.models import AgreementVersion, IOPInquiry, Party
from partnerships.models.inquiry import Status as IOPStatus

GRANTED_OUTCOMES = (Outcome.APPROVED, Outcome.PARTLY_APPROVED)
# Past screening and not yet an active partnership, withdrawn or closed.
IN_INVESTIGATION = (
    IOPStatus.INVESTIGATION,
    IOPStatus.CO_CREATION,
    IOPStatus.MEMO,
    IOPStatus.BOARD_DECISION,
    IOPStatus.REVISION,
    IOPStatus.SIGNING,
)
# förvaltningslagen 12 §: six months, counted here as 183 days in the database.
SIX_MONTHS = timedelta(days=183)
ZERO = Decimal(0)


@dataclass(frozen=True)
class Year:
    """A calendar year, and how far into it the figures count (today, in the running year)."""

    year: int

    @property
    def first_day(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, 12, 31)

    @property
    def start(self) -> datetime:
        return timezone.make_aware(datetime(self.year, 1, 1))

    @property
    def end(self) -> datetime:
        return timezone.make_aware(datetime(self.year + 1, 1, 1))

    @property
    def cutoff(self) -> datetime:
        return min(self.end, timezone.now())

    @property
    def counted_until(self) -> date:
        return min(self.last_day, timezone.localdate())

    def within(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.start, f"{field}__lt": self.end})


def annual_report(year: int) -> doc.AnnualReportContext:
    """Everything the report shows for ``year``, as the documents app's context."""
    period = Year(year)
    theme = PriorityTheme.objects.filter(year=year).first()
    iop = iop_figures(period)
    agreements = agreement_summaries(period)
    by_programme = funding_rows(period, "programme_id", "programme__name")
    by_area = funding_rows(period, "challenge_area_id", "challenge_area__name")
    report = doc.AnnualReportContext(
        case_number="",
        document_date=timezone.localdate(),
        year=year,
        counted_until=period.counted_until,
        priority_theme=theme.title if theme else "",
        priority_theme_description=theme.description if theme else "",
        **iop,
        agreements_signed=sum(a.signed_this_year for a in agreements),
        agreements_active=len(agreements),
        agreements_ended=sum(a.ended_this_year for a in agreements),
        agreements=agreements,
        funding_by_programme=by_programme,
        funding_by_board=funding_rows(period, "programme__board_id", "programme__board__name"),
        funding_by_area=by_area,
        funding_total=funding_total(period),
        handling_times=handling_times(period),
        past_six_months=past_six_months(period),
        **report_back_figures(period),
        narrative=[
            doc.TextSection(heading=heading, text=text)
            for heading, text in NarrativeSection.objects.filter(year=year).values_list(
                "heading", "text"
            )
        ],
    )
    report.iop_chart = _iop_chart(report)
    report.programme_chart = bars(
        [(row.name, row.amount_granted) for row in by_programme], money=True
    )
    report.area_chart = bars([(row.name, row.applications) for row in by_area])
    report.cooperation = cooperation_figures(year)
    return report


def iop_figures(period: Year) -> dict:
    inquiries = IOPInquiry.objects.all()
    counts = inquiries.aggregate(
        started=Count("pk", filter=period.within("case__registered_at")),
        screened_out=Count(
            "pk", filter=Q(status=IOPStatus.NOT_IOP) & period.within("case__closed_at")
        ),
    )
    investigated = inquiries.filter(
        status__in=IN_INVESTIGATION, case__registered_at__lt=period.cutoff
    )
    spread = spread_of(investigated, start=F("case__registered_at"), end=Value(period.cutoff))
    oldest = (
        investigated.order_by("case__registered_at")
        .values_list("case__registered_at", flat=True)
        .first()
    )
    return {
        "iop_started": counts["started"],
        "iop_screened_out": counts["screened_out"],
        "iop_in_investigation": spread.count,
        "investigation_median_days": spread.median_days,
        "investigation_longest_days": (
            (period.cutoff - oldest).total_seconds() / 86400 if oldest else None
        ),
    }


def signed_versions(period: Year) -> QuerySet[AgreementVersion]:
    """The signed version of each active partnership whose period overlaps the year."""
    return (
        AgreementVersion.objects.filter(inquiry__status=IOPStatus.ACTIVE)
        .annotate(signed_at=Max("signature__signed_at"))
        .filter(
            signed_at__lt=period.end,
            period_start__lte=period.last_day,
            period_end__gte=period.first_day,
        )
    )


def agreement_summaries(period: Year) -> list[doc.AgreementSummary]:
    rows = list(
        signed_versions(period)
        .values(
            "inquiry_id",
            "signed_at",
            "period_start",
            "period_end",
            case_number=F("inquiry__case__case_number"),
            title=F("inquiry__case__title"),
            area=F("inquiry__case__challenge_area__name"),
        )
        .order_by("inquiry__case__case_number")
    )
    parties: dict[int, list[str]] = {}
    for inquiry_id, organisation, board in Party.objects.filter(
        inquiry_id__in=[row["inquiry_id"] for row in rows]
    ).values_list("inquiry_id", "organisation__name", "board__name"):
        parties.setdefault(inquiry_id, []).append(board or organisation)
    today = timezone.localdate()
    return [
        doc.AgreementSummary(
            case_number=row["case_number"],
            title=row["title"],
            challenge_area=row["area"] or "",
            parties=parties.get(row["inquiry_id"], []),
            period_start=row["period_start"],
            period_end=row["period_end"],
            signed_on=timezone.localdate(row["signed_at"]),
            signed_this_year=period.start <= row["signed_at"] < period.end,
            ended_this_year=row["period_end"] <= period.last_day and row["period_end"] < today,
        )
        for row in rows
    ]


def _submitted(period: Year) -> QuerySet[FundingApplication]:
    return FundingApplication.objects.filter(period.within("submitted_at"))


def _funding_figures() -> dict:
    granted = Q(decision__outcome__in=GRANTED_OUTCOMES)
    return {
        "applications": Count("pk"),
        "decided": Count("decision"),
        "granted": Count("decision", filter=granted),
        "amount_applied": Coalesce(Sum("amount_applied"), ZERO),
        "amount_granted": Coalesce(Sum("decision__amount_granted", filter=granted), ZERO),
    }


def funding_rows(period: Year, key: str, label: str) -> list[doc.FundingRow]:
    """Applications submitted in the year, per ``key``: counts, amounts and approval rate."""
    applications = _submitted(period)
    groups = applications.values(key, label).annotate(**_funding_figures()).order_by(label)
    paid = dict(
        Payout.objects.filter(application__in=applications)
        .values_list(f"application__{key}")
        .annotate(paid=Sum("amount"))
        .values_list(f"application__{key}", "paid")
    )
    return [
        _funding_row(group[label] or _("No challenge area"), group, paid.get(group[key], ZERO))
        for group in groups
    ]


def funding_total(period: Year) -> doc.FundingRow:
    applications = _submitted(period)
    figures = applications.aggregate(**_funding_figures())
    paid = Payout.objects.filter(application__in=applications).aggregate(
        paid=Coalesce(Sum("amount"), ZERO)
    )["paid"]
    return _funding_row(_("All programmes"), figures, paid)


def _funding_row(name: str, figures: dict, paid: Decimal) -> doc.FundingRow:
    decided = figures["decided"]
    return doc.FundingRow(
        name=name,
        applications=figures["applications"],
        decided=decided,
        granted=figures["granted"],
        amount_applied=figures["amount_applied"],
        amount_granted=figures["amount_granted"],
        amount_paid=paid,
        approval_rate=round(100 * figures["granted"] / decided, 1) if decided else None,
    )


# A host assignment is an agreement the municipality registers, not a matter it decides on
# anyone's request: it has no handling time and no six months to be decided within (12 §).
NOT_HANDLED = {Case.Kind.HOST_ASSIGNMENT}


def handling_times(period: Year) -> list[doc.HandlingTime]:
    """Days from registration to decision, for the cases decided in the year, per kind."""
    decided = Case.objects.filter(period.within("decided_at"))
    times = []
    for kind, label in Case.Kind.choices:
        if kind in NOT_HANDLED:
            continue
        spread = spread_of(decided.filter(kind=kind), start=F("registered_at"), end=F("decided_at"))
        times.append(
            doc.HandlingTime(kind, str(label), spread.count, spread.median_days, spread.p90_days)
        )
    return times


def past_six_months(period: Year) -> int:
    """Cases that went undecided for more than six months while the year ran (12 §)."""
    finished = Coalesce("decided_at", "closed_at")
    return (
        Case.objects.exclude(kind__in=NOT_HANDLED)
        .filter(registered_at__lt=period.cutoff - SIX_MONTHS)
        .annotate(finished=finished)
        .filter(
            Q(finished__isnull=True)
            | Q(finished__gte=period.start, finished__gt=F("registered_at") + SIX_MONTHS)
        )
        .count()
    )


def report_back_figures(period: Year) -> dict:
    today = timezone.localdate()
    due = Deadline.objects.filter(
        kind=Deadline.Kind.REPORT_BACK, due_on__gte=period.first_day, due_on__lte=period.last_day
    )
    open_and_past = Q(met_at__isnull=True, due_on__lt=today)
    counts = due.annotate(met_on=TruncDate("met_at")).aggregate(
        due=Count("pk"),
        late=Count("pk", filter=open_and_past | Q(met_on__gt=F("due_on"))),
        overdue=Count("pk", filter=open_and_past),
    )
    claims = RepaymentClaim.objects.filter(period.within("opened_at")).aggregate(
        count=Count("pk"), amount=Coalesce(Sum("amount"), ZERO)
    )
    return {
        "report_backs_due": counts["due"],
        "report_backs_late": counts["late"],
        "report_backs_overdue_now": counts["overdue"],
        "repayment_claims": claims["count"],
        "repayment_amount": claims["amount"],
    }


def bars(pairs: list[tuple[str, int | Decimal]], *, money: bool = False) -> list[doc.Bar]:
    """Chart bars for (label, figure) pairs, the longest bar the largest figure."""
    largest = max((value for _label, value in pairs), default=0) or 1
    return [
        doc.Bar(
            label=label,
            text=format_sek(value) if money else str(value),
            share=round(float(value) / float(largest), 4),
        )
        for label, value in pairs
    ]


def format_sek(amount) -> str:
    return f"{int(amount):,}".replace(",", "\u00a0") + "\u00a0kr"


def _iop_chart(report: doc.AnnualReportContext) -> list[doc.Bar]:
    return bars(
        [
            (_("Inquiries started"), report.iop_started),
            (_("Screened out (not an IOP)"), report.iop_screened_out),
            (_("Under investigation"), report.iop_in_investigation),
            (_("Agreements signed"), report.agreements_signed),
            (_("Agreements active"), report.agreements_active),
            (_("Agreements ended"), report.agreements_ended),
        ]
    )
