import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from documents.models import Document, FinalDocumentError
from tests.documents.conftest import stored_document

pytestmark = pytest.mark.django_db


def test_a_final_document_is_never_changed_or_deleted(case):
    document = stored_document(case, status=Document.Status.FINAL)
    document.sha256 = "0" * 64
    with pytest.raises(FinalDocumentError):
        document.save()
    with pytest.raises(FinalDocumentError):
        document.delete()
    with pytest.raises(FinalDocumentError):
        Document.objects.filter(pk=document.pk).update(sha256="0" * 64)
    with pytest.raises(FinalDocumentError):
        Document.objects.filter(case=case).delete()
    document.refresh_from_db()
    assert document.sha256 != "0" * 64


def test_a_final_document_waiting_to_be_produced_keeps_what_it_was_requested_with(case):
    document = Document.objects.create(
        case=case, kind=Document.Kind.DECISION_LETTER, version=1, status="final", context={}
    )
    document.status = Document.Status.DRAFT
    with pytest.raises(FinalDocumentError):
        document.save()
    document.refresh_from_db()
    document.context = {"decision": "ändrat"}
    with pytest.raises(FinalDocumentError):
        document.save()


def test_a_draft_may_be_changed_and_deleted(case):
    document = stored_document(case, status=Document.Status.DRAFT)
    document.pages = 2
    document.save()
    Document.objects.filter(pk=document.pk).update(pages=3)
    document.delete()
    assert not Document.objects.exists()


def test_a_version_number_is_unique_per_case_and_kind(case):
    stored_document(case)
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(case=case, kind=Document.Kind.IOP_AGREEMENT, version=1, context={})


def test_the_database_refuses_to_change_or_delete_a_final_document(case, requires_postgresql):
    document = stored_document(case, status=Document.Status.FINAL)
    for statement in (
        "UPDATE documents_document SET sha256 = 'x' WHERE id = %s",
        "DELETE FROM documents_document WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="never changed"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [document.pk])
    document.refresh_from_db()
    assert document.sha256 != "x"
