"""A Celery worker killed (SIGKILL) in the middle of rendering a document loses nothing: a new
worker gets the job again, exactly one document exists afterwards, and the workflow goes on.

Runs real worker processes against the real Redis broker and PostgreSQL.
"""

import os
import signal
import time

import pytest
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from documents import producing, samples, services
from documents.models import Document
from tests import factories
from tests.workers import wait, worker
from workflows.models import CaseProcess
from workflows.nodes import CeleryJob


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


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_rendering_loses_nothing(broker, organisation):
    case = factories.CaseFactory(organisation=organisation)
    process = AgreementFlow.start.run(case=case)
    job = Task.objects.get(process=process, flow_task=AgreementFlow.produce)
    first = worker(broker)
    try:
        # The job has started and asked for its document: the rendering is under way.
        wait(lambda: Document.objects.filter(case=case).exists(), 60, "the rendering to start")
        time.sleep(0.3)
        assert first.poll() is None, "the worker finished before it could be killed"
        assert not Document.objects.get(case=case).rendered_at
        os.kill(first.pid, signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    second = worker(broker)
    try:
        wait(
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
