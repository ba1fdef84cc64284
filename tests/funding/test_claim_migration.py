"""A repayment claim made before claims were decisions is open and due 30 days after it was
made, once this release's migrations have run."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from funding.models import RepaymentClaim

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("funding", "0004_more_report_requested")]


@pytest.fixture
def latest():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_an_old_claim_is_open_and_due_thirty_days_after_it_was_made(draft, officer, latest):
    # The claim's row as the old service wrote it (the application's status is not the point).
    claim = RepaymentClaim.objects.create(
        application=draft, amount=Decimal("5000"), reason="Inte använt.", opened_by=officer
    )
    MigrationExecutor(connection).migrate(BEFORE)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    claim.refresh_from_db()
    assert claim.status == RepaymentClaim.Status.OPEN
    assert claim.due_on == claim.opened_at.date() + timedelta(days=30)
    assert claim.amount_received == 0
