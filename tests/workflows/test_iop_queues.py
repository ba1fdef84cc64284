"""workflows.queues with real IOP tasks: each person's queue holds only their own work, and the
queue page costs the same number of queries for 1 task as for 25."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Role
from tests import factories
from tests.driver import do_one
from workflows import queues

from . import iop_steps as steps

pytestmark = pytest.mark.django_db


def _at_review(organisation, officer, client):
    process = factories.iop_process(organisation)
    do_one(client, officer, process, "screen", steps.screening())
    do_one(client, officer, process, "investigate", steps.assessment())
    do_one(client, officer, process, "co_create", steps.draft(process, action="send"))
    return process


def _at_boards(organisation, officer, client, boards):
    process = factories.iop_process(organisation, boards=boards)
    do_one(client, officer, process, "screen", steps.screening())
    do_one(client, officer, process, "investigate", steps.assessment())
    do_one(client, officer, process, "co_create", steps.draft(process, action="finish"))
    do_one(client, officer, process, "write_memo", steps.MEMO)
    return process


def test_an_organisations_queue_holds_only_its_own_tasks(client, organisation, officer):
    mine = _at_review(organisation, officer, client)
    _at_review(factories.OrganisationFactory(), officer, client)
    tasks = list(queues.queue(factories.member(organisation)))
    assert [task.process_id for task in tasks] == [mine.pk]
    assert tasks[0].flow_task.name == "review_draft"


def test_a_board_secretarys_queue_holds_only_their_boards_tasks(client, officer):
    ours, theirs = factories.BoardFactory(), factories.BoardFactory()
    _at_boards(factories.OrganisationFactory(), officer, client, [ours, theirs])
    _at_boards(factories.OrganisationFactory(), officer, client, [theirs])
    secretary = factories.staff(Role.BOARD_SECRETARY, board=ours)
    tasks = list(queues.queue(secretary))
    assert len(tasks) == 1 and tasks[0].owner_permission_obj == ours


def test_an_officers_queue_holds_only_role_tasks(client, organisation, officer):
    _at_review(organisation, officer, client)
    factories.iop_process(organisation)
    tasks = list(queues.queue(factories.staff()))
    assert [task.flow_task.name for task in tasks] == ["screen"]


def _queue_page_queries(client, user) -> int:
    client.force_login(user)
    # One request first: a fresh login's first page writes the session and warms caches, which
    # costs the same whatever the number of tasks.
    client.get(reverse("workflows:queue"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("workflows:queue")).status_code == 200
    return len(captured)


def test_the_queue_page_costs_the_same_for_1_and_25_tasks(client, organisation):
    member = factories.member(organisation)
    factories.iop_process(organisation)
    officer = factories.staff()
    one = _queue_page_queries(client, officer)
    for _ in range(24):
        factories.iop_process(organisation, user=member)
    many = _queue_page_queries(client, officer)
    assert one == many
