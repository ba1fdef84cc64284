"""Exactly once across a killed worker: the registry applies an event and the worker delivering
it is killed (SIGKILL) before it hears the answer. The event goes back to the queue, a new
worker delivers it again with the same idempotency key, and the registry, which keeps the keys,
applies it once. Real worker processes, the real Redis broker and PostgreSQL."""

import os
import signal

import pytest

from registry.models import OutboxEvent
from tests import factories
from tests.registry.receiver import SECRET, Registry
from tests.workers import wait, worker


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_every_event_is_applied_once_across_a_killed_worker(broker, settings, organisation):
    registry = Registry()
    registry.hang_after_applying.set()
    connector = {
        "REGISTRY_WEBHOOK_URL": registry.url,
        "REGISTRY_WEBHOOK_SECRET": SECRET,
        "REGISTRY_BACKOFF_SECONDS": "1",
    }
    for name, value in connector.items():
        setattr(settings, name, value)
    try:
        cases = [factories.CaseFactory(organisation=organisation) for _ in range(3)]
        keys = {str(key) for key in OutboxEvent.objects.values_list("key", flat=True)}
        assert len(keys) == 3

        first = worker(broker, **connector)
        try:
            wait(lambda: registry.applied, 60, "the registry to apply the first event")
            os.kill(first.pid, signal.SIGKILL)
            first.wait(10)
        finally:
            if first.poll() is None:
                first.kill()
        registry.hang_after_applying.clear()
        registry.release.set()

        second = worker(broker, **connector)
        try:
            wait(
                lambda: not OutboxEvent.objects.exclude(state="delivered").exists(),
                120,
                "every event to be delivered after the restart",
            )
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(30)
    finally:
        registry.close()

    assert set(registry.applied) == keys  # each applied, and only once (a dict by key)
    killed_key = registry.received[0]
    assert registry.received.count(killed_key) == 2  # delivered again after the kill
    assert sorted(OutboxEvent.objects.values_list("case", flat=True)) == sorted(
        case.pk for case in cases
    )
    print(
        f"\nregistry hand-off across a killed worker: {len(registry.received)} deliveries, "
        f"{len(registry.applied)} events applied once each"
    )
