"""Cases in flight survive this release's data migrations: an assignment loses the statutory
clock, a board keeps the series its programmes used, and no number given is given again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from casework.models import Case, CaseNumberCounter, RegistrationSeries
from casework.services import case_register
from partnerships import services as partnerships
from partnerships.models import Party
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("casework", "0005_audit_log_refuses_truncate")]


def _migrate(targets) -> None:
    MigrationExecutor(connection).migrate(targets)


@pytest.fixture
def latest():
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_assignments_lose_the_clock_and_boards_keep_their_series_and_numbers(latest):
    officer = factories.staff()
    organisation = factories.OrganisationFactory()
    board = factories.BoardFactory(code="fritid")
    programme = factories.FundingProgrammeFactory(board=board)
    type(programme).objects.filter(pk=programme.pk).update(case_series="FRN")
    for _ in range(3):  # numbered in the programme's series, as before this release
        case_register(kind="funding_application", series="FRN", title="A", acting_user=None)
    # A counter behind the numbers given (restored from an older backup, say).
    CaseNumberCounter.objects.filter(series="FRN").update(last_number=1)
    assignment = partnerships.inquiry_register_assignment(
        acting_user=officer,
        assignment_reference="KS 2026-03-04 § 12",
        lead=organisation,
        title="Helamalmö",
        purpose="p",
        target_group="t",
        public_benefit_goal="g",
        parties=[
            partnerships.PartyInput(board.administration, Party.Side.PUBLIC, board=board),
            partnerships.PartyInput(organisation, Party.Side.IDEA_BASED),
        ],
    )
    proposal = factories.iop_inquiry(organisation)

    _migrate(BEFORE)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    opened = dict(Case.objects.values_list("pk", "opened_by"))
    assert opened[assignment.case_id] == "authority" and opened[proposal.case_id] == "party"
    assert RegistrationSeries.objects.get(board=board).prefix == "FRN"
    assert CaseNumberCounter.objects.get(series="FRN").last_number == 3
    programme.refresh_from_db()
    fourth = case_register(
        kind="funding_application", series=programme.series, title="B", acting_user=None
    )
    assert fourth.case_number == f"FRN-{fourth.year}-00004"
