"""Migrations that change stored statuses leave no application, and no running process, behind.

Each test makes its cases with today's services and flow, takes the database back to the shape
before the migration (as a deployed system holds it), and forward again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from viewflow.workflow.status import PROCESS

from funding.models import FundingApplication, Status
from organisations.models import Role
from tests import factories
from tests.driver import do_one, open_tasks
from tests.workflows.funding_steps import report, walk_to_report_back

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_SPLIT = [("funding", "0003_status_protected")]
SPLIT = [("funding", "0004_more_report_requested")]


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


def _statuses(*processes) -> list[str]:
    # Only the status: the model of today has fields the older tables lack.
    return [
        FundingApplication.objects.filter(pk=process.artifact_object_id)
        .values_list("status", flat=True)
        .get()
        for process in processes
    ]


def _leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def latest():
    """Whatever a test migrates to, the database is left at the newest migration."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_paid_is_split_and_a_report_back_sent_back_goes_on_where_it_waited(
    client, organisation, latest
):
    member = factories.member(organisation)
    officer, delegate = factories.staff(Role.OFFICER), factories.staff(Role.DELEGATE)
    sent_back, paid = factories.funding_process(organisation), factories.funding_process()
    for process in (sent_back, paid):
        walk_to_report_back(client, process, officer, delegate)
    report(client, member, sent_back)
    more = {"review": "more_requested", "note": "Bifoga kvitton."}
    do_one(client, officer, sent_back, "review_report", more)

    _migrate(BEFORE_SPLIT)
    assert _statuses(sent_back, paid) == ["paid", "paid"]  # as the log of old rows has it
    _migrate(SPLIT)
    assert _statuses(sent_back, paid) == [Status.MORE_REPORT_REQUESTED, Status.PAID]
    _migrate(_leaves())  # the later migrations too, which today's code needs

    assert [task.flow_task.name for task in open_tasks(sent_back)] == ["report_back"]
    report(client, member, sent_back)
    do_one(client, officer, sent_back, "review_report", {"review": "approved"})
    sent_back.refresh_from_db()
    assert sent_back.status == PROCESS.DONE
    assert _statuses(sent_back) == [Status.CLOSED]


BEFORE_MEETINGS = [("funding", "0006_board_series_and_open_claims")]
# Forward to the newest (0008 links the decisions to their meetings on the way), so that the
# models of today can read the result.
MEETINGS = [("funding", "0010_delegation_rules_get_their_board")]


def test_decisions_recorded_before_meetings_point_to_their_meetings(organisation, latest):
    from datetime import date
    from decimal import Decimal

    from funding import services
    from funding.models import BoardMeeting, Decision

    programme = factories.FundingProgrammeFactory()
    factories.eligible(organisation)
    decisions = []
    for amount, role in ((60_000, Role.BOARD_SECRETARY), (30_000, Role.DELEGATE)):
        application = factories.funding_draft(organisation, programme, amount_applied=amount)
        services.application_submit(application=application, acting_user=application.created_by)
        services.application_mark_complete(
            application=application, acting_user=factories.staff(Role.OFFICER)
        )
        services.assessment_record(
            application=application,
            acting_user=factories.staff(Role.OFFICER),
            no_conflict_of_interest=True,
            proposed_outcome="approved",
            proposed_amount=Decimal(amount),
            summary="Bra.",
            scores={programme.criteria.get().pk: (4, "")},
        )
        board = programme.board if role == Role.BOARD_SECRETARY else None
        decisions.append(
            services.decision_record(
                application=application,
                acting_user=(
                    factories.staff(role, board=board) if board else factories.delegate(programme)
                ),
                no_conflict_of_interest=True,
                outcome="approved",
                amount_granted=Decimal(amount),
                reasons="Uppfyller villkoren.",
                meeting_date=date(2026, 11, 18) if board else None,
                protocol_paragraph="§ 112" if board else "",
            )
        )
    services.decisions_report_to_board(
        board=programme.board,
        acting_user=factories.staff(Role.BOARD_SECRETARY, board=programme.board),
        meeting_date=date(2026, 12, 9),
    )

    _migrate(BEFORE_MEETINGS)  # as a deployed system holds them: dates, no meeting records
    _migrate(MEETINGS)

    board_decision, delegated = (Decision.objects.get(pk=d.pk) for d in decisions)
    assert board_decision.meeting.held_on == date(2026, 11, 18)
    assert board_decision.reported_at is None
    assert delegated.reported_at.held_on == date(2026, 12, 9)
    assert delegated.meeting is None
    assert BoardMeeting.objects.filter(board=programme.board).count() == 2


BEFORE_BOARD = [
    ("funding", "0008_decisions_linked_to_their_meetings"),
    ("organisations", "0003_absences"),
]
BOARD = [("funding", "0010_delegation_rules_get_their_board")]


def test_existing_delegation_rules_get_their_programmes_board(latest):
    """Rules made before a rule had a board belong to the board of their programme: the only
    board whose delegation order could have given them."""
    first, second = factories.FundingProgrammeFactory(), factories.FundingProgrammeFactory()
    _migrate(BEFORE_BOARD)
    old = MigrationExecutor(connection).loader.project_state(BEFORE_BOARD).apps
    rule = old.get_model("funding", "DelegationRule")
    assert rule.objects.filter(programme_id=first.pk).count() == first.delegation_rules.count()
    assert "board" not in {field.name for field in rule._meta.get_fields()}

    _migrate(BOARD)

    new = MigrationExecutor(connection).loader.project_state(BOARD).apps
    rules = new.get_model("funding", "DelegationRule").objects
    for programme in (first, second):
        boards = set(rules.filter(programme_id=programme.pk).values_list("board_id", flat=True))
        assert boards == {programme.board_id}
