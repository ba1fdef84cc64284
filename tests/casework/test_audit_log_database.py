import pytest
from django.db import DatabaseError, connection, transaction

from tests import factories


@pytest.mark.django_db
def test_the_database_refuses_to_update_or_delete_audit_events(requires_postgresql):
    case = factories.CaseFactory()
    for statement in (
        "UPDATE casework_auditevent SET reason = 'ändrad' WHERE case_id = %s",
        "DELETE FROM casework_auditevent WHERE case_id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [case.pk])
    assert case.events.get().reason == ""
