"""The render task through a real Celery worker and Redis, as in production."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from config.celery import app
from documents import samples, services
from documents.models import Document
from tests import factories


@pytest.fixture
def real_worker(settings):
    broker = settings.CELERY_BROKER_URL
    if not broker:
        pytest.skip("needs CELERY_BROKER_URL (Redis); CI sets it")
    # Read the app's settings before changing Django's: the app loads them lazily.
    previous = (app.conf.task_always_eager, app.conf.broker_url)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(task_always_eager=False, broker_url=broker)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
            yield
    finally:
        app.conf.update(task_always_eager=previous[0], broker_url=previous[1])


def _wait_until_ready(document: Document, seconds: float = 60) -> Document:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        document.refresh_from_db()
        if not document.is_pending:
            return document
        time.sleep(0.2)
    raise AssertionError("the worker did not produce the document in time")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_produces_the_requested_document_after_commit(real_worker):
    assert not settings.CELERY_TASK_ALWAYS_EAGER
    case = factories.CaseFactory()
    officer = factories.staff()
    document = services.document_request(
        case=case,
        kind="submission_receipt",
        context=samples.receipt(case_number=case.case_number),
        acting_user=officer,
        final=True,
    )
    document = _wait_until_ready(document)
    assert document.is_ready, document.failure
    assert document.pages >= 1
    with document.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
