"""Faults on PostgreSQL: the same task completed twenty times at once.

Two grant decisions at once never overdraw a programme's budget:
``tests/funding/test_budget_concurrency.py``.
"""

import threading

import psycopg
import pytest
from django.db import connections
from django.test import Client
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from funding.models import FundingApplication, Status
from tests import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 20


def _at_once(count, action) -> list:
    """Run ``action(i)`` in ``count`` threads released together; their results, in order."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(index):
        try:
            barrier.wait()
            results[index] = action(index)
        except Exception as exc:  # noqa: BLE001 - returned to the test
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_twenty_tabs_completing_the_same_task_complete_it_once(requires_postgresql, organisation):
    process = factories.funding_process(organisation)
    officer = factories.staff()
    task = Task.objects.get(process=process, flow_task_type="HUMAN", status=STATUS.NEW)
    args = [process.pk, task.pk]
    tabs = [Client() for _ in range(THREADS)]
    for tab in tabs:
        tab.force_login(officer)
    assert tabs[0].post(task.flow_task.reverse("assign", args=args)).status_code == 302
    execute = task.flow_task.reverse("execute", args=args)

    responses = _at_once(THREADS, lambda i: tabs[i].post(execute, {"result": "complete"}))

    assert [r for r in responses if isinstance(r, Exception)] == []
    done = [r for r in responses if r.status_code == 302]
    refused = [r for r in responses if r.status_code != 302]
    assert len(done) == 1
    assert {r.status_code for r in refused} == {409}  # told that someone completed it first
    assert all(
        "slutförde uppgiften först" in r.content.decode() or "redan slutfört" in r.content.decode()
        for r in refused
    )
    assert Task.objects.get(pk=task.pk).status == STATUS.DONE
    application = FundingApplication.objects.get(pk=process.application.pk)
    assert application.status == Status.IN_ASSESSMENT
    assert application.case.events.filter(action="application_complete").count() == 1
    next_tasks = Task.objects.filter(process=process, flow_task_type="HUMAN").exclude(pk=task.pk)
    assert next_tasks.count() == 1


BOARDS = 4


@pytest.fixture
def iop_people(organisation):
    from organisations.models import Role

    boards = [factories.BoardFactory() for _ in range(BOARDS)]
    return {
        "member": factories.member(organisation),
        "officer": factories.staff(),
        "boards": boards,
        "secretaries": {b: factories.staff(Role.BOARD_SECRETARY, board=b) for b in boards},
    }


def test_board_decisions_arriving_at_the_same_instant_join_once(requires_postgresql, iop_people):
    from tests.driver import open_tasks
    from tests.workflows import iop_steps as steps
    from tests.workflows.test_iop_flow import _propose, _to_memo
    from workflows.iop.flows import IOPFlow
    from workflows.models.base import task_url

    client = Client()
    process = _propose(client, iop_people)
    _to_memo(client, iop_people, process)
    decide_tasks = open_tasks(process, "decide")
    assert len(decide_tasks) == BOARDS
    tabs = []
    for task in decide_tasks:
        tab = Client()
        secretary = iop_people["secretaries"][task.owner_permission_obj]
        tab.force_login(secretary)
        assert tab.post(task_url(task, "assign")).status_code == 302
        tabs.append((tab, task_url(task, "execute"), steps.decision(signatory=secretary)))

    responses = _at_once(BOARDS, lambda i: tabs[i][0].post(tabs[i][1], tabs[i][2]))

    assert [r.status_code if not isinstance(r, Exception) else r for r in responses] == [302] * 4
    joins = Task.objects.filter(process=process, flow_task=IOPFlow.boards_done)
    assert joins.count() == 1 and joins.get().status == STATUS.DONE
    assert Task.objects.filter(process=process, flow_task=IOPFlow.are_boards_agreed).count() == 1
    assert Task.objects.filter(process=process, flow_task=IOPFlow.signing).count() == 1


class _Crash(Exception):
    pass


def _fault_after_the_first_audit_event(kind: str):
    """A query wrapper that, once an audit event is written, kills this connection's server
    process from another connection ("killed") or raises inside the transaction ("raised")."""
    from django.db import connection

    def wrapper(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith('INSERT INTO "casework_auditevent"'):
            if kind == "raised":
                raise _Crash("the process dies after writing the audit event")
            pid = connection.connection.info.backend_pid
            settings = connection.settings_dict
            with psycopg.connect(
                dbname=settings["NAME"],
                user=settings["USER"],
                password=settings["PASSWORD"],
                host=settings["HOST"],
                port=settings["PORT"] or 5432,
                autocommit=True,
            ) as killer:
                killer.execute("SELECT pg_terminate_backend(%s)", [pid])
        return result

    return wrapper


@pytest.mark.parametrize("kind", ["killed", "raised"])
def test_a_submission_whose_connection_dies_leaves_nothing_behind(
    requires_postgresql, organisation, kind
):
    from django.db import DatabaseError, connection

    from casework.models import AuditEvent, Case
    from documents.models import Document
    from funding import services

    application = factories.funding_draft(factories.eligible(organisation))
    before = (Case.objects.count(), AuditEvent.objects.count(), Document.objects.count())

    with (
        pytest.raises((DatabaseError, _Crash)),
        connection.execute_wrapper(_fault_after_the_first_audit_event(kind)),
    ):
        services.application_submit(application=application, acting_user=application.created_by)
    connection.close()  # the next query opens a new connection, as the next request would

    after = (Case.objects.count(), AuditEvent.objects.count(), Document.objects.count())
    assert after == before
    assert FundingApplication.objects.get(pk=application.pk).status == Status.DRAFT

    # The same submission, without the fault: the case, its events and its receipt all exist.
    services.application_submit(application=application, acting_user=application.created_by)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.case.events.filter(action="application_submitted").exists()
    assert Document.objects.filter(case=application.case).exists()
