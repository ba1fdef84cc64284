"""Delivering one outbox event: the background side of ``registry.services``, run by
``registry.tasks``. Safe to run twice and from two workers at once: the event's row is locked
while it is delivered, and a delivered event is not delivered again."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from casework.models import Case

from . import connectors
from .models import OutboxEvent


def backoff(attempts: int) -> int:
    """Seconds to wait before the next attempt: doubling from the base, at most six hours."""
    return min(settings.REGISTRY_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0), 6 * 3600)


@transaction.atomic
def event_deliver(*, event_id: int) -> int | None:
    """Deliver one event. Returns the seconds after which to try again, or ``None`` when there
    is nothing more to do (delivered, given up, gone, or another worker has it)."""
    event = (
        OutboxEvent.objects.select_for_update(skip_locked=True)
        .filter(pk=event_id, state=OutboxEvent.State.PENDING)
        .first()
    )
    if event is None:
        return None
    connector = connectors.configured().get(event.connector)
    event.attempts += 1
    try:
        if connector is None:
            raise connectors.DeliveryError(f"The connector {event.connector!r} is not configured.")
        answer = connector.deliver(event)
    except connectors.DeliveryError as exc:
        event.last_error = str(exc)[:2000]
        if event.attempts >= settings.REGISTRY_MAX_ATTEMPTS:
            event.state = OutboxEvent.State.FAILED
            event.next_attempt_at = None
            event.save()
            return None
        wait = backoff(event.attempts)
        event.next_attempt_at = timezone.now() + timedelta(seconds=wait)
        event.save()
        return wait
    event.state = OutboxEvent.State.DELIVERED
    event.delivered_at = timezone.now()
    event.next_attempt_at = None
    event.last_error = ""
    event.save()
    if answer.registry_number:
        Case.objects.filter(pk=event.case_id, registry_number="").update(
            registry_number=answer.registry_number
        )
    return None
