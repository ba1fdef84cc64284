"""The receipt of a submission: exactly what was sent, recorded when it is sent.

``receipt_data`` is stored on the application in the submitting transaction (with a SHA-256
over it); ``request_receipt_document`` asks the documents app for the PDF once that
transaction has committed.
"""

import hashlib
import json
from datetime import datetime
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from documents import contexts
from documents import services as document_services
from documents.kinds import Kind
from documents.language import in_document_language
from documents.models import Document

from .models import FundingApplication

QUESTIONS = (
    ("title", "project"),
    ("purpose", "project"),
    ("target_group", "project"),
    ("challenge_area", "project"),
    ("activity_start", "project"),
    ("activity_end", "project"),
    ("participants", "project"),
    ("amount_applied", "amount"),
    ("total_cost", "amount"),
)


def _answer(application: FundingApplication, name: str) -> str:
    value = getattr(application, name)
    return "" if value is None else str(value)


def _sections(application: FundingApplication) -> list[dict]:
    headings = {"project": _("The activity"), "amount": _("Money")}
    sections = {key: [] for key in headings}
    for name, section in QUESTIONS:
        label = str(FundingApplication._meta.get_field(name).verbose_name)
        sections[section].append(
            {"question": label.capitalize(), "answer": _answer(application, name)}
        )
    return [
        {"heading": str(headings[key]), "answers": answers} for key, answers in sections.items()
    ]


def receipt_data(application: FundingApplication) -> dict:
    """What the receipt shows, in Swedish, with a checksum over it."""
    with translation.override("sv"):
        data = {
            "case_number": application.case.case_number,
            "programme": application.programme.name,
            "applicant": {
                "name": application.organisation.name,
                "org_number": application.organisation.org_number,
            },
            "submitted_by": str(application.submitted_by),
            "submitted_at": application.submitted_at.isoformat(),
            "sections": _sections(application),
            "amount_applied": str(application.amount_applied),
            "other_funding": [
                {
                    "source": str(row.board or row.funder),
                    "amount": str(row.amount),
                    "status": str(row.get_state_display()),
                }
                for row in application.other_funding.all()
            ],
            "attachments": [
                {
                    "name": a.original_name,
                    "size": a.size,
                    "sha256": a.sha256,
                    "description": str(a.get_kind_display()),
                }
                for a in application.attachments.all()
            ],
        }
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    return {**data, "sha256": hashlib.sha256(canonical).hexdigest()}


def request_receipt_document(application_id: int) -> None:
    """Ask the documents app for the receipt PDF of a submitted application.

    The one connection between a submission and its PDF: runs after the submitting
    transaction commits, and does nothing when the receipt has been asked for already.
    """
    application = FundingApplication.objects.select_related("case", "submitted_by").get(
        pk=application_id
    )
    case = application.case
    if Document.objects.filter(case=case, kind=Kind.SUBMISSION_RECEIPT).exists():
        return
    document_services.document_request(
        case=case,
        kind=Kind.SUBMISSION_RECEIPT,
        context=receipt_context(application),
        acting_user=application.submitted_by,
        final=True,
    )


@in_document_language
def receipt_context(application: FundingApplication):
    data = application.receipt
    return contexts.ReceiptContext(
        case_number=data["case_number"],
        document_date=timezone.localtime(application.submitted_at).date(),
        submitted_at=datetime.fromisoformat(data["submitted_at"]),
        programme=data["programme"],
        applicant=contexts.OrganisationRef(**data["applicant"]),
        submitted_by=contexts.Person(name=data["submitted_by"]),
        sections=[
            contexts.AnswerSection(
                heading=s["heading"], answers=[contexts.Answer(**a) for a in s["answers"]]
            )
            for s in data["sections"]
        ],
        attachments=[contexts.AttachmentRef(**a) for a in data["attachments"]],
        amount_applied=Decimal(data["amount_applied"]),
        other_funding=[
            contexts.OtherFunding(
                source=o["source"], amount=Decimal(o["amount"]), status=o["status"]
            )
            for o in data["other_funding"]
        ],
        declaration=_("We confirm that the information given is correct."),
    )
