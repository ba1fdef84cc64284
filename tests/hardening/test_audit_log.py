"""The application's database role cannot change or empty the audit log (PostgreSQL).

Tried through a fresh connection of its own, as the application connects in production (the
role here is even a superuser): UPDATE, DELETE and TRUNCATE are each refused and the event is
still there afterwards.
"""

import psycopg
import pytest
from django.db import connection, transaction

from casework import events
from casework.actions import CaseAction
from tests import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _raw_connection():
    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        autocommit=True,
    )


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE casework_auditevent SET reason = 'ändrad i efterhand'",
        "DELETE FROM casework_auditevent",
        "TRUNCATE casework_auditevent",
        "TRUNCATE casework_auditevent CASCADE",
    ],
)
def test_the_application_role_cannot_change_the_audit_log(requires_postgresql, statement):
    case = factories.CaseFactory()
    with transaction.atomic():
        events.record(case, factories.staff(), CaseAction.REGISTERED, reason="original")
    before = list(case.events.values_list("pk", "reason"))

    with _raw_connection() as raw, pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
        raw.execute(statement)

    assert "append-only" in str(refused.value)
    assert list(case.events.values_list("pk", "reason")) == before
