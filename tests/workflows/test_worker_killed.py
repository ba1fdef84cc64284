"""A Celery worker killed (SIGKILL) in the middle of rendering a document loses nothing: a new
worker gets the job again, exactly one document exists afterwards, and the workflow goes on.

Runs real worker processes against the real Redis broker and PostgreSQL.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from config.celery import app
from documents import producing, samples, services
from documents.models import Document
from tests import factories
from workflows.models import CaseProcess
from workflows.nodes import CeleryJob

ROOT = Path(__file__).resolve().parents[2]


class AgreementFlow(flow.Flow):
    """Start, produce the agreement in the background, end."""

    process_class = CaseProcess
    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle(this.started).Next(this.produce)
    produce = CeleryJob(this.produce_agreement).Next(this.end)
    end = flow.End()

    def started(self, activation, case):
        activation.process.artifact = case
        activation.process.save()
        return activation.process

    def produce_agreement(self, activation):
        """Safe to run twice: the version requested by a killed run is rendered, not repeated."""
        case = activation.process.artifact
        document = Document.objects.filter(case=case, kind="iop_agreement").first()
        if document is None:
            context = samples.agreement(
                parties=12, goals=25, paragraphs=6, case_number=case.case_number
            )
            document = services.document_request(
                case=case, kind="iop_agreement", context=context, acting_user=None, final=True
            )
        producing.document_render(document_id=document.pk)


def _worker(broker: str) -> subprocess.Popen:
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD']}@"
            f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/"
            f"{database['NAME']}"
        ),
        "CELERY_BROKER_URL": broker,
        "CELERY_VISIBILITY_TIMEOUT": "3",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
    )


def _wait(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def broker(settings, requires_postgresql):
    if not settings.CELERY_BROKER_URL:
        pytest.skip("needs CELERY_BROKER_URL (Redis); CI sets it")
    previous = (app.conf.task_always_eager, app.conf.broker_url)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(task_always_eager=False, broker_url=settings.CELERY_BROKER_URL)
    app.control.purge()
    yield settings.CELERY_BROKER_URL
    app.control.purge()
    app.conf.update(task_always_eager=previous[0], broker_url=previous[1])


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_rendering_loses_nothing(broker, organisation):
    case = factories.CaseFactory(organisation=organisation)
    process = AgreementFlow.start.run(case=case)
    job = Task.objects.get(process=process, flow_task=AgreementFlow.produce)
    first = _worker(broker)
    try:
        # The job has started and asked for its document: the rendering is under way.
        _wait(lambda: Document.objects.filter(case=case).exists(), 60, "the rendering to start")
        time.sleep(0.3)
        assert first.poll() is None, "the worker finished before it could be killed"
        assert not Document.objects.get(case=case).rendered_at
        os.kill(first.pid, signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    second = _worker(broker)
    try:
        _wait(
            lambda: Process.objects.get(pk=process.pk).status == STATUS.DONE,
            120,
            "the workflow to finish after the restart",
        )
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(30)
    documents = Document.objects.filter(case=case)
    assert documents.count() == 1
    document = documents.get()
    assert document.rendered_at and document.sha256 and document.pages > 1
    with document.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    job.refresh_from_db()
    assert job.status == STATUS.DONE
    print(
        f"\nworker killed mid-rendering: 1 document ({document.pages} pages), job {job.status},"
        f" process {Process.objects.get(pk=process.pk).status}"
    )
