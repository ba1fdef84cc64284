"""The hand-off to the registry: a case registered, a final document produced and a case
closed each become an outbox event in the transaction of the change, delivered at least once
with its idempotency key, and retried with back-off when the registry does not answer."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.contrib.admin.sites import site
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone

from casework import services as case_services
from casework.models import Case
from documents import producing, samples
from documents import services as document_services
from registry import connectors, tasks
from registry.admin import OutboxEventAdmin
from registry.models import OutboxEvent
from tests import factories
from tests.registry.receiver import SECRET, Registry

pytestmark = pytest.mark.django_db


def write_listing(case, directory: Path) -> None:
    """A package writer for the file drop: one file naming the case."""
    (directory / "listing.txt").write_text(case.case_number)


@pytest.fixture
def drop(settings, tmp_path):
    settings.REGISTRY_DROP_DIRECTORY = str(tmp_path / "drop")
    settings.REGISTRY_PACKAGE_WRITER = "tests.registry.test_outbox.write_listing"
    return tmp_path / "drop"


@pytest.fixture
def registry(settings):
    receiver = Registry()
    settings.REGISTRY_WEBHOOK_URL = receiver.url
    settings.REGISTRY_WEBHOOK_SECRET = SECRET
    settings.REGISTRY_BACKOFF_SECONDS = 30
    settings.REGISTRY_MAX_ATTEMPTS = 3
    yield receiver
    receiver.close()


def _register(organisation) -> Case:
    return factories.CaseFactory(organisation=organisation, title="Läxhjälp i Rosengård")


def test_nothing_is_handed_off_without_a_connector(organisation):
    _register(organisation)
    assert not OutboxEvent.objects.exists()


def test_a_registered_case_is_dropped_once_its_transaction_commits(
    drop, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = _register(organisation)
    event = OutboxEvent.objects.get()
    assert (event.kind, event.case, event.state) == ("case.registered", case, "delivered")
    dropped = json.loads((drop / f"{event.key}.json").read_text())
    assert dropped["id"] == str(event.key)
    assert dropped["event"] == "case.registered"
    assert dropped["case"]["case_number"] == case.case_number
    assert dropped["case"]["organisation"]["organisation_number"] == organisation.org_number
    assert not list(drop.glob(".*"))  # no half-written file left behind


def test_a_registration_rolled_back_leaves_no_event(drop, organisation):
    with pytest.raises(RuntimeError), transaction.atomic():
        _register(organisation)
        raise RuntimeError("the caller fails after registering")
    assert not OutboxEvent.objects.exists()
    assert not drop.exists() or not list(drop.iterdir())


def test_a_final_document_is_dropped_with_the_bytes_stored(
    drop, organisation, django_capture_on_commit_callbacks
):
    case = _register(organisation)
    with django_capture_on_commit_callbacks(execute=True):
        document = factories.final_receipt(case)
    event = OutboxEvent.objects.get(kind="document.finalised")
    assert event.payload["document"]["sha256"] == document.sha256
    with document.file.open("rb") as stored:
        assert (drop / f"{event.key}.pdf").read_bytes() == stored.read()


def test_a_draft_document_is_not_handed_off(drop, organisation):
    case = _register(organisation)
    document = document_services.document_request(
        case=case,
        kind="submission_receipt",
        context=samples.receipt(sections=1, attachments=1, case_number=case.case_number),
        acting_user=None,
        final=False,
    )
    producing.document_render(document_id=document.pk)
    assert not OutboxEvent.objects.filter(kind="document.finalised").exists()


def test_a_closed_case_is_dropped_with_its_package(
    drop, organisation, django_capture_on_commit_callbacks
):
    case = _register(organisation)
    with django_capture_on_commit_callbacks(execute=True):
        case_services.case_close(case=case, acting_user=None, reason="Avslutat")
    event = OutboxEvent.objects.get(kind="case.closed")
    assert event.payload["case"]["closed_at"]
    assert (drop / str(event.key) / "listing.txt").read_text() == case.case_number


def test_the_webhook_is_signed_and_the_registry_number_is_kept(
    registry, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = _register(organisation)
    event = OutboxEvent.objects.get()
    assert event.state == "delivered"
    assert list(registry.applied) == [str(event.key)]
    assert registry.applied[str(event.key)]["case"]["case_number"] == case.case_number
    assert registry.bad_signatures == 0
    case.refresh_from_db()
    assert case.registry_number == "KS 2026/0001"


def test_a_wrong_secret_is_refused_by_the_registry_and_retried(
    registry, settings, organisation, django_capture_on_commit_callbacks
):
    settings.REGISTRY_WEBHOOK_SECRET = "not-the-secret-the-registry-keeps"
    with django_capture_on_commit_callbacks(execute=True):
        _register(organisation)
    event = OutboxEvent.objects.get()
    assert registry.bad_signatures == 1 and not registry.applied
    assert (event.state, event.attempts) == ("pending", 1)


def test_a_failing_registry_is_retried_with_back_off_and_applies_the_event_once(
    registry, organisation, django_capture_on_commit_callbacks
):
    registry.failures_left = 2
    with django_capture_on_commit_callbacks(execute=True):
        _register(organisation)
    event = OutboxEvent.objects.get()
    assert (event.state, event.attempts) == ("pending", 1)
    assert "503" in event.last_error
    first_wait = event.next_attempt_at - timezone.now()
    assert timedelta(seconds=25) < first_wait <= timedelta(seconds=30)

    assert tasks.deliver_due_events() == 0  # not yet due: nothing is sent early
    with time_machine.travel(event.next_attempt_at + timedelta(seconds=1)):
        tasks.deliver_due_events()
    event.refresh_from_db()
    assert (event.state, event.attempts) == ("pending", 2)
    # The second wait is twice the first.
    assert event.next_attempt_at - timezone.now() > timedelta(seconds=55)
    with time_machine.travel(event.next_attempt_at + timedelta(seconds=1)):
        tasks.deliver_due_events()
    event.refresh_from_db()
    assert (event.state, event.attempts) == ("delivered", 3)
    assert registry.received == [str(event.key)] * 3
    assert list(registry.applied) == [str(event.key)]


def test_after_the_last_attempt_the_event_fails_visibly_and_an_administrator_retries_it(
    registry, organisation, admin_user, django_capture_on_commit_callbacks
):
    registry.failures_left = 10
    _register(organisation)
    event = OutboxEvent.objects.get()
    for day in range(1, 4):
        with time_machine.travel(timezone.now() + timedelta(days=day)):
            tasks.deliver_due_events()
    event.refresh_from_db()
    assert (event.state, event.attempts) == ("failed", 3)

    registry.failures_left = 0
    request = RequestFactory().post("/")
    request.user = admin_user
    request._messages = type("Messages", (), {"add": lambda *args, **kwargs: None})()
    with django_capture_on_commit_callbacks(execute=True):
        OutboxEventAdmin(OutboxEvent, site).retry(request, OutboxEvent.objects.all())
    event.refresh_from_db()
    assert event.state == "delivered"
    assert list(registry.applied) == [str(event.key)]


def test_the_body_is_the_same_at_every_attempt(registry, organisation):
    _register(organisation)
    event = OutboxEvent.objects.get()
    assert connectors.body(event) == connectors.body(OutboxEvent.objects.get(pk=event.pk))


def test_the_case_page_shows_the_registrys_number(client, organisation):
    case = _register(organisation)
    Case.objects.filter(pk=case.pk).update(registry_number="KS 2026/0042")
    member = factories.member(organisation)
    client.force_login(member)
    page = client.get(f"/cases/{case.case_number}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Diarienummer i kommunens diarium" in page and "KS 2026/0042" in page
