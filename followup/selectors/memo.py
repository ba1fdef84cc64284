"""The memo to the executive board on the joint yearly report, from the report and mapping."""

from django.utils import timezone

from documents import contexts as doc
from organisations.models import Board

from .mapping import collaboration_map
from .report import annual_report


def annual_report_memo(year: int, *, meeting_date=None) -> doc.AnnualReportMemoContext:
    """The memo's figures are the report's; the mapping is attached as its appendix. It is
    sent to every board (a committee goes with its board)."""
    report = annual_report(year)
    mapping = collaboration_map(year)
    total = report.funding_total
    return doc.AnnualReportMemoContext(
        case_number="",
        document_date=timezone.localdate(),
        year=year,
        meeting_date=meeting_date,
        distribution=list(
            Board.objects.filter(parent=None).order_by("name").values_list("name", flat=True)
        ),
        iop_started=report.iop_started,
        agreements_active=report.agreements_active,
        applications=total.applications,
        granted=total.granted,
        amount_granted=total.amount_granted,
        cooperation=report.cooperation,
        mapping=[
            doc.MappingLine(
                organisation=link.organisation,
                board=link.board,
                agreements=", ".join(link.agreements),
                grants=link.grants,
                amount_granted=link.amount_granted,
            )
            for link in sorted(mapping.links, key=lambda link: (link.organisation, link.board))
        ],
    )
