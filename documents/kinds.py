"""The document kinds: for each, its template, its context class and who sees its drafts.

Each kind is one Django template under ``templates/documents/kinds/``; an administrator
replaces it (or the shared layout) without touching code. ``template_version`` fingerprints
the sources actually used, and every rendered version records it.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from . import contexts
from .language import DOCUMENT_LANGUAGE


class Kind(models.TextChoices):
    IOP_AGREEMENT = "iop_agreement", _("IOP agreement")
    BOARD_MEMO = "board_memo", _("Memo to a board (tjänsteskrivelse)")
    DECISION_LETTER = "decision_letter", _("Decision letter")
    SUBMISSION_RECEIPT = "submission_receipt", _("Submission receipt")
    ANNUAL_REPORT = "annual_report", _("Annual report of the collaboration")
    DELEGATION_LIST = "delegation_list", _("Delegated decisions reported to a board")
    REPAYMENT_CLAIM = "repayment_claim", _("Repayment claim (decision)")
    DEMAND_REJECTION = "demand_rejection", _("Demand for a decision rejected (special decision)")
    ANNUAL_REPORT_MEMO = "annual_report_memo", _("Memo to the executive board on the annual report")
    HOST_ASSIGNMENT = "host_assignment", _("Host assignment of a challenge area")


# A document's name when it is downloaded, in Swedish ("FRN-2026-00012-kvitto-v1.pdf"); the
# stored file keeps its name (``Document.file_name``), so nothing stored changes.
DOWNLOAD_NAMES = {
    Kind.IOP_AGREEMENT: "iop-avtal",
    Kind.BOARD_MEMO: "tjansteskrivelse",
    Kind.DECISION_LETTER: "beslut",
    Kind.SUBMISSION_RECEIPT: "kvitto",
    Kind.ANNUAL_REPORT: "arsrapport",
    Kind.DELEGATION_LIST: "delegationsbeslut",
    Kind.REPAYMENT_CLAIM: "aterkrav",
    Kind.DEMAND_REJECTION: "avvisad-begaran",
    Kind.ANNUAL_REPORT_MEMO: "tjansteskrivelse-arsrapport",
    Kind.HOST_ASSIGNMENT: "vardskapsuppdrag",
}


@dataclass(frozen=True)
class KindSpec:
    template_name: str
    context_class: type
    # Drafts of memos and decision letters are the officers' working material until decided.
    shared_as_draft: bool
    # Templates the kind's template includes; their sources count towards its version.
    includes: tuple[str, ...] = ()


KINDS: dict[str, KindSpec] = {
    Kind.IOP_AGREEMENT: KindSpec(
        "documents/kinds/iop_agreement.html",
        contexts.AgreementContext,
        shared_as_draft=True,
        includes=(
            "documents/kinds/_group.html",
            "documents/kinds/_signature_page.html",
            "documents/kinds/_signature.html",
        ),
    ),
    Kind.BOARD_MEMO: KindSpec(
        "documents/kinds/board_memo.html", contexts.MemoContext, shared_as_draft=False
    ),
    Kind.DECISION_LETTER: KindSpec(
        "documents/kinds/decision_letter.html",
        contexts.DecisionContext,
        shared_as_draft=False,
        includes=("documents/layout/_address.html", "documents/kinds/_appeal.html"),
    ),
    Kind.SUBMISSION_RECEIPT: KindSpec(
        "documents/kinds/submission_receipt.html", contexts.ReceiptContext, shared_as_draft=True
    ),
    # The appeal section is one include, shared with any letter that takes it over.
    Kind.REPAYMENT_CLAIM: KindSpec(
        "documents/kinds/repayment_claim.html",
        contexts.RepaymentClaimContext,
        shared_as_draft=False,
        includes=(
            "documents/layout/_address.html",
            "documents/kinds/_appeal.html",
            "documents/kinds/_decided_by.html",
        ),
    ),
    Kind.DEMAND_REJECTION: KindSpec(
        "documents/kinds/demand_rejection.html",
        contexts.DemandRejectionContext,
        shared_as_draft=False,
        includes=(
            "documents/layout/_address.html",
            "documents/kinds/_appeal.html",
            "documents/kinds/_decided_by.html",
        ),
    ),
}
# The yearly report belongs to no case: followup streams it rather than storing a Document.
KINDS[Kind.ANNUAL_REPORT] = KindSpec(
    "documents/kinds/annual_report.html",
    contexts.AnnualReportContext,
    shared_as_draft=False,
    includes=(
        "followup/_bar_chart.html",
        "followup/_funding_table_pdf.html",
        "documents/kinds/_cooperation.html",
    ),
)
# The memo on the yearly report belongs to no case either: followup streams it.
KINDS[Kind.ANNUAL_REPORT_MEMO] = KindSpec(
    "documents/kinds/annual_report_memo.html",
    contexts.AnnualReportMemoContext,
    shared_as_draft=False,
)
# A challenge area's host assignment belongs to no case either: cooperation streams it.
KINDS[Kind.HOST_ASSIGNMENT] = KindSpec(
    "documents/kinds/host_assignment.html",
    contexts.HostAssignmentContext,
    shared_as_draft=False,
    includes=("documents/kinds/_signature.html",),
)
# The list of delegated decisions belongs to no case either: funding streams it.
KINDS[Kind.DELEGATION_LIST] = KindSpec(
    "documents/kinds/delegation_list.html", contexts.DelegationListContext, shared_as_draft=False
)

PRINT_LAYOUT = "documents/layout/print.html"
PREVIEW_LAYOUT = "documents/layout/preview.html"
# Shared templates every kind uses; their sources count towards the template version.
SHARED_TEMPLATES = (
    PRINT_LAYOUT,
    "documents/layout/page.css",
    "documents/layout/document.css",
    "documents/layout/_letterhead.html",
)


def spec(kind: str) -> KindSpec:
    try:
        return KINDS[kind]
    except KeyError:
        raise ValueError(f"Unknown document kind: {kind!r}") from None


def check_context(kind: str, context) -> None:
    expected = spec(kind).context_class
    if not isinstance(context, expected):
        raise TypeError(f"A {kind} document is rendered from {expected.__name__}.")


def load_context(kind: str, data: dict):
    return contexts.from_data(spec(kind).context_class, data)


def template_version(kind: str) -> str:
    """SHA-256 over the sources of the kind's template, its includes and the shared layout."""
    digest = hashlib.sha256()
    kind_spec = spec(kind)
    for name in (kind_spec.template_name, *kind_spec.includes, *SHARED_TEMPLATES):
        digest.update(name.encode() + b"\0")
        digest.update(get_template(name).template.source.encode() + b"\0")
    return digest.hexdigest()


def template_values(kind: str, context, *, draft: bool, preview: bool = False) -> dict:
    """What a kind's template is given: ``data`` (the context), the city and the layout."""
    check_context(kind, context)
    return {
        "data": context,
        "city_name": settings.CITY_NAME,
        "is_draft": draft,
        "layout": PREVIEW_LAYOUT if preview else PRINT_LAYOUT,
        "produced_at": timezone.localtime().isoformat(timespec="seconds"),
    }


def render_html(kind: str, context, *, draft: bool) -> str:
    """The document as a print page for WeasyPrint."""
    values = template_values(kind, context, draft=draft)
    # The document is Swedish whatever language the person who asked for it uses.
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string(spec(kind).template_name, values)
