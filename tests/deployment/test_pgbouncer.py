"""The application's critical path through PgBouncer in transaction mode: each transaction may
run on another server connection, so nothing may outlive one (no server-side cursor, no prepared
statement, no session setting). `migrate` is not run through the pooler (docs/deployment.md)."""

import copy
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
from django.db import connections

from casework.models import AuditEvent
from funding.models import FundingApplication, Status
from tests import driver, factories
from workflows.funding import services
from workflows.models import FundingProcess
from workflows.services import task_take

PORT = 6432

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _config(directory, database) -> str:
    (directory / "userlist.txt").write_text(f'"{database["USER"]}" "{database["PASSWORD"]}"\n')
    return f"""[databases]
* = host={database["HOST"] or "127.0.0.1"} port={database["PORT"] or 5432}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {PORT}
unix_socket_dir =
auth_type = scram-sha-256
auth_file = {directory}/userlist.txt
admin_users = {database["USER"]}
pool_mode = transaction
default_pool_size = 3
ignore_startup_parameters = options
"""


@pytest.fixture
def pooled():
    """The default connection goes through a PgBouncer of its own, as with
    DATABASE_TRANSACTION_POOLER=true (config/settings/base.py)."""
    connection = connections["default"]
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL; CI runs it there")
    program = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    if not Path(program).exists():
        pytest.skip("needs pgbouncer (Debian package pgbouncer); CI installs it")
    directory = Path(tempfile.mkdtemp(prefix="pgbouncer-"))
    settings = copy.deepcopy(connection.settings_dict)
    (directory / "pgbouncer.ini").write_text(_config(directory, settings))
    user = []
    if os.geteuid() == 0:  # pgbouncer does not run as root: as postgres, reading its files
        user = ["-u", "postgres"]
        for path in (directory, *directory.iterdir()):
            shutil.chown(path, "postgres")
    bouncer = subprocess.Popen([program, *user, str(directory / "pgbouncer.ini")])
    admin = None
    try:
        admin = _admin(settings, bouncer)
        connection.close()
        connection.settings_dict.update(
            HOST="127.0.0.1",
            PORT=PORT,
            DISABLE_SERVER_SIDE_CURSORS=True,
            OPTIONS={"prepare_threshold": None},
        )
        yield admin
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(settings)
        if admin:
            admin.close()
        bouncer.terminate()
        bouncer.wait(10)
        shutil.rmtree(directory)


def _admin(settings, bouncer) -> psycopg.Connection:
    deadline = time.monotonic() + 10
    while True:
        try:
            return psycopg.connect(
                host="127.0.0.1",
                port=PORT,
                dbname="pgbouncer",
                user=settings["USER"],
                password=settings["PASSWORD"],
                autocommit=True,
                prepare_threshold=None,
            )
        except psycopg.OperationalError:
            if bouncer.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _transactions(admin, database: str) -> int:
    with admin.cursor() as cursor:
        cursor.execute("SHOW STATS")
        columns = [column.name for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return sum(row["total_xact_count"] for row in rows if row["database"] == database)


def test_a_submission_a_task_and_an_iterated_query_work_through_pgbouncer(pooled, officer):
    database = connections["default"].settings_dict["NAME"]
    before = _transactions(pooled, database)
    organisation, programme = factories.OrganisationFactory(), factories.FundingProgrammeFactory()
    draft = factories.funding_draft(factories.eligible(organisation), programme)
    application = services.application_submit(application=draft, acting_user=draft.created_by)
    process = FundingProcess.objects.get(artifact_object_id=application.pk)
    (task,) = driver.open_tasks(process, "check_complete")
    with task_take(task=task, acting_user=officer) as activation:
        services.completeness_check(activation=activation, acting_user=officer, complete=True)
    application.refresh_from_db()
    assert application.status == Status.IN_ASSESSMENT
    assert len(driver.open_tasks(process, "assess")) == 1
    # A long read in chunks, outside a transaction, and one query run often enough on one
    # connection that psycopg would prepare it.
    events = list(AuditEvent.objects.order_by("pk").iterator(chunk_size=2))
    assert len(events) >= 2
    for _ in range(8):
        assert FundingApplication.objects.filter(pk=application.pk).exists()
    # It all went through the pooler, in transaction mode.
    assert _transactions(pooled, database) > before
    with pooled.cursor() as cursor:
        cursor.execute("SHOW POOLS")
        columns = [column.name for column in cursor.description]
        pools = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    assert [pool["pool_mode"] for pool in pools if pool["database"] == database] == ["transaction"]
