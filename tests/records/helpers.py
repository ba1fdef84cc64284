"""Cases with records, a records schedule, and the people who keep the records."""

import hashlib
from datetime import date, datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from casework.models import Case
from casework.services import comment_add
from documents.models import Document
from organisations.models import Role
from records import services
from records.kinds import CountedFrom, Outcome
from records.models import RetentionRule
from tests import factories


def records_manager():
    return factories.staff(Role.RECORDS_MANAGER)


def rule(board, record_kind, *, years=None, outcome=Outcome.DISPOSE, **fields):
    fields.setdefault("case_kind", Case.Kind.FUNDING_APPLICATION)
    fields.setdefault("counted_from", CountedFrom.CASE_CLOSED)
    fields.setdefault("applies_from", date(2000, 1, 1))
    if outcome == Outcome.DISPOSE:
        fields.setdefault("decision_reference", "KS 2025/12 § 4")
    made = RetentionRule(board=board, record_kind=record_kind, outcome=outcome, **fields)
    made.period_years = years
    made.full_clean()
    made.save()
    return made


def case_of(board, kind=Case.Kind.FUNDING_APPLICATION, organisation=None):
    return factories.CaseFactory(
        kind=kind, boards=[board], organisation=organisation or factories.OrganisationFactory()
    )


def stored_document(case, *, kind):
    """A final, produced document without WeasyPrint (as tests/documents/conftest.py makes
    one; not imported from there, which imports tests/access.py, which imports this)."""
    pdf = b"%PDF-1.7\n% records\n%%EOF\n"
    version = Document.objects.filter(case=case, kind=kind).count() + 1
    document = Document(
        case=case, kind=kind, version=version, status=Document.Status.FINAL, context={}
    )
    document.file.save(document.file_name, ContentFile(pdf), save=False)
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    document.size, document.pages, document.rendered_at = len(pdf), 1, timezone.now()
    document.save()
    return document


def with_records(case):
    """A final decision letter, a draft memo and a comment: three records of three kinds."""
    letter = stored_document(case, kind=Document.Kind.DECISION_LETTER)
    memo = Document(case=case, kind=Document.Kind.BOARD_MEMO, version=1, context={"x": "y"})
    memo.file.save(memo.file_name, ContentFile(b"%PDF-1.7 memo"), save=True)
    author = factories.member(case.organisation)
    comment = comment_add(case=case, acting_user=author, body="Kontaktperson: Exempel Exempelsson")
    return letter, memo, comment


def close_on(case, day: date, acting_user=None):
    """Close the case as if on ``day``, and give its records their retention."""
    closed_at = timezone.make_aware(datetime(day.year, day.month, day.day, 12))
    Case.objects.filter(pk=case.pk).update(closed_at=closed_at)
    case.refresh_from_db()
    return services.case_appraise(case=case, acting_user=acting_user)
