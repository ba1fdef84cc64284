"""Contributions entered before they had a period keep their meaning: the amount stays a yearly
amount, and the period is the agreement's."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from partnerships.models import Contribution
from tests.partnerships.helpers import signed_inquiry

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_PERIODS = [("partnerships", "0004_assignments_opened_by_the_municipality")]
PERIODS = [("partnerships", "0008_contributions_per_year_and_memo_managers")]


def _migrate(targets) -> None:
    MigrationExecutor(connection).migrate(targets)


@pytest.fixture
def latest():
    """Whatever a test migrates to, the database is left at the newest migration."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_a_stored_yearly_amount_stays_yearly_and_runs_for_the_agreements_period(
    organisation, latest
):
    six_years = {"period_start": date(2021, 10, 1), "period_end": date(2027, 9, 30)}
    inquiry = signed_inquiry(organisation, money=Decimal(500_000), **six_years)

    _migrate(BEFORE_PERIODS)
    with connection.cursor() as cursor:
        cursor.execute("SELECT amount_sek FROM partnerships_contribution")
        assert [Decimal(str(row[0])) for row in cursor.fetchall()] == [Decimal(500_000)]
    _migrate(PERIODS)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    contribution = Contribution.objects.get(version__inquiry=inquiry)
    assert (contribution.period_start, contribution.period_end) == (
        date(2021, 10, 1),
        date(2027, 9, 30),
    )
    assert contribution.amount_sek == Decimal(500_000)  # per year, as it was entered
    assert contribution.total_sek == Decimal(3_000_000)
