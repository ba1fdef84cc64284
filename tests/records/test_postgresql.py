"""On PostgreSQL, where the triggers stand: disposal removes the records the decision covers
and leaves the append-only audit log as it was, with only new events added; a final document
still cannot be deleted any other way."""

from datetime import date

import pytest
from django.db import ProgrammingError, connection, transaction

from casework.models import AuditEvent, Comment
from documents.models import Document
from records import disposal, selectors, services
from records.kinds import COMMENT
from records.models import DisposalList, DisposalRecord
from tests import factories
from tests.records.helpers import case_of, close_on, records_manager, rule, with_records

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _log():
    return list(AuditEvent.objects.order_by("pk").values_list(
        "pk", "case_id", "target_type_id", "target_id", "target_repr", "actor_id", "action",
        "reason", "data", "at",
    ))  # fmt: skip


def test_disposal_leaves_the_append_only_audit_log_as_it_was(requires_postgresql):
    board = factories.BoardFactory()
    rule(board, Document.Kind.DECISION_LETTER, years=0)
    rule(board, COMMENT, years=0)
    case = case_of(board)
    letter, memo, comment = with_records(case)
    close_on(case, date(2020, 1, 1))
    built = services.disposal_list_build(
        name="Allt 2020", retentions=list(selectors.due_retentions()), acting_user=records_manager()
    )
    approved = services.disposal_list_approve(disposal_list=built, acting_user=records_manager())
    before = _log()

    done = disposal.disposal_list_execute(disposal_list=approved, acting_user=records_manager())

    assert done.status == DisposalList.Status.EXECUTED
    assert not Document.objects.filter(pk=letter.pk).exists()  # a final document, by decision
    assert not Comment.objects.filter(pk=comment.pk).exists()
    assert Document.objects.filter(pk=memo.pk).exists()
    after = _log()
    assert after[: len(before)] == before
    assert {row[6] for row in after[len(before) :]} == {
        "records_disposed",
        "disposal_list_executed",
    }
    assert DisposalRecord.objects.filter(case=case).count() == 2


def test_a_final_document_is_still_never_deleted_outside_a_disposal(requires_postgresql):
    case = factories.CaseFactory()
    with transaction.atomic():
        letter = with_records(case)[0]
    with (
        pytest.raises(ProgrammingError, match="never changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM documents_document WHERE id = %s", [letter.pk])
    # Nor once a disposal in the same transaction has deleted another: the leave is per statement.
    other = factories.CaseFactory()
    with transaction.atomic():
        second = with_records(other)[0]
    with pytest.raises(ProgrammingError, match="never changed"), transaction.atomic():
        Document.objects.filter(pk=second.pk).dispose()
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM documents_document WHERE id = %s", [letter.pk])
    assert Document.objects.filter(pk__in=[letter.pk, second.pk]).count() == 2
